// Answers and keys in each type's words, as run's JUnit output and the reports print them.
import { describe, expect, it } from 'vitest';
import { TRUE_FALSE_OPTIONS, type Question } from '../../src/core/bank-schema.js';
import { describeKey, describeResponse } from '../../src/core/describe-answer.js';

const base = {
  domain: 'd',
  difficulty: 'mid' as const,
  tags: ['t'],
  prompt: 'p',
  explanation: 'e',
  references: [],
};
const options = [
  { id: 'a', text: 'Alpha' },
  { id: 'b', text: 'Beta' },
  { id: 'c', text: 'Gamma' },
];
const reference = 'SELECT id\n  FROM t\n WHERE x IS NULL';
const q = {
  single: { ...base, id: 's', type: 'single', options, answer: ['a'] },
  multiple: { ...base, id: 'm', type: 'multiple', options, answer: ['a', 'c'] },
  tf: { ...base, id: 'tf', type: 'true-false', options: TRUE_FALSE_OPTIONS, answer: ['false'] },
  text: { ...base, id: 'x', type: 'text', options: [], answer: ['409', 'Conflict'] },
  lines: {
    ...base,
    id: 'l',
    type: 'lines',
    options: [],
    answer: ['3', '7'],
    code: { text: 'a\n'.repeat(8) },
  },
  order: { ...base, id: 'o', type: 'order', options, answer: ['c', 'a', 'b'] },
  sql: {
    ...base,
    id: 'q',
    type: 'sql',
    options: [],
    answer: [reference],
    sql: { schema: 'CREATE TABLE t (id, x)', sample: '', check: '', reference, ordered: false, mistakes: [] },
  },
} satisfies Record<string, Question>;

describe('describeResponse', () => {
  it.each([
    { question: q.single, response: ['b'], out: 'Beta' },
    { question: q.multiple, response: ['a', 'b'], out: 'Alpha; Beta' },
    { question: q.tf, response: ['true'], out: 'True' },
    { question: q.text, response: ['Gone'], out: 'Gone' },
    { question: q.lines, response: ['4'], out: 'line 4' },
    { question: q.lines, response: ['3', '7'], out: 'lines 3, 7' },
    { question: q.lines, response: [], out: 'no line' },
    { question: q.order, response: ['b', 'c', 'a'], out: 'Beta → Gamma → Alpha' },
    { question: q.sql, response: ['select *\n\tfrom t\n'], out: 'select * from t' },
    { question: q.sql, response: [], out: '' },
  ])('$question.type $response', ({ question, response, out }) => {
    expect(describeResponse(question, response)).toBe(out);
  });
});

describe('describeKey', () => {
  it.each([
    { question: q.single, out: 'Alpha' },
    { question: q.multiple, out: 'Alpha; Gamma' },
    { question: q.text, out: '409 | Conflict' },
    { question: q.lines, out: 'lines 3, 7' },
    { question: q.order, out: 'Gamma → Alpha → Beta' },
    { question: q.sql, out: 'SELECT id FROM t WHERE x IS NULL' },
  ])('$question.type', ({ question, out }) => {
    expect(describeKey(question)).toBe(out);
  });
});
