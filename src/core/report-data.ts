// What a report says about each candidate: scores, pass/fail, percentile in the cohort, and signals.
import type { Question } from './bank-schema.js';
import { describeResponse } from './describe-answer.js';
import { percent } from './scoring.js';
import { itemStatistics, packResponses, type SparseResponses } from './statistics.js';

/** Reading speed behind the fast-answer signal: a fast reader, so a flag means faster than plausible. */
export const WORDS_PER_SECOND = 5;
export const MIN_READING_SECONDS = 2;
/** Flag a session when at least this share of its answers (and at least 3) came faster than reading time. */
export const FAST_SHARE_SIGNAL = 0.2;

/** What a candidate reads before answering: the prompt, the options (the steps of order), the code, the schema. */
export function readingSeconds(question: Question): number {
  const text = [
    question.prompt,
    ...question.options.map((o) => o.text),
    question.code?.text ?? '',
    question.sql?.schema ?? '',
  ].join(' ');
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(MIN_READING_SECONDS, words / WORDS_PER_SECOND);
}

/** Mid-rank percentile: the share of the cohort scoring below, counting ties as half. `sorted` is ascending. */
export function percentileRank(sorted: readonly number[], score: number): number {
  if (sorted.length === 0) return 0;
  const below = lowerBound(sorted, score);
  const equal = lowerBound(sorted, score, true) - below;
  return Math.round((1000 * (below + equal / 2)) / sorted.length) / 10;
}

