// The quiz engine shared by quiz, resume and take: asks each unanswered question of a stored session,
// stores every answer the moment it is given, enforces the time limit, and shows the profile at the end.
import type { Question } from '../core/bank-schema.js';
import { eap, nextItem, type AbilityEstimate, type PoolItem } from '../core/irt.js';
import type { Random } from '../core/random.js';
import { toQuizItem, type QuizItem } from '../core/selection.js';
import type { AnswerRow } from '../store/sessions.js';
import { InterruptedError, UsageError } from '../core/errors.js';
import {
  scoreAnswer,
  sqlAnswerKey,
  summarize,
  type ScoredItem,
  type SqlVerdicts,
  type Summary,
} from '../core/scoring.js';
import { clockPolicy, progressLabel, remainingMs, usedMs } from '../core/timer.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import type { SessionStore } from '../store/sessions.js';
import { askQuestion, askYesNo, type PromptContext, type QuestionServices } from '../ui/prompts.js';
import { withSpinner } from '../ui/spinner.js';
import type { SqlWorkbench } from '../ui/sql-editor.js';
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
import { gradeSqlAnswers } from './grade-sql.js';
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
  /** sql: what grading found (a differing row, SQLite's error), for the feedback. */
  reason?: string;
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

/**
 * The sandbox a session's sql questions run their drafts in: started the first time a sql question is asked (the
 * sandbox module is only loaded then, so a quiz without SQL never pays for it), closed when the session ends.
 */
class SqlWorkbenchHolder {
  private sandbox: Sandbox | undefined;
  private workbench: Promise<SqlWorkbench> | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  open(): Promise<SqlWorkbench> {
    this.workbench ??= import('../sandbox/sandbox.js').then(({ Sandbox, SQLITE_VERSION }) => {
      const sandbox = (this.sandbox = new Sandbox());
      return {
        version: SQLITE_VERSION,
        tables: (setup) => sandbox.tables(setup),
        run: (setup, sql, options) => sandbox.run(setup, sql, options),
        editorCommand: this.env.VISUAL || this.env.EDITOR,
      };
    });
    return this.workbench;
  }

  async close(): Promise<void> {
    await this.sandbox?.close();
  }
}

/** Runs one query and the reference on the question's check data (grade-sql.ts): the verdict and why. */
async function gradeQuery(
  question: Question,
  query: string,
): Promise<{ verdicts: SqlVerdicts; reason?: string }> {
  const { verdicts, reasons } = await gradeSqlAnswers([{ question, sql: query }]);
  const reason = reasons.get(sqlAnswerKey(question.id, query));
  return { verdicts, ...(reason ? { reason } : {}) };
}

/**
 * Grades a submitted query with Ctrl-C held back: the answer is not stored yet, and a Ctrl-C now (no prompt has the
 * terminal) would end the program. The same Ctrl-C also reaches the sandbox's process, so a query graded while it
 * came in is graded again. The caller stores the answer, then stops as for a Ctrl-C at a prompt.
 */
async function gradeSubmitted(
  ctx: CommandContext,
  question: Question,
  query: string,
): Promise<{ verdicts: SqlVerdicts; reason?: string; interrupted: boolean }> {
  let interrupted = false;
  const hold = () => {
    interrupted = true;
  };
  process.on('SIGINT', hold);
  try {
    const grade = () => gradeQuery(question, query);
    let graded = await withSpinner('Checking your query…', ctx.stdout, grade);
    if (interrupted) graded = await grade();
    return { ...graded, interrupted };
  } finally {
    process.off('SIGINT', hold);
  }
}

export async function playSession(options: PlaySessionOptions): Promise<PlayResult> {
  const sql = new SqlWorkbenchHolder(options.ctx.env ?? process.env);
  try {
    return await play(options, sql);
  } finally {
    await sql.close();
  }
}

async function play(options: PlaySessionOptions, sql: SqlWorkbenchHolder): Promise<PlayResult> {
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
  const services: QuestionServices = { sql: () => sql.open() };
  const graded = options.graded !== false;
  /** Why each sql answer of this run was marked so, by position: the review shows it. */
  const reasons = new Map<number, string>();

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
      response = await askQuestion(
        question,
        item,
        label,
        theme,
        { ...context, signal: controller.signal },
        services,
      );
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
    // A query is graded by running it; a sealed bundle has no check data, so its answers are only recorded.
    let verdicts: SqlVerdicts | undefined;
    let interrupted = false;
    if (question.type === 'sql' && graded) {
      const query = response[0] ?? '';
      const result = await gradeSubmitted(ctx, question, query);
      verdicts = result.verdicts;
      if (result.reason) reasons.set(position, result.reason);
      interrupted = result.interrupted;
    }
    const correct = graded && scoreAnswer(question, response, verdicts);
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
    if (interrupted) {
      store.setStatus(sessionId, 'interrupted', elapsed);
      throw new InterruptedError(sessionId, resumeCommand(ctx, sessionId));
    }
    if (options.afterAnswer) {
      const reason = reasons.get(position);
      try {
        await options.afterAnswer({ question, response, correct, ...(reason ? { reason } : {}) });
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
    const missed: (ReviewEntry & { position: number })[] = items.flatMap((item, position) => {
      const answer = answered.get(position);
      return answer?.correct
        ? []
        : [{ question: questions.get(item.questionId)!, response: answer?.response ?? null, position }];
    });
    // A query answered before the session was resumed has no finding in memory: grade it again to say why.
    const explain = async (entry: ReviewEntry & { position: number }): Promise<ReviewEntry> => {
      const query = entry.response?.[0];
      if (entry.question.type !== 'sql' || !query) return entry;
      const reason = reasons.get(entry.position) ?? (await gradeQuery(entry.question, query)).reason;
      return reason ? { ...entry, reason } : entry;
    };
    await reviewMissed(missed, ctx, context, explain);
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

async function reviewMissed<T extends ReviewEntry>(
  missed: T[],
  ctx: CommandContext,
  context: PromptContext,
  explain: (entry: T) => Promise<ReviewEntry>,
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
        `\n${renderReviewEntry(await explain(entry), i + 1, missed.length, theme, terminalSize(ctx.stdout).columns)}`,
      );
      if (i < missed.length - 1 && !(await askYesNo('Next?', true, context))) return;
    }
  } catch (error) {
    // Leaving the review is not an interruption: the session is already complete.
    if (isPromptError(error, 'ExitPromptError')) return;
    throw error;
  }
}
