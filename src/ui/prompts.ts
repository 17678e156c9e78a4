// Every question the program asks a person goes through here (the only importer of @inquirer/prompts).
import { checkbox, confirm, input, number, password, select } from '@inquirer/prompts';
import { MAX_TEXT_ANSWER_LENGTH } from '../core/assessment-rules.js';
import { codeLines, type Question } from '../core/bank-schema.js';
import type { SelfRating } from '../core/spaced-review.js';
import type { Response } from '../core/scoring.js';
import type { QuizItem } from '../core/selection.js';
import { sanitizeText } from '../core/sanitize.js';
import { highlightCode } from './highlight.js';
import { renderPrompt } from './render.js';
import { askFitted } from './screen.js';
import type { SqlWorkbench } from './sql-editor.js';
import { cutToWidth, expandTabs, padStartDisplay, wrapText, type TerminalSize } from './text.js';
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
  | { kind: 'input'; config: Parameters<typeof input>[0] }
  /** One step of an order question: which of the steps not yet placed comes next. */
  | { kind: 'order-step'; config: Parameters<typeof select<string>>[0] }
  /** The whole order once every step is placed: submit it or start over. */
  | { kind: 'order-confirm'; config: Parameters<typeof select<OrderDecision>>[0] };

export type OrderDecision = 'submit' | 'restart';

/** How far a candidate is in arranging an order question: option ids placed so far, first first. */
export interface OrderProgress {
  placed: readonly string[];
}

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
  order: OrderProgress = { placed: [] },
): QuestionPrompt {
  // The first line follows Inquirer's "? " prefix; one spare column keeps the cursor off the right edge.
  const width = size.columns - 1;
  if (question.type === 'lines') return linesPrompt(question, label, theme, size);
  if (question.type === 'order') return orderPrompt(question, item, label, theme, size, order.placed);
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
      return {
        kind: 'input',
        config: {
          message,
          required: false,
          // A result file carries texts up to this length and import refuses longer ones: say so while it can be fixed.
          validate: (text: string) =>
            text.length <= MAX_TEXT_ANSWER_LENGTH ||
            `an answer takes at most ${MAX_TEXT_ANSWER_LENGTH.toLocaleString('en')} characters`,
        },
      };
    case 'sql':
      // A screen of its own: askQuestion, src/ui/sql-editor.ts.
      throw new Error('sql questions are asked with the SQL editor');
  }
}

/** Label and prompt: the head of every question's screen. */
function questionMessage(question: Question, label: string, theme: Theme, width: number): string {
  return `${theme.dim(wrapText(label, width - 2))}\n${renderPrompt(question.prompt, theme, width)}\n`;
}

/**
 * A lines question: the code itself is the list, a numbered line a choice. Each choice stays one terminal line
 * (a long line is cut with "…" and shown whole under the list while the cursor is on it), so the numbers line up
 * and the page never jumps. Blank lines are choices too: the number keys then toggle lines 1 to 9 by their number.
 */
function linesPrompt(question: Question, label: string, theme: Theme, size: TerminalSize): QuestionPrompt {
  const width = size.columns - 1;
  const message = questionMessage(question, label, theme, width);
  const language = question.code?.language ?? '';
  const lines = codeLines(question.code?.text ?? '').map((l) => expandTabs(sanitizeText(l)));
  const numberWidth = String(lines.length).length;
  const gutter = (n: number) => `${padStartDisplay(String(n), numberWidth)} ${theme.dim('│')} `;
  const room = Math.max(8, width - CHECKBOX_MARGIN.length - numberWidth - 3);
  const descriptions: string[] = [];
  const choices = lines.map((line, i) => {
    const n = i + 1;
    const cut = cutToWidth(line, room);
    const whole = cut === line;
    const shown = whole ? cut : cut.slice(0, -1);
    const name = `${gutter(n)}${highlightCode(shown, language, theme)}${whole ? '' : theme.dim('…')}`;
    const description = whole ? undefined : wrapText(`${n} │ ${line.trim()}`, width, '', '    ');
    if (description) descriptions.push(description);
    return { name, short: String(n), value: String(n), ...(description ? { description } : {}) };
  });
  // Room for the tallest description under the list, so showing one never pushes the screen past the rows.
  const below = Math.max(0, ...descriptions.map((d) => d.split('\n').length + 1));
  const pageSize = listPageSize(
    message.split('\n').length + below,
    choices.map((c) => c.name),
    size.rows,
  );
  const renderSelectedChoices = (selected: readonly { value: string }[]) =>
    wrapText(`line${selected.length === 1 ? '' : 's'} ${selected.map((c) => c.value).join(', ')}`, width);
  return {
    kind: 'checkbox',
    config: {
      message,
      choices,
      loop: false,
      required: true,
      pageSize,
      // Marking every line at once is never an answer; a and i would only be keys to press by mistake.
      shortcuts: { all: null, invert: null },
      theme: { style: { renderSelectedChoices } },
    },
  };
}

