// Prompts laid out for the terminal's size, asked again when it changes.
import type { PromptContext } from './prompts.js';
import { terminalSize, type TerminalSize } from './text.js';

/**
 * Clears the screen and puts the cursor home, so a question redrawn for a new size starts clean: line by line
 * (cursor home, erase line, down), as the program's terminal filter lets through only cursor moves and erase-line.
 */
function clearScreen(rows: number): string {
  return `\u001b[H${'\u001b[2K\u001b[1B'.repeat(rows)}\u001b[H`;
}

/**
 * Runs `ask` laid out for the terminal's current size. When the terminal is resized, it is asked again on a cleared
 * screen, laid out for the new size (Inquirer wraps mid-word when the width shrinks under it).
 */
export async function askFitted<T>(
  context: PromptContext,
  ask: (size: TerminalSize, context: PromptContext) => Promise<T>,
): Promise<T> {
  const output = context.output ?? process.stdout;
  for (;;) {
    const resized = new AbortController();
    const onResize = () => resized.abort();
    const events = output as Partial<Pick<NodeJS.EventEmitter, 'on' | 'off'>>;
    events.on?.('resize', onResize);
    const signal = context.signal ? AbortSignal.any([context.signal, resized.signal]) : resized.signal;
    try {
      return await ask(terminalSize(output), { ...context, signal });
    } catch (error) {
      if (!resized.signal.aborted || context.signal?.aborted) throw error;
      output.write(clearScreen(terminalSize(output).rows));
    } finally {
      events.off?.('resize', onResize);
    }
  }
}