/** First index whose value is >= score (or > score with `after`): binary search, as cohorts can be large. */
function lowerBound(sorted: readonly number[], score: number, after = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v < score || (after && v === score)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Results of one assessment version form one cohort: same id, same hash. */
export function cohortKey(assessmentId: string, assessmentHash: string): string {
  return `${assessmentId}\n${assessmentHash}`;
}

/** How reports name a cohort: the assessment id and the first 8 hex digits of its version ("backend-x3k9@1f2e3d4c"). */
export function cohortLabel(assessmentId: string, assessmentHash: string): string {
  return assessmentHash ? `${assessmentId}@${assessmentHash.slice(0, 8)}` : assessmentId;
}

export interface SignalInput {
  answered: number;
  fastAnswers: number;
  status: string;
  elapsedMs: number;
}

/** Signals are prompts to look closer, not proof of anything. */
export function signals(input: SignalInput): string[] {
  const out: string[] = [];
  if (input.fastAnswers >= 3 && input.fastAnswers >= FAST_SHARE_SIGNAL * input.answered)
    out.push(`${input.fastAnswers} of ${input.answered} answers faster than a plausible reading time`);
  if (input.status === 'expired') out.push('time ran out');
  return out;
}

export interface ReportRow {
  sessionId: string;
  name: string;
  email: string;
  assessment: string;
  /** The assessment id and a short label of its version; results of different versions never share a cohort. */
  cohort: string;
  startedAt: string;
  finishedAt: string | null;
  minutes: number;
  status: string;
  score: number;
  correct: number;
  total: number;
  passMark: number | null;
  passed: boolean | null;
  percentile: number;
  domains: Record<string, number>;
  signals: string[];
}

export interface RowInput extends SignalInput {
  sessionId: string;
  name: string;
  email: string;
  assessmentId: string;
  assessmentHash: string;
  startedAt: string;
  finishedAt: string | null;
  score: number;
  correct: number;
  total: number;
  passMark: number | null;
  domains: Record<string, { correct: number; total: number }>;
}

export function reportRow(input: RowInput, cohort: readonly number[]): ReportRow {
  return {
    sessionId: input.sessionId,
    name: input.name,
    email: input.email,
    assessment: input.assessmentId,
    cohort: cohortLabel(input.assessmentId, input.assessmentHash),
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    // Rows stored before result files were bounded may hold a non-finite time; never print "Infinity".
    minutes: Number.isFinite(input.elapsedMs) ? Math.round(input.elapsedMs / 6000) / 10 : 0,
    status: input.status,
    score: input.score,
    correct: input.correct,
    total: input.total,
    passMark: input.passMark,
    passed: input.passMark === null ? null : input.score >= input.passMark,
    percentile: percentileRank(cohort, input.score),
    domains: Object.fromEntries(
      Object.entries(input.domains).map(([d, t]) => [d, percent(t.correct, t.total)]),
    ),
    signals: signals(input),
  };
}

export interface SubtopicResult {
  domain: string;
  tag: string;
  correct: number;
  total: number;
  percent: number;
}

/** Per-subtopic results of one session, strongest first. */
export function subtopicResults(
  marks: { questionId: string; domain: string; correct: boolean }[],
  questions: ReadonlyMap<string, Question>,
): SubtopicResult[] {
  const tally = new Map<string, SubtopicResult>();
  for (const mark of marks) {
    for (const tag of questions.get(mark.questionId)?.tags ?? []) {
      const key = `${mark.domain}/${tag}`;
      const t = tally.get(key) ?? { domain: mark.domain, tag, correct: 0, total: 0, percent: 0 };
      t.total++;
      if (mark.correct) t.correct++;
      tally.set(key, t);
    }
  }
  return [...tally.values()]
    .map((t) => ({ ...t, percent: percent(t.correct, t.total) }))
    .sort((a, b) => b.percent - a.percent || b.total - a.total);
}

/** One question of a session as a report lists it: the mark and the answer in its type's words. */
export interface AnswerLine {
  questionId: string;
  /** null: not answered. */
  correct: boolean | null;
  answer: string;
}

/**
 * The answers of one session, in the order asked. The answer is the candidate's (a query, marked lines, steps in
 * order, options), never the key; a question the banks no longer have shows its raw answer.
 */
export function answerLines(
  marks: { questionId: string; correct: boolean; response: string[] | null }[],
  questions: ReadonlyMap<string, Question>,
): AnswerLine[] {
  return marks.map((m) => {
    const question = questions.get(m.questionId);
    const answer =
      m.response === null ? '' : question ? describeResponse(question, m.response) : m.response.join('; ');
    return { questionId: m.questionId, correct: m.response === null ? null : m.correct, answer };
  });
}

/** How many candidates have seen a question: the more, the likelier its content has been shared. */
export interface ExposureRow {
  id: string;
  seen: number;
}

/** Most seen first, then by id. */
export function exposureRows(counts: ReadonlyMap<string, number>): ExposureRow[] {
  return [...counts]
    .map(([id, seen]) => ({ id, seen }))
    .sort((a, b) => b.seen - a.seen || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Minutes as people read them: one decimal under 10 (0.5 is not "1"), whole minutes from 10 on. */
export function formatMinutes(minutes: number): string {
  return minutes < 10 ? minutes.toFixed(1) : minutes.toFixed(0);
}

/** How far a cohort's scores can be trusted: Cronbach's alpha and the standard error of measurement, or why not. */
export interface Reliability {
  attempts: number;
  alpha: number | null;
  /** SD · √(1 − α), in percentage points like the scores. */
  sem: number | null;
  /** When there is no standard error, the reason in plain words. */
  reason: string | null;
}

/** Reliability of one assessment's scores from its cohort's marks (see statistics.ts for alpha's definition). */
export function reliability(responses: SparseResponses): Reliability {
  const attempts = responses.rows.length;
  const unknown = (reason: string): Reliability => ({ attempts, alpha: null, sem: null, reason });
  if (attempts < 2) return unknown('fewer than two candidates took it');
  if (responses.itemIds.length < 2) return unknown('it has fewer than two questions');
  if (!packResponses(responses).complete) return unknown('candidates were not all given the same questions');
  const { alpha, sem } = itemStatistics(responses).test;
  if (alpha === null || sem === null) return unknown('every candidate got the same score');
  // A negative alpha means the questions disagree more than chance: √(1 − α) would claim more error than spread.
  if (alpha <= 0)
    return { ...unknown(`the answers are too inconsistent (Cronbach's α ${alpha.toFixed(2)})`), alpha };
  return { attempts, alpha, sem, reason: null };
}
