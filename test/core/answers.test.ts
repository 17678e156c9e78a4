import { describe, expect, it } from 'vitest';
import { resolveAnswer } from '../../src/core/answers.js';
import { TRUE_FALSE_OPTIONS, type Question } from '../../src/core/bank-schema.js';
import { readAnswers } from '../../src/bank/read-answers.js';
import { junitReport } from '../../src/report/junit.js';

const base = {
  domain: 'd',
  difficulty: 'mid' as const,
  tags: ['t'],
  prompt: 'p',
  explanation: 'e',
  references: [],
};
const options = [
  { id: 'a', text: 'A' },
  { id: 'b', text: 'B' },
];
const single: Question = { ...base, id: 's', type: 'single', options, answer: ['a'] };
const multiple: Question = { ...base, id: 'm', type: 'multiple', options, answer: ['a', 'b'] };
const tf: Question = { ...base, id: 'tf', type: 'true-false', options: TRUE_FALSE_OPTIONS, answer: ['true'] };
const text: Question = { ...base, id: 'x', type: 'text', options: [], answer: ['409'] };
const lines: Question = {
  ...base,
  id: 'l',
  type: 'lines',
  options: [],
  answer: ['2'],
  code: { text: 'a\nb\nc\n' },
};
const order: Question = { ...base, id: 'o', type: 'order', options, answer: ['b', 'a'] };
const sql: Question = { ...base, id: 'q', type: 'sql', options: [], answer: ['SELECT 1'] };

describe('resolveAnswer', () => {
  it.each([
    { q: single, v: 'a', out: ['a'] },
    { q: single, v: 'z', err: '"z" is not an option of s' },
    { q: single, v: ['a'], err: 'takes one option id' },
    { q: multiple, v: ['b', 'a', 'b'], out: ['b', 'a'] },
    { q: multiple, v: 'a', out: ['a'] },
    { q: multiple, v: ['a', 'q'], err: '"q" not an option of m' },
    { q: multiple, v: [1], err: 'takes a list of option ids' },
    { q: tf, v: false, out: ['false'] },
    { q: tf, v: 'true', out: ['true'] },
    { q: tf, v: 'yes', err: 'takes true or false' },
    { q: text, v: 409, out: ['409'] },
    { q: text, v: 'Conflict', out: ['Conflict'] },
    { q: text, v: { a: 1 }, err: 'takes a text answer' },
    { q: lines, v: [3, 1, 3], out: ['1', '3'] },
    { q: lines, v: 2, out: ['2'] },
    { q: lines, v: ['2'], out: ['2'] },
    { q: lines, v: [4], err: 'line 4 is not in the code of l (lines 1 to 3)' },
    { q: lines, v: [0], err: 'line 0 is not in the code' },
    { q: lines, v: [1.5], err: 'takes a list of line numbers' },
    { q: lines, v: [], err: 'takes a list of line numbers' },
    { q: order, v: ['b', 'a'], out: ['b', 'a'] },
    { q: order, v: ['b', 'z'], err: '"z" not an option of o' },
    { q: order, v: ['b', 'b'], err: 'lists a step twice' },
    { q: order, v: 'b', err: 'takes a list of option ids in order' },
    { q: sql, v: 'SELECT 2', out: ['SELECT 2'] },
    { q: sql, v: 2, err: 'takes a SQL query as a string' },
  ])('$q.type $v', ({ q, v, out, err }) => {
    const r = resolveAnswer(q, v);
    if (out) expect(r).toEqual({ ok: true, response: out });
    else expect(r.ok ? '' : r.message).toContain(err);
  });
});

describe('readAnswers', () => {
  it('keeps the position of each answer', () => {
    expect(readAnswers('a: x\nb:\n  - y\n  - z\n', 'f.yaml')).toEqual({
      entries: [
        { questionId: 'a', value: 'x', line: 1, column: 4 },
        { questionId: 'b', value: ['y', 'z'], line: 3, column: 3 },
      ],
      problems: [],
    });
  });
  it.each([
    ['a: [x\n', 'syntax'],
    ['- a\n', 'answers-shape'],
    ['a: 1\na: 2\n', 'duplicate-key'],
    ['{"a": 1, "b": 2, "a": 3}', 'duplicate-key'],
    ['42\n', 'answers-shape'],
  ])('%j -> %s', (text, rule) => {
    expect(readAnswers(text, 'f').problems[0]?.rule).toBe(rule);
  });
});

describe('junitReport', () => {
  it('escapes markup and drops characters XML forbids', () => {
    const xml = junitReport({
      name: 'q',
      timestamp: '2026-01-01T00:00:00.000Z',
      hostname: 'h',
      score: 0,
      passMark: null,
      cases: [
        {
          id: 'x',
          domain: 'd',
          correct: false,
          message: '<b>"&\'',
          explanation: 'a\u0001b ]]> <c>',
          references: [],
        },
      ],
    });
    expect(xml).toContain('message="&lt;b&gt;&quot;&amp;&apos;"');
    expect(xml).toContain('ab ]]&gt; &lt;c&gt;');
    expect(xml).toContain('timestamp="2026-01-01T00:00:00"');
  });
});
