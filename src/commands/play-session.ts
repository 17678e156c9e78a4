// The quiz engine shared by quiz, resume and take: asks each unanswered question of a stored session,
// stores every answer the moment it is given, enforces the time limit, and shows the profile at the end.
import type { Question } from '../core/bank-schema.js';
import { eap, nextItem, type AbilityEstimate, type PoolItem } from '../core/irt.js';
import type { Random } from '../core/random.js';
import { toQuizItem, type QuizItem } from '../core/selection.js';
import type { AnswerRow } from '../store/sessions.js';
import { InterruptedError, UsageError } from '../core/errors.js';
import { scoreAnswer, summarize, type ScoredItem, type Summary } from '../core/scoring.js';
import { clockPolicy, progressLabel, remainingMs, usedMs } from '../core/timer.js';
import type { SessionStore } from '../store/sessions.js';
import { askQuestion, askYesNo, type PromptContext } from '../ui/prompts.js';
import {
  renderAbility,
  renderRecorded,
  renderReviewEntry,
  renderSummary,
  type ReviewEntry,
} from '../ui/render.js';
import { terminalSize } from '../ui/text.js';
import { createTheme } from '../ui/theme.js';
import { isoTime, print, resumeCommand, type CommandContext } from './context.js';
import { saveWaiting } from './save-answers.js';

export interface PlaySessionOptions {
  ctx: CommandContext;
  store: SessionStore;
  sessionId: string;
  questions: Map<string, Question>;
  titles: Record<string, string>;
  /** Offer the review of missed questions at the end (assessments may turn it off). */
  review: boolean;
  /** Set for adaptive sessions: questions are chosen one at a time. */
  adaptive?: AdaptivePlan;
  /** false for a sealed bundle: no key on this machine, so answers are only recorded; the manager grades. */
  graded?: boolean;
  /** Runs once each answer is stored (practice feedback, spaced review); Ctrl-C in it saves and exits as usual. */
  afterAnswer?: (answer: AnsweredQuestion) => Promise<void>;
}

export interface AnsweredQuestion {
  question: Question;
  response: string[];
  correct: boolean;
}

export interface PlayResult {
  ability?: AbilityEstimate;
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

  const resumeHint = `Resume with: ${resumeCommand(ctx, sessionId)}`;
  const limit = session.timeLimitMs;
  const wall = clockPolicy(session.kind) === 'wall';
  const startedAtMs = Date.parse(session.startedAt);
  // Wall clock: time used is always now − start; screen clock: the stored time plus what each question took.
  const used = (spent: number) => (wall ? usedMs(session, ctx.now()) : elapsed + spent);
  let elapsed = usedMs(session, ctx.now());
  let status: 'completed' | 'expired' = 'completed';
  const context: PromptContext = { input: ctx.stdin, output: ctx.stdout };