/**
 * An order question is asked step by step: "which comes first?" among all the steps (in the session's shuffled
 * order), then "which comes next?" among those left, the last one placed by itself; then the whole order to submit
 * or start over. A select per step works with every terminal and screen reader, unlike dragging items around.
 */
function orderPrompt(
  question: Question,
  item: QuizItem,
  label: string,
  theme: Theme,
  size: TerminalSize,
  placed: readonly string[],
): QuestionPrompt {
  const width = size.columns - 1;
  const texts = new Map(question.options.map((o) => [o.id, sanitizeText(o.text)]));
  const total = item.optionOrder.length;
  const numbered = (ids: readonly string[]) =>
    ids.map((id, i) => wrapText(`${i + 1}. ${texts.get(id) ?? id}`, width, '  ', '   ')).join('\n');
  const head = questionMessage(question, label, theme, width);
  const left = item.optionOrder.filter((id) => !placed.includes(id));
  if (left.length === 0) {
    const message = `${head}\n${theme.bold('Your order:')}\n${numbered(placed)}\n\nSubmit this order?`;
    return {
      kind: 'order-confirm',
      config: {
        message,
        choices: [
          { value: 'submit', name: 'Yes, submit it', short: 'Yes' },
          { value: 'restart', name: 'No, start over', short: 'Start over' },
        ],
        loop: false,
      },
    };
  }
  const so = placed.length === 0 ? '' : `${theme.bold('So far:')}\n${numbered(placed)}\n\n`;
  const step = placed.length + 1;
  const message = `${head}\n${so}Step ${step} of ${total}: which comes ${step === 1 ? 'first' : 'next'}?\n`;
  const choices = left.map((id) => ({
    name: wrapChoice(texts.get(id) ?? id, size.columns, SELECT_MARGIN),
    short: wrapChoice(texts.get(id) ?? id, size.columns, ' '),
    value: id,
  }));
  const pageSize = listPageSize(
    message.split('\n').length,
    choices.map((c) => c.name),
    size.rows,
  );
  return { kind: 'order-step', config: { message, choices, loop: false, pageSize } };
}

/** Hands-on questions need more than a prompt: a sql question runs queries (src/sandbox, loaded when needed). */
export interface QuestionServices {
  /** Called the first time a sql question is asked. */
  sql?: () => Promise<SqlWorkbench>;
}

/**
 * Asks one question laid out for the terminal's current size, again for a new size after a resize; what the
 * candidate already did (the steps placed, the SQL draft and its last run) is kept across the redraw.
 */
export async function askQuestion(
  question: Question,
  item: QuizItem,
  label: string,
  theme: Theme,
  context: PromptContext,
  services: QuestionServices = {},
): Promise<Response> {
  if (question.type === 'sql') {
    if (!services.sql) throw new Error('sql questions need a SQL workbench');
    const { askSqlQuestion } = await import('./sql-editor.js');
    return [await askSqlQuestion(question, label, theme, context, await services.sql())];
  }
  if (question.type === 'order') return askOrder(question, item, label, theme, context);
  return askFitted(context, async (size, ask) => {
    const prompt = questionPrompt(question, item, label, theme, size);
    switch (prompt.kind) {
      case 'select':
      case 'order-step':
        return [await select(prompt.config, ask)];
      case 'checkbox':
        return await checkbox(prompt.config, ask);
      case 'input':
        return [await input(prompt.config, ask)];
      case 'order-confirm':
        throw new Error('an order question is asked by askOrder');
    }
  });
}

async function askOrder(
  question: Question,
  item: QuizItem,
  label: string,
  theme: Theme,
  context: PromptContext,
): Promise<Response> {
  let placed: string[] = [];
  for (;;) {
    const next = await askFitted(context, async (size, ask) => {
      const prompt = questionPrompt(question, item, label, theme, size, { placed });
      if (prompt.kind === 'order-confirm') return { decision: await select(prompt.config, ask) };
      if (prompt.kind !== 'order-step')
        throw new Error(`unexpected ${prompt.kind} prompt for an order question`);
      // Each step makes way for the next, which lists the steps placed so far.
      return { step: await select(prompt.config, { ...ask, clearPromptOnDone: true }) };
    });
    if ('decision' in next) {
      if (next.decision === 'submit') return placed;
      placed = [];
      continue;
    }
    placed = [...placed, next.step];
    const left = item.optionOrder.filter((id) => !placed.includes(id));
    // The last step has nowhere else to go.
    if (left.length === 1) placed = [...placed, left[0]!];
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

/** After a right answer in spaced review: how hard it felt, which sets when the question comes back. */
export async function askSelfRating(context: PromptContext): Promise<SelfRating> {
  return select<SelfRating>(
    {
      message: 'How was it?',
      choices: [
        { value: 'good', name: 'Good' },
        { value: 'hard', name: 'Hard (bring it back sooner)' },
        { value: 'easy', name: 'Easy (bring it back later)' },
      ],
      default: 'good',
      loop: false,
    },
    context,
  );
}
