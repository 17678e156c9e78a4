// Scoring answers and summarising a session: dichotomous marks (right or wrong), so statistics and IRT apply.
import type { Difficulty, Question } from './bank-schema.js';

/** Chosen option ids, ["true"]/["false"], or [typed text]. */
export type Response = string[];

export function normalizeTextAnswer(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

export function scoreAnswer(question: Question, response: Response): boolean {
  switch (question.type) {
    case 'single':
    case 'true-false':
      return response.length === 1 && response[0] === question.answer[0];
    case 'multiple': {
      const chosen = new Set(response);
      return chosen.size === question.answer.length && question.answer.every((k) => chosen.has(k));
    }
    case 'text': {
      const given = normalizeTextAnswer(response[0] ?? '');
      return given !== '' && question.answer.some((a) => normalizeTextAnswer(a) === given);
    }
  }
}

export interface Tally {
  correct: number;
  total: number;
  percent: number;
}

export interface ScoredItem {
  domain: string;
  difficulty: Difficulty;
  /** null: not answered (counts as wrong). */
  correct: boolean | null;
}

export interface Summary {
  total: number;
  answered: number;
  correct: number;
  score: number;
  byDomain: Record<string, Tally>;
  byDifficulty: Partial<Record<Difficulty, Tally>>;
}

export function percent(correct: number, total: number): number {
  return total === 0 ? 0 : Math.round((1000 * correct) / total) / 10;
}

function tally(items: ScoredItem[], key: (item: ScoredItem) => string): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const item of items) {
    const t = (out[key(item)] ??= { correct: 0, total: 0, percent: 0 });
    t.total++;
    if (item.correct === true) t.correct++;
  }
  for (const t of Object.values(out)) t.percent = percent(t.correct, t.total);
  return out;
}

export function summarize(items: ScoredItem[]): Summary {
  const correct = items.filter((i) => i.correct === true).length;
  return {
    total: items.length,
    answered: items.filter((i) => i.correct !== null).length,
    correct,
    score: percent(correct, items.length),
    byDomain: tally(items, (i) => i.domain),
    byDifficulty: tally(items, (i) => i.difficulty),
  };
}