  const adaptive = options.adaptive;
  for (let position = 0; ; position++) {
    if (position >= items.length) {
      // A fixed quiz ends with its list; an adaptive one asks the most informative next question until precise enough.
      const next = adaptive ? chooseNext(adaptive, items, answered, questions) : null;
      if (!next) break;
      store.addItem(sessionId, position, next);
      items.push(next);
    }
    const item = items[position]!;
    if (answered.has(position)) continue;
    elapsed = used(0);
    const remaining = remainingMs(limit, elapsed);
    if (remaining === 0) {
      status = 'expired';
      print(ctx.stdout, theme.yellow('\nTime is up.'));
      break;
    }
    const question = questions.get(item.questionId)!;
    // One timer per question aborts the prompt when time runs out; nothing redraws every second.
    const controller = new AbortController();
    const timer = remaining === null ? undefined : setTimeout(() => controller.abort(), remaining);
    const startedAt = ctx.now();
    let response: string[];
    try {
      const label = progressLabel(
        position + 1,
        adaptive ? `≤${adaptive.maxLength}` : items.length,
        question.domain,
        remaining,
      );
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
        store.setStatus(sessionId, 'interrupted', used(spent));
        throw new InterruptedError(sessionId, resumeCommand(ctx, sessionId));
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
    const spent = ctx.now() - startedAt;
    elapsed = used(spent);
    const correct = options.graded !== false && scoreAnswer(question, response);
    const recorded = {
      position,
      questionId: question.id,
      response,
      correct,
      seconds: Math.round(spent / 100) / 10,
      answeredAt: isoTime(ctx.now()),
      elapsedMs: elapsed,
    };
    await saveWaiting(
      ctx,
      store,
      () => store.recordAnswer(sessionId, recorded),
      [{ questionId: question.id, response }],
      resumeHint,
    );
    answered.set(position, {
      position,
      questionId: question.id,
      response,
      correct,
      seconds: spent / 1000,
      answeredAt: '',
    });
    if (options.afterAnswer) {
      try {
        await options.afterAnswer({ question, response, correct });
      } catch (error) {
        if (isPromptError(error, 'ExitPromptError')) {
          store.setStatus(sessionId, 'interrupted', elapsed);
          throw new InterruptedError(sessionId);
        }
        throw error;
      }
    }
  }

  const scored: ScoredItem[] = items.map((item, position) => ({
    domain: item.domain,
    difficulty: item.difficulty,
    correct: answered.get(position)?.correct ?? null,
  }));
  const summary = summarize(scored);
  const graded = options.graded !== false;
  // A wall-clock session that ran out while the program was closed ended when its time did, not at this resume.
  const expiredAt = wall && status === 'expired' && limit !== null ? startedAtMs + limit : Infinity;
  if (limit !== null && status === 'expired') elapsed = Math.min(elapsed, limit);
  await saveWaiting(
    ctx,
    store,
    () =>
      store.finish(sessionId, status, {
        finishedAt: isoTime(Math.min(ctx.now(), expiredAt)),
        elapsedMs: elapsed,
        correct: graded ? summary.correct : null,
        score: graded ? summary.score : null,
      }),
    [],
    resumeHint,
  );
  if (!graded) {
    print(ctx.stdout, renderRecorded(summary, theme, status, terminalSize(ctx.stdout).columns));
    return { status, summary, elapsedMs: elapsed };
  }
  print(ctx.stdout, renderSummary(summary, options.titles, theme, status, terminalSize(ctx.stdout).columns));
  let ability: AbilityEstimate | undefined;
  if (adaptive) {
    ability = estimateAbility(adaptive, items, answered);
    adaptive.onEstimate?.(ability);
    print(ctx.stdout, renderAbility(ability, theme, terminalSize(ctx.stdout).columns));
  }

  if (options.review) {
    const missed: ReviewEntry[] = items.flatMap((item, position) => {
      const answer = answered.get(position);
      return answer?.correct
        ? []
        : [{ question: questions.get(item.questionId)!, response: answer?.response ?? null }];
    });
    await reviewMissed(missed, ctx, context);
  }
  return { status, summary, elapsedMs: elapsed, ...(ability ? { ability } : {}) };
}

/** Adaptive mode: item parameters, content targets and the stopping rule. */
export interface AdaptivePlan {
  pool: readonly PoolItem[];
  targets: Record<string, number>;
  seTarget: number;
  maxLength: number;
  random: Random;
  onEstimate?: (estimate: AbilityEstimate) => void;
}

function estimateAbility(
  plan: AdaptivePlan,
  items: QuizItem[],
  answered: Map<number, AnswerRow>,
): AbilityEstimate {
  const params = new Map(plan.pool.map((p) => [p.id, p]));
  const responses = items.flatMap((item, position) => {
    const p = params.get(item.questionId);
    const a = answered.get(position);
    return p ? [{ a: p.a, b: p.b, correct: a?.correct === true }] : [];
  });
  return eap(responses);
}

function chooseNext(
  plan: AdaptivePlan,
  items: QuizItem[],
  answered: Map<number, AnswerRow>,
  questions: ReadonlyMap<string, Question>,
): QuizItem | null {
  if (items.length >= plan.maxLength) return null;
  const estimate = estimateAbility(plan, items, answered);
  if (items.length > 0 && estimate.se <= plan.seTarget) return null;
  const next = nextItem({
    candidates: plan.pool,
    administered: items.map((i) => i.questionId),
    theta: estimate.theta,
    targets: plan.targets,
    k: 5,
    random: plan.random,
  });
  const question = next && questions.get(next.id);
  return question ? toQuizItem(question, plan.random) : null;
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
      print(
        ctx.stdout,
        `\n${renderReviewEntry(entry, i + 1, missed.length, theme, terminalSize(ctx.stdout).columns)}`,
      );
      if (i < missed.length - 1 && !(await askYesNo('Next?', true, context))) return;
    }
  } catch (error) {
    // Leaving the review is not an interruption: the session is already complete.
    if (isPromptError(error, 'ExitPromptError')) return;
    throw error;
  }
}
