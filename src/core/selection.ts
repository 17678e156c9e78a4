// Choosing and ordering the questions of a quiz: seeded, balanced across topics, reproducible.
import type { Difficulty, Question } from './bank-schema.js';
import { shuffle, type Random } from './random.js';

export const DIFFICULTY_CHOICES = ['junior', 'mid', 'senior', 'mixed'] as const;
export type DifficultyChoice = (typeof DIFFICULTY_CHOICES)[number];

export interface SelectionSpec {
  topics: string[];
  difficulty: DifficultyChoice;
  count: number;
}

/** One question as a session presents it: the option order is fixed once, so a resumed quiz looks the same. */
export interface QuizItem {
  questionId: string;
  domain: string;
  difficulty: Difficulty;
  optionOrder: string[];
}

export function eligibleQuestions(
  questions: readonly Question[],
  spec: Omit<SelectionSpec, 'count'>,
): Question[] {
  const topics = new Set(spec.topics);
  return questions.filter(
    (q) =>
      (topics.size === 0 || topics.has(q.domain)) &&
      (spec.difficulty === 'mixed' || q.difficulty === spec.difficulty),
  );
}

/** The option order a candidate sees; true/false keeps True before False because that order carries no clue. */
export function orderOptions(question: Question, random: Random): string[] {
  const ids = question.options.map((o) => o.id);
  return question.type === 'true-false' ? ids : shuffle(ids, random);
}

export function toQuizItem(question: Question, random: Random): QuizItem {
  return {
    questionId: question.id,
    domain: question.domain,
    difficulty: question.difficulty,
    optionOrder: orderOptions(question, random),
  };
}

/**
 * Draws up to `count` questions, taking domains in turn so that each chosen topic gets a fair share,
 * then shuffles the whole quiz so topics are interleaved.
 */
export function selectQuestions(
  questions: readonly Question[],
  spec: SelectionSpec,
  random: Random,
): QuizItem[] {
  const pool = eligibleQuestions(questions, spec);
  const byDomain = new Map<string, Question[]>();
  for (const q of pool) byDomain.set(q.domain, [...(byDomain.get(q.domain) ?? []), q]);
  const queues = shuffle([...byDomain.keys()].sort(), random).map((d) => shuffle(byDomain.get(d)!, random));

  const picked: Question[] = [];
  while (picked.length < spec.count && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && picked.length < spec.count) picked.push(next);
    }
  }
  return shuffle(picked, random).map((q) => toQuizItem(q, random));
}
