// The quiz engine shared by quiz, resume and take: asks each unanswered question of a stored session,
// stores every answer the moment it is given, enforces the time limit, and shows the profile at the end.
import type { Question } from '../core/bank-schema.js';
import { InterruptedError, UsageError } from '../core/errors.js';
import { scoreAnswer, summarize, type ScoredItem, type Summary } from '../core/scoring.js';
import { progressLabel, remainingMs } from '../core/timer.js';
import type { SessionStore } from '../store/sessions.js';
import { askQuestion, askYesNo, type PromptContext } from '../ui/prompts.js';
import { renderReviewEntry, renderSummary, type ReviewEntry } from '../ui/render.js';
import { createTheme } from '../ui/theme.js';
import { isoTime, print, type CommandContext } from './context.js';

export interface PlaySessionOptions {
  ctx: CommandContext;
  store: SessionStore;
  sessionId: string;
  questions: Map<string, Question>;
  titles: Record<string, string>;
  /** Offer the review of missed questions at the end (assessments may turn it off). */
  review: boolean;
}

export interface PlayResult {
  status: 'completed' | 'expired';
  summary: Summary;
  elapsedMs: number;
}

function isPromptError(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

export async function playSession(options: PlaySessionOptions): Promise<PlayResult> {
  const { ctx, store, sessionId, questions } = options;
  const theme = createTheme(ctx.color);
  const session = store.get(sessionId);
  if (!session) throw new UsageError(`no session ${sessionId}`);
  const items = store.items(sessionId);
  const answered = new Map(store.answers(sessionId).map((a) => [a.position, a]));
  for (const item of items)
    if (!questions.has(item.questionId))
      throw new UsageError(
        `question ${item.questionId} of session ${sessionId} is no longer in the banks; pass the banks it was taken with (--banks)`,
      );

  const limit = session.timeLimitMs;
  let elapsed = session.elapsedMs;
  let status: 'completed' | 'expired' = 'completed';
  const context: PromptContext = { input: ctx.stdin, output: ctx.stdout };

  for (const [position, item] of items.entries()) {
    if (answered.has(position)) continue;
    const remaining = remainingMs(limit, elapsed);
    if (remaining === 0) {
      status = 'expired';
      break;
    }
    const question = questions.get(item.questionId)!;
    // One timer per question aborts the prompt when time runs out; nothing redraws every second.
    const controller = new AbortController();
    const timer = remaining === null ? undefined : setTimeout(() => controller.abort(), remaining);
    const startedAt = ctx.now();
    let response: string[];
    try {
      const label = progressLabel(position + 1, items.length, question.domain, remaining);
      response = await askQuestion(question, item, label, theme, { ...context, signal: controller.signal });
    } catch (error) {
      const spent = ctx.now() - startedAt;
      if (controller.signal.aborted && isPromptError(error, 'AbortPromptError')) {
        elapsed = limit ?? elapsed + spent;
        status = 'expired';
        print(ctx.stdout, theme.yellow('\nTime is up.'));
        break;
      }
      if (isPromptError(error, 'ExitPromptError')) {
        store.setStatus(sessionId, 'interrupted', elapsed + spent);
        throw new InterruptedError(sessionId);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
    const spent = ctx.now() - startedAt;
    elapsed += spent;
    const correct = scoreAnswer(question, response);
    store.recordAnswer(sessionId, {
      position,
      questionId: question.id,
      response,
      correct,
      seconds: Math.round(spent / 100) / 10,
      answeredAt: isoTime(ctx.now()),
      elapsedMs: elapsed,
    });
    answered.set(position, {
      position,
      questionId: question.id,
      response,
      correct,
      seconds: spent / 1000,
      answeredAt: '',
    });
  }

  const scored: ScoredItem[] = items.map((item, position) => ({
    domain: item.domain,
    difficulty: item.difficulty,
    correct: answered.get(position)?.correct ?? null,
  }));
  const summary = summarize(scored);
  store.finish(sessionId, status, {
    finishedAt: isoTime(ctx.now()),
    elapsedMs: elapsed,
    correct: summary.correct,
    score: summary.score,
  });
  print(ctx.stdout, renderSummary(summary, options.titles, theme, status));

  if (options.review) {
    const missed: ReviewEntry[] = items.flatMap((item, position) => {
      const answer = answered.get(position);
      return answer?.correct
        ? []
        : [{ question: questions.get(item.questionId)!, response: answer?.response ?? null }];
    });
    await reviewMissed(missed, ctx, context);
  }
  return { status, summary, elapsedMs: elapsed };
}

async function reviewMissed(
  missed: ReviewEntry[],
  ctx: CommandContext,
  context: PromptContext,
): Promise<void> {
  const theme = createTheme(ctx.color);
  if (missed.length === 0) {
    print(ctx.stdout, theme.green('\nNo missed questions.'));
    return;
  }
  try {
    if (!(await askYesNo(`Review the ${missed.length} missed question(s) with explanations?`, true, context)))
      return;
    for (const [i, entry] of missed.entries()) {
      print(ctx.stdout, `\n${renderReviewEntry(entry, i + 1, missed.length, theme)}`);
      if (i < missed.length - 1 && !(await askYesNo('Next?', true, context))) return;
    }
  } catch (error) {
    // Leaving the review is not an interruption: the session is already complete.
    if (isPromptError(error, 'ExitPromptError')) return;
    throw error;
  }
}
