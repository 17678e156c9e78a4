import { describe, expect, it } from 'vitest';
import { TRUE_FALSE_OPTIONS, type Question } from '../../src/core/bank-schema.js';
import {
  normalizeTextAnswer,
  percent,
  scoreAnswer,
  sqlAnswerKey,
  summarize,
} from '../../src/core/scoring.js';

const base = {
  domain: 'd',
  difficulty: 'mid' as const,
  tags: ['t'],
  prompt: 'p',
  explanation: 'e',
  references: ['https://x.test'],
};
const opts = [
  { id: 'a', text: 'A' },
  { id: 'b', text: 'B' },
  { id: 'c', text: 'C' },
];
const single: Question = { ...base, id: 's', type: 'single', options: opts, answer: ['b'] };
const multiple: Question = { ...base, id: 'm', type: 'multiple', options: opts, answer: ['a', 'c'] };
const trueFalse: Question = {
  ...base,
  id: 'tf',
  type: 'true-false',
  options: TRUE_FALSE_OPTIONS,
  answer: ['false'],
};
const text: Question = { ...base, id: 'x', type: 'text', options: [], answer: ['Content-Type', '409'] };
const lines: Question = {
  ...base,
  id: 'l',
  type: 'lines',
  options: [],
  answer: ['2', '4'],
  code: { text: 'a\nb\nc\nd\ne\n' },
};
const order: Question = { ...base, id: 'o', type: 'order', options: opts, answer: ['c', 'a', 'b'] };
const sql: Question = {
  ...base,
  id: 'q',
  type: 'sql',
  options: [],
  answer: ['SELECT 1'],
  sql: {
    schema: 'CREATE TABLE t(x)',
    sample: '',
    check: '',
    reference: 'SELECT 1',
    ordered: false,
    mistakes: [],
  },
};
const verdicts = new Map([
  [sqlAnswerKey('q', 'SELECT 1'), true],
  [sqlAnswerKey('q', 'SELECT 2'), false],
]);

describe('scoreAnswer', () => {
  it.each([
    { q: single, r: ['b'], ok: true },
    { q: single, r: ['a'], ok: false },
    { q: single, r: [], ok: false },
    { q: single, r: ['b', 'a'], ok: false },
    { q: multiple, r: ['c', 'a'], ok: true },
    { q: multiple, r: ['a'], ok: false },
    { q: multiple, r: ['a', 'b', 'c'], ok: false },
    { q: multiple, r: ['a', 'a'], ok: false },
    { q: trueFalse, r: ['false'], ok: true },
    { q: trueFalse, r: ['true'], ok: false },
    { q: text, r: ['  content-TYPE '], ok: true },
    { q: text, r: ['409'], ok: true },
    { q: text, r: ['content type'], ok: false },
    { q: text, r: [''], ok: false },
    { q: text, r: [], ok: false },
    { q: lines, r: ['4', '2'], ok: true },
    { q: lines, r: ['02', '4'], ok: true },
    { q: lines, r: ['2'], ok: false },
    { q: lines, r: ['2', '4', '5'], ok: false },
    { q: lines, r: ['2', '2', '4'], ok: false },
    { q: lines, r: [], ok: false },
    { q: order, r: ['c', 'a', 'b'], ok: true },
    { q: order, r: ['a', 'c', 'b'], ok: false },
    { q: order, r: ['c', 'a'], ok: false },
    { q: order, r: ['c', 'a', 'b', 'b'], ok: false },
    { q: sql, r: ['SELECT 1'], ok: true },
    { q: sql, r: ['SELECT 2'], ok: false },
    { q: sql, r: ['  '], ok: false },
    { q: sql, r: [], ok: false },
  ])('$q.type $r -> $ok', ({ q, r, ok }) => {
    expect(scoreAnswer(q, r, verdicts)).toBe(ok);
  });

  it('refuses to score a SQL answer that was never run', () => {
    expect(() => scoreAnswer(sql, ['SELECT 3'], verdicts)).toThrow(/before it was run/);
  });
});

describe('summarize', () => {
  it('counts unanswered as wrong and tallies by domain and difficulty', () => {
    const s = summarize([
      { domain: 'apis', difficulty: 'junior', correct: true },
      { domain: 'apis', difficulty: 'senior', correct: false },
      { domain: 'databases', difficulty: 'junior', correct: null },
    ]);
    expect(s).toEqual({
      total: 3,
      answered: 2,
      correct: 1,
      score: 33.3,
      byDomain: {
        apis: { correct: 1, total: 2, percent: 50 },
        databases: { correct: 0, total: 1, percent: 0 },
      },
      byDifficulty: {
        junior: { correct: 1, total: 2, percent: 50 },
        senior: { correct: 0, total: 1, percent: 0 },
      },
    });
  });

  it.each([
    [0, 0, 0],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [20, 20, 100],
  ])('percent(%i, %i) = %d', (c, t, p) => expect(percent(c, t)).toBe(p));

  it('normalizes text answers', () => expect(normalizeTextAnswer('  Foo\t BAR ')).toBe('foo bar'));
});
