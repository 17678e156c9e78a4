// Scoring answers and summarising a session: dichotomous marks (right or wrong), so statistics and IRT apply.
import type { Difficulty, Question } from './bank-schema.js';

/**
 * Chosen option ids, ["true"]/["false"], [typed text], marked line numbers as text (lines), option ids in the
 * chosen order (order) or [the submitted query] (sql).
 */
export type Response = string[];

/**
 * Verdicts on SQL answers, found by running them (src/sandbox) before scoring: core stays pure and synchronous,
 * and a query is run once however many times its answer is scored. Keyed by sqlAnswerKey.
 */
export type SqlVerdicts = ReadonlyMap<string, boolean>;

export function sqlAnswerKey(questionId: string, sql: string): string {
  return `${questionId}\u0000${sql}`;
}

/** Line numbers as the key stores them: "07" and "7" are the same line. */
function lineSet(response: Response): Set<string> {
  return new Set(response.map((r) => String(Number(r))));
}

export function normalizeTextAnswer(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Right or wrong. A sql answer needs its verdict, found beforehand by running it; without one it is an error. */
export function scoreAnswer(question: Question, response: Response, sqlVerdicts?: SqlVerdicts): boolean {
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
    case 'lines': {
      const marked = lineSet(response);
      return (
        marked.size === response.length &&
        marked.size === question.answer.length &&
        question.answer.every((k) => marked.has(k))
      );
    }
    case 'order':
      return response.length === question.answer.length && question.answer.every((k, i) => response[i] === k);
    case 'sql': {
      const sql = response[0] ?? '';
      if (sql.trim() === '') return false;
      const verdict = sqlVerdicts?.get(sqlAnswerKey(question.id, sql));
      if (verdict === undefined)
        throw new Error(`the SQL answer to ${question.id} was scored before it was run`);
      return verdict;
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
