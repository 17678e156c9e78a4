// Spaced review: each answered question is an FSRS card (ts-fsrs). Pure: the clock is always an argument.
import { createHash } from 'node:crypto';
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';
import type { Question } from './bank-schema.js';

/**
 * A quiz question is seen once per session, not drilled within minutes as a flashcard is: the short-term learning
 * steps are off, so even a missed question comes back the next day at the earliest, and a known one days later.
 * No fuzz, so the same answers on the same clock always give the same schedule.
 */
const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false });

export const SELF_RATINGS = ['hard', 'good', 'easy'] as const;
export type SelfRating = (typeof SELF_RATINGS)[number];

export interface MemoryState {
  questionId: string;
  /** contentHash() of the question as it was last answered. */
  contentHash: string;
  card: Card;
}

/**
 * What makes a question a different question: its type, prompt, options and key, and for hands-on questions the code
 * whose lines are marked or the SQL task (schema, data, reference). Rewording an explanation, adding a reference or a
 * listed mistake keeps the learner's schedule; changing what is asked starts it again.
 */
export function contentHash(question: Question): string {
  const parts: unknown[] = [question.type, question.prompt, question.options, question.answer];
  // Only hands-on questions have more: every other card keeps the hash it was scheduled under.
  if (question.code) parts.push(question.code);
  if (question.sql) parts.push({ ...question.sql, mistakes: undefined });
  const content = JSON.stringify(parts);
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** Wrong is Again; right is Good unless the learner says it was hard or easy. */
export function gradeFor(correct: boolean, rating: SelfRating = 'good'): Grade {
  if (!correct) return Rating.Again;
  return rating === 'hard' ? Rating.Hard : rating === 'easy' ? Rating.Easy : Rating.Good;
}

/** The state after one answer; a question whose content changed since it was last seen starts as a new card. */
export function schedule(
  previous: MemoryState | undefined,
  questionId: string,
  hash: string,
  grade: Grade,
  now: Date,
): MemoryState {
  const card = previous && previous.contentHash === hash ? previous.card : createEmptyCard(now);
  return { questionId, contentHash: hash, card: scheduler.next(card, now, grade).card };
}

/** Probability of recalling the question now (0–1); a changed question counts as not known at all. */
export function retrievability(state: MemoryState, hash: string, now: Date): number {
  if (state.contentHash !== hash || state.card.state === State.New) return 0;
  return scheduler.get_retrievability(state.card, now, false);
}

/** Due: the scheduled day has come, or the question changed since it was last seen (it is new again). */
export function isDue(state: MemoryState, hash: string, now: Date): boolean {
  return state.contentHash !== hash || state.card.due.getTime() <= now.getTime();
}

export interface DueQuestion {
  question: Question;
  state: MemoryState;
  retrievability: number;
  /** True when the question changed since it was last seen. */
  changed: boolean;
}

export interface DueFilter {
  topics?: readonly string[];
  limit?: number;
}

/**
 * Questions due now, the ones most likely forgotten first. States of questions no longer in the banks are skipped:
 * a bank may have dropped a question, or this database may have been used with other banks.
 */
export function dueQuestions(
  states: Iterable<MemoryState>,
  questions: ReadonlyMap<string, Question>,
  now: Date,
  filter: DueFilter = {},
): DueQuestion[] {
  const topics = filter.topics && filter.topics.length > 0 ? new Set(filter.topics) : null;
  const due: DueQuestion[] = [];
  for (const state of states) {
    const question = questions.get(state.questionId);
    if (!question || (topics && !topics.has(question.domain))) continue;
    const hash = contentHash(question);
    if (!isDue(state, hash, now)) continue;
    due.push({
      question,
      state,
      retrievability: retrievability(state, hash, now),
      changed: state.contentHash !== hash,
    });
  }
  due.sort(
    (x, y) =>
      x.retrievability - y.retrievability ||
      x.state.card.due.getTime() - y.state.card.due.getTime() ||
      x.question.id.localeCompare(y.question.id),
  );
  return filter.limit === undefined ? due : due.slice(0, filter.limit);
}

/** The earliest future due date among questions still in the banks, and how many fall due that day (UTC). */
export function nextDue(
  states: Iterable<MemoryState>,
  questions: ReadonlyMap<string, Question>,
  now: Date,
): { date: string; count: number } | null {
  const days = new Map<string, number>();
  for (const state of states) {
    const question = questions.get(state.questionId);
    if (!question || isDue(state, contentHash(question), now)) continue;
    const day = state.card.due.toISOString().slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  const first = [...days.keys()].sort()[0];
  return first === undefined ? null : { date: first, count: days.get(first)! };
}
