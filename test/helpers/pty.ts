// Drives the built binary in a real pseudo-terminal (node-pty), as a person at a keyboard would.
import xterm from '@xterm/headless';
import { spawn, type IPty } from 'node-pty';
import { BIN } from './fixtures.js';

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', space: ' ', ctrlC: '\x03' } as const;

// Strip colours and cursor movement so tests read the text a person reads.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[=>]/g;

/** What a person sees: the visible rows of a terminal emulator fed the program's output. */
export interface Screen {
  lines: string[];
  /** Rows the emulator wrapped because the line before them was wider than the terminal. */
  wrapped: number[];
}

export class PtySession {
  readonly pty: IPty;
  /** A real terminal emulator fed the same output, for asserting on the rendered screen. */
  private readonly terminal: xterm.Terminal;
  private buffer = '';
  private exitInfo: { exitCode: number; signal?: number } | undefined;
  private readonly exited: Promise<{ exitCode: number; signal?: number }>;

  constructor(
    args: string[],
    env: NodeJS.ProcessEnv = {},
    cwd?: string,
    size: { cols: number; rows: number } = { cols: 100, rows: 40 },
  ) {
    this.pty = spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color',
      ...(cwd ? { cwd } : {}),
      ...size,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    this.terminal = new xterm.Terminal({ ...size, allowProposedApi: true, scrollback: 1000 });
    this.pty.onData((d) => {
      this.buffer += d;
      this.terminal.write(d);
    });
    this.exited = new Promise((resolve) =>
      this.pty.onExit((e) => {
        this.exitInfo = e;
        resolve(e);
      }),
    );
  }

  /** Everything the terminal received, escape sequences included. */
  get raw(): string {
    return this.buffer;
  }

  get text(): string {
    return this.buffer.replace(ANSI, '');
  }

  /** Output since `from` (an offset into text), for waiting on the next screen. */
  mark(): number {
    return this.text.length;
  }

  async waitFor(pattern: RegExp | string, from = 0, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = this.text.slice(from);
      if (typeof pattern === 'string' ? seen.includes(pattern) : pattern.test(seen)) return seen;
      if (this.exitInfo)
        throw new Error(
          `process exited (${this.exitInfo.exitCode}) before ${String(pattern)}:\n${this.text}`,
        );
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}:\n${this.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The visible screen once the emulator has drawn everything received so far. */
  async screen(): Promise<Screen> {
    await new Promise<void>((resolve) => this.terminal.write('', resolve));
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    const wrapped: number[] = [];
    for (let y = 0; y < this.terminal.rows; y++) {
      const line = buffer.getLine(buffer.viewportY + y);
      lines.push(line?.translateToString(true) ?? '');
      if (line?.isWrapped) wrapped.push(y);
    }
    return { lines, wrapped };
  }

  /** Where the terminal's cursor is on the visible screen (0-based column and row), once everything is drawn. */
  async cursor(): Promise<{ x: number; y: number }> {
    await new Promise<void>((resolve) => this.terminal.write('', resolve));
    const buffer = this.terminal.buffer.active;
    return { x: buffer.cursorX, y: buffer.cursorY };
  }

  /** Tell the program the terminal changed size, as a window resize does. */
  resize(cols: number, rows: number): void {
    this.pty.resize(cols, rows);
    this.terminal.resize(cols, rows);
  }

  write(keys: string): void {
    this.pty.write(keys);
  }

  wait(): Promise<{ exitCode: number; signal?: number }> {
    return this.exited;
  }

  kill(signal: string): void {
    this.pty.kill(signal);
  }
}

/**
 * Answers the question labelled "n/total" on screen — the first option, the first box of an all-that-apply
 * question, "Content-Type" for a text question (`choose` may pick another option by pressing Down first), the first
 * line of a lines question, the steps in the order shown for an order question, or `SELECT 1` for a sql question —
 * and waits for the next question or the end screen (a score, or for a sealed bundle the line saying the answers are
 * recorded): once it shows, the answer was acknowledged.
 */
export async function answerQuestion(
  session: PtySession,
  n: number,
  total: number | string,
  choose: 'first' | 'second' = 'first',
): Promise<void> {
  const last = typeof total === 'number' ? n >= total : n >= Number(total.replace(/\D/g, ''));
  // From this question's label when it is already on screen (a long question runs well past it), else from the end.
  const label = session.text.lastIndexOf(`${n}/${total} ·`);
  const from = label >= 0 ? label : Math.max(0, session.mark() - 400);
  const screen = await session.waitFor(
    new RegExp(`${n}/${total} ·[\\s\\S]*(navigate|Ctrl-D submit|\\n.*\\S)`),
    from,
  );
  const mark = session.mark();
  // Only this question's screen: the text before it may be the end of the previous question.
  const current = screen.slice(screen.lastIndexOf(`${n}/${total} ·`));
  const step = /Step 1 of (\d+)/.exec(current);
  if (current.includes('Schema · SQLite')) session.write('SELECT 1\x04');
  else if (step) {
    for (let i = 2; i <= Number(step[1]); i++) {
      const before = session.mark();
      session.write(KEY.enter);
      await session.waitFor(i < Number(step[1]) ? `Step ${i} of` : 'Submit this order?', before);
    }
    session.write(KEY.enter);
  } else if (/select\s+all\s+that\s+apply/i.test(current) || current.includes('space select'))
    session.write(KEY.space + KEY.enter);
  else if (current.includes('navigate'))
    session.write(choose === 'second' ? KEY.down + KEY.enter : KEY.enter);
  else session.write('Content-Type' + KEY.enter);
  await session.waitFor(last ? /Score:|answers are recorded/ : `${n + 1}/${total} ·`, mark);
}
