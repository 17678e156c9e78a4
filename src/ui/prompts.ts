// Every question the program asks a person goes through here (the only importer of @inquirer/prompts).
import { checkbox, confirm, input, number, password, select } from '@inquirer/prompts';
import type { Question } from '../core/bank-schema.js';
import type { Response } from '../core/scoring.js';
import type { QuizItem } from '../core/selection.js';
import { sanitizeText } from '../core/sanitize.js';
import { renderPrompt } from './render.js';
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

/** Builds the prompt for one question, options in the session's fixed order. */
export function questionPrompt(
  question: Question,
  item: QuizItem,
  label: string,
  theme: Theme,
): QuestionPrompt {
  const message = `${theme.dim(label)}\n${renderPrompt(question.prompt, theme)}\n`;
  const byId = new Map(question.options.map((o) => [o.id, o]));
  const choices = item.optionOrder.flatMap((id) => {
    const option = byId.get(id);
    return option ? [{ name: sanitizeText(option.text), value: option.id }] : [];
  });
  switch (question.type) {
    case 'single':
    case 'true-false':
      return {
        kind: 'select',
        config: { message, choices, loop: false, pageSize: Math.max(choices.length, 7) },
      };
    case 'multiple':
      return {
        kind: 'checkbox',
        config: {
          // Banks often say it in the prompt already; say it once.
          message: /select all that apply/i.test(question.prompt)
            ? message
            : `${message}${theme.dim('(select all that apply)')}`,
          choices,
          loop: false,
          required: true,
          pageSize: Math.max(choices.length, 7),
        },
      };
    case 'text':
      return { kind: 'input', config: { message, required: false } };
  }
}

export async function askQuestion(
  question: Question,
  item: QuizItem,
  label: string,
  theme: Theme,
  context: PromptContext,
): Promise<Response> {
  const prompt = questionPrompt(question, item, label, theme);
  switch (prompt.kind) {
    case 'select':
      return [await select(prompt.config, context)];
    case 'checkbox':
      return await checkbox(prompt.config, context);
    case 'input':
      return [await input(prompt.config, context)];
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
