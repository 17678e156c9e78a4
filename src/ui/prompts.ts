// Every question the program asks a person goes through here (the only importer of @inquirer/prompts).
import { checkbox, confirm, input, number, password, select } from '@inquirer/prompts';
import type { Question } from '../core/bank-schema.js';
import type { Response } from '../core/scoring.js';
import type { QuizItem } from '../core/selection.js';
import { sanitizeText } from '../core/sanitize.js';
import { renderPrompt } from './render.js';
import { terminalSize, wrapText, type TerminalSize } from './text.js';
import type { Theme } from './theme.js';

/** Streams and cancellation for a prompt; tests and the quiz timer pass their own. */
export interface PromptContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

export type QuestionPrompt =
  | { kind: 'select'; config: Parameters<typeof select<string>>[0] }
  | { kind: 'checkbox'; config: Parameters<typeof checkbox<string>>[0] }
  | { kind: 'input'; config: Parameters<typeof input>[0] };

/** Columns before a choice's text: "❯ " in a list, "❯◯ " in a checkbox list. */
const SELECT_MARGIN = '  ';
const CHECKBOX_MARGIN = '   ';
/** Lines a list prompt takes besides its message and choices: the help line and a spare for the cursor. */
const LIST_CHROME = 2;
/** Fewest choice lines a list shows however little room the terminal leaves. */
const MIN_PAGE = 5;

/** A choice's text wrapped to the terminal, continuation lines under the text rather than under the cursor. */
function wrapChoice(text: string, columns: number, margin: string): string {
  return wrapText(text, columns - 1 - margin.length, '', margin);
}

/**
 * Lines of the list to show: all of them when they fit under the message, else as many as the rows leave, never
 * fewer than the longest choice so one choice is never cut in half.
 */
export function listPageSize(messageLines: number, choiceNames: string[], rows: number): number {
  const heights = choiceNames.map((n) => n.split('\n').length);
  const total = heights.reduce((a, b) => a + b, 0);
  const room = rows - messageLines - LIST_CHROME;
  return Math.min(total, Math.max(room, MIN_PAGE, ...heights));
}

/**
 * Builds the prompt for one question, options in the session's fixed order, laid out for a terminal of `size`:
 * prose and options wrapped at word boundaries, the list as tall as the rows allow.
 */
export function questionPrompt(
  question: Question,
  item: QuizItem,
  label: string,
  theme: Theme,
  size: TerminalSize = { columns: 80, rows: 24 },
): QuestionPrompt {
  // The first line follows Inquirer's "? " prefix; one spare column keeps the cursor off the right edge.
  const width = size.columns - 1;
  const multiple = question.type === 'multiple';
  // The message ends on an empty line: the list starts below it and, once answered, so does the chosen option.
  // Banks often say it in the prompt already; say it once.
  const hint =
    multiple && !/select\s+all\s+that\s+apply/i.test(question.prompt)
      ? `${theme.dim('(select all that apply)')}\n`
      : '';
  const message = `${theme.dim(wrapText(label, width - 2))}\n${renderPrompt(question.prompt, theme, width)}\n${hint}`;
  const margin = multiple ? CHECKBOX_MARGIN : SELECT_MARGIN;
  const byId = new Map(question.options.map((o) => [o.id, o]));
  const shown = item.optionOrder.flatMap((id) => {
    const option = byId.get(id);
    return option ? [{ id, text: sanitizeText(option.text) }] : [];
  });
  // After answering, Inquirer prints the choice after the message's last line, behind one space.
  const choices = shown.map(({ id, text }) => ({
    name: wrapChoice(text, size.columns, margin),
    short: wrapChoice(text, size.columns, ' '),
    value: id,
  }));
  const pageSize = listPageSize(
    message.split('\n').length,
    choices.map((c) => c.name),
    size.rows,
  );
  switch (question.type) {
    case 'single':
    case 'true-false':
      return { kind: 'select', config: { message, choices, loop: false, pageSize } };
    case 'multiple': {
      // Once answered, the ticked options are printed together: wrap them as one text, not one by one.
      const texts = new Map(shown.map((o) => [o.id, o.text]));
      const renderSelectedChoices = (selected: readonly { value: string }[]) =>
        wrapChoice(selected.map((c) => texts.get(c.value) ?? c.value).join('; '), size.columns, ' ');
      return {
        kind: 'checkbox',
        config: {
          message,
          choices,
          loop: false,
          required: true,
          pageSize,
          theme: { style: { renderSelectedChoices } },
        },
      };
    }
    case 'text':
      return { kind: 'input', config: { message, required: false } };
    case 'sql':
    case 'lines':
    case 'order':
      throw new Error(`${question.type} questions are not asked in the terminal yet`);
  }
}

/**
 * Clears the screen and puts the cursor home, so a question redrawn for a new size starts clean: line by line
 * (cursor home, erase line, down), as the program's terminal filter lets through only cursor moves and erase-line.
 */
function clearScreen(rows: number): string {
  return `\u001b[H${'\u001b[2K\u001b[1B'.repeat(rows)}\u001b[H`;
}

/**
 * Asks one question laid out for the terminal's current size. When the terminal is resized, the question is asked
 * again on a cleared screen, laid out for the new size (Inquirer wraps mid-word when the width shrinks under it).
 */
export async function askQuestion(
  question: Question,
  item: QuizItem,
  label: string,
  theme: Theme,
  context: PromptContext,
): Promise<Response> {
  const output = context.output ?? process.stdout;
  for (;;) {
    const resized = new AbortController();
    const onResize = () => resized.abort();
    const events = output as Partial<Pick<NodeJS.EventEmitter, 'on' | 'off'>>;
    events.on?.('resize', onResize);
    const signal = context.signal ? AbortSignal.any([context.signal, resized.signal]) : resized.signal;
    try {
      const prompt = questionPrompt(question, item, label, theme, terminalSize(output));
      const ask = { ...context, signal };
      switch (prompt.kind) {
        case 'select':
          return [await select(prompt.config, ask)];
        case 'checkbox':
          return await checkbox(prompt.config, ask);
        case 'input':
          return [await input(prompt.config, ask)];
      }
    } catch (error) {
      if (!resized.signal.aborted || context.signal?.aborted) throw error;
      output.write(clearScreen(terminalSize(output).rows));
    } finally {
      events.off?.('resize', onResize);
    }
  }
}

export const HOME_CHOICES = [
  { value: 'quiz', name: 'Start a quiz' },
  { value: 'practice', name: 'Practice (right or wrong after each answer)' },
  { value: 'review', name: 'Review due questions' },
  { value: 'progress', name: 'Progress' },
  { value: 'resume', name: 'Resume an interrupted quiz' },
  { value: 'history', name: 'History' },
  { value: 'banks', name: 'Question banks' },
  { value: 'quit', name: 'Quit' },
] as const;
export type HomeChoice = (typeof HOME_CHOICES)[number]['value'];

export async function askHomeChoice(context: PromptContext, resumable: number, due = 0): Promise<HomeChoice> {
  const choices = HOME_CHOICES.map((c) =>
    c.value === 'resume'
      ? { ...c, disabled: resumable === 0 ? '(nothing to resume)' : false }
      : c.value === 'review'
        ? due === 0
          ? { ...c, disabled: '(nothing due)' }
          : { ...c, name: `${c.name} (${due} due)` }
        : c,
  );
  return select<HomeChoice>({ message: 'backend-quiz', choices, loop: false }, context);
}

export interface QuizSettingsAnswers {
  topics: string[];
  count: number;
  difficulty: string;
  timeLimit: number | undefined;
}

export async function askQuizSettings(
  domains: { id: string; title: string; questions: number }[],
  difficulties: readonly string[],
  context: PromptContext,
  askTimeLimit = true,
): Promise<QuizSettingsAnswers> {
  const topics = await checkbox(
    {
      message: 'Topics',
      choices: domains.map((d) => ({
        value: d.id,
        name: `${sanitizeText(d.title)} (${d.questions})`,
        checked: true,
      })),
      required: true,
      loop: false,
      pageSize: Math.max(domains.length, 7),
    },
    context,
  );
  const difficulty = await select(
    { message: 'Difficulty', choices: difficulties.map((d) => ({ value: d })), default: 'mixed' },
    context,
  );
  const count = await number(
    { message: 'Number of questions', default: 20, min: 1, max: 500, required: true },
    context,
  );
  const timeLimit = askTimeLimit
    ? await number(
        { message: 'Time limit in minutes (empty for none)', min: 1, max: 600, required: false },
        context,
      )
    : undefined;
  return { topics, difficulty, count: count ?? 20, timeLimit: timeLimit ?? undefined };
}

export async function askResumeChoice(
  sessions: { id: string; label: string }[],
  context: PromptContext,
): Promise<string> {
  return select(
    { message: 'Resume which quiz?', choices: sessions.map((s) => ({ value: s.id, name: s.label })) },
    context,
  );
}

export async function askYesNo(message: string, fallback: boolean, context: PromptContext): Promise<boolean> {
  return confirm({ message, default: fallback }, context);
}

export async function askText(
  message: string,
  context: PromptContext,
  validate?: (value: string) => true | string,
): Promise<string> {
  return input({ message, required: true, ...(validate ? { validate } : {}) }, context);
}

/** A passphrase, masked as it is typed. */
export async function askPassword(message: string, context: PromptContext): Promise<string> {
  return password(
    { message, mask: '*', validate: (v) => (v ? true : 'Please enter the passphrase') },
    context,
  );
}
