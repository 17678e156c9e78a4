import { Rating, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/bank-schema.js';
import {
  contentHash,
  dueQuestions,
  gradeFor,
  isDue,
  nextDue,
  retrievability,
  schedule,
  type MemoryState,
  type SelfRating,
} from '../../src/core/spaced-review.js';

const MONDAY = new Date('2026-11-23T09:00:00Z');
const at = (days: number, hours = 0) => new Date(MONDAY.getTime() + (days * 24 + hours) * 3_600_000);

function question(id: string, domain = 'alpha', prompt = `Prompt of ${id}?`): Question {
  return {
    id,
    domain,
    type: 'single',
    difficulty: 'mid',
    tags: ['basics'],
    prompt,
    options: [
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
    ],
    answer: ['a'],
    explanation: 'A is right because of the RFC.',
    references: ['https://www.rfc-editor.org/rfc/rfc9110'],
  };
}

function answer(q: Question, correct: boolean, when: Date, rating?: SelfRating, previous?: MemoryState) {
  return schedule(previous, q.id, contentHash(q), gradeFor(correct, rating), when);
}

describe('contentHash', () => {
  it('keeps the hash a card was scheduled under for the original question types', () => {
    // Learners' schedules are stored under this value: a changed formula would restart every card.
    expect(contentHash(question('q'))).toBe('34e98f8e334f2a44');
  });

  it.each([
    {
      name: 'the code of a lines question',
      change: (q: Question): Question => ({ ...q, code: { text: 'a = 1\nb = a + 2', language: 'python' } }),
    },
    {
      name: 'the check data of a sql question',
      change: (q: Question): Question => ({ ...q, sql: { ...q.sql!, check: 'INSERT INTO t VALUES (2);' } }),
    },
    {
      name: 'the schema of a sql question',
      change: (q: Question): Question => ({ ...q, sql: { ...q.sql!, schema: 'CREATE TABLE t (x TEXT);' } }),
    },
  ])('changes with $name', ({ change }) => {
    const base: Question = {
      ...question('h'),
      code: { text: 'a = 1\nb = a + 1', language: 'python' },
      sql: {
        schema: 'CREATE TABLE t (x INTEGER);',
        sample: 'INSERT INTO t VALUES (1);',
        check: 'INSERT INTO t VALUES (1);',
        reference: 'SELECT x FROM t',
        ordered: false,
        mistakes: [],
      },
    };
    expect(contentHash(change(base))).not.toBe(contentHash(base));
  });

  it('stays when only a listed mistake of a sql question changes', () => {
    const sql = { schema: 's', sample: '', check: 'c', reference: 'r', ordered: false, mistakes: [] };
    const q: Question = { ...question('m'), type: 'sql', options: [], answer: ['r'], sql };
    const more = { ...q, sql: { ...sql, mistakes: [{ query: 'SELECT 2', why: 'wrong' }] } };
    expect(contentHash(more)).toBe(contentHash(q));
  });
});

describe('gradeFor', () => {
  it.each([
    [false, undefined, Rating.Again],
    [false, 'easy', Rating.Again],
    [true, undefined, Rating.Good],
    [true, 'good', Rating.Good],
    [true, 'hard', Rating.Hard],
    [true, 'easy', Rating.Easy],
  ] as const)('correct=%s rating=%s -> %i', (correct, rating, grade) => {
    expect(gradeFor(correct, rating)).toBe(grade);
  });
});

describe('scheduling with a fixed clock', () => {
  it('brings a missed question back before a known one, and an easy one last', () => {
    const [missed, hard, good, easy] = ['m', 'h', 'g', 'e'].map((id) => question(id));
    const states = [
      answer(missed!, false, MONDAY),
      answer(hard!, true, MONDAY, 'hard'),
      answer(good!, true, MONDAY),
      answer(easy!, true, MONDAY, 'easy'),
    ];
    const dues = states.map((s) => s.card.due.getTime());
    expect(dues[0]).toBeLessThan(dues[1]!);
    expect(dues[1]).toBeLessThan(dues[2]!);
    expect(dues[2]).toBeLessThan(dues[3]!);
    expect(states[0]!.card.due.getTime()).toBeGreaterThan(MONDAY.getTime()); // not within the same session

    const index = new Map([missed!, hard!, good!, easy!].map((q) => [q.id, q]));
    // Monday's practice, Wednesday's review: the missed question first, then the hard one; the known ones wait.
    const wednesday = dueQuestions(states, index, at(2, 1));
    expect(wednesday.map((d) => d.question.id)).toEqual(['m', 'h']);
    expect(wednesday[0]!.retrievability).toBeLessThan(wednesday[1]!.retrievability);
    expect(dueQuestions(states, index, at(0, 1))).toEqual([]);
    expect(nextDue(states, index, at(0, 1))).toEqual({ date: '2026-11-24', count: 1 });
  });

  it('a question answered right again is scheduled further out than the first time', () => {
    const q = question('q');
    const first = answer(q, true, MONDAY);
    const second = answer(q, true, first.card.due, 'good', first);
    const firstInterval = first.card.due.getTime() - MONDAY.getTime();
    expect(second.card.due.getTime() - first.card.due.getTime()).toBeGreaterThan(firstInterval);
    expect(second.card.reps).toBe(2);
    // and missing it afterwards counts a lapse and brings it back within days
    const lapse = answer(q, false, second.card.due, undefined, second);
    expect(lapse.card.lapses).toBe(1);
    expect(lapse.card.due.getTime() - second.card.due.getTime()).toBeLessThan(firstInterval);
  });

  it('a question whose content changed since it was last seen is new again: due now, then rescheduled from scratch', () => {
    const before = question('q', 'alpha', 'Which status code means Not Found?');
    const known = answer(before, true, MONDAY, 'easy', answer(before, true, at(-10)));
    expect(known.card.reps).toBe(2);
    const after = question('q', 'alpha', 'Which status code means Gone?');
    const hash = contentHash(after);
    expect(hash).not.toBe(contentHash(before));

    expect(isDue(known, contentHash(before), at(1))).toBe(false);
    expect(isDue(known, hash, at(1))).toBe(true);
    expect(retrievability(known, hash, at(1))).toBe(0);
    const due = dueQuestions([known], new Map([['q', after]]), at(1));
    expect(due.map((d) => [d.question.id, d.changed])).toEqual([['q', true]]);

    const reset = schedule(known, 'q', hash, gradeFor(true), at(1));
    const fresh = schedule(undefined, 'q', hash, gradeFor(true), at(1));
    expect(reset).toEqual(fresh);
    expect(reset.card.reps).toBe(1);
    expect(reset.card.state).toBe(State.Review);
  });

  it('rewording the explanation or references keeps the schedule', () => {
    const q = question('q');
    expect(contentHash({ ...q, explanation: 'Reworded.', references: ['https://example.org/'] })).toBe(
      contentHash(q),
    );
    expect(contentHash({ ...q, answer: ['b'] })).not.toBe(contentHash(q));
    expect(contentHash({ ...q, options: [...q.options, { id: 'c', text: 'C' }] })).not.toBe(contentHash(q));
  });

  it('skips states of questions no longer in the banks, and filters by topic and limit', () => {
    const a1 = question('a1', 'alpha');
    const a2 = question('a2', 'alpha');
    const b1 = question('b1', 'beta');
    const gone = question('gone', 'alpha');
    const states = [a1, a2, b1, gone].map((q) => answer(q, false, MONDAY));
    const index = new Map([a1, a2, b1].map((q) => [q.id, q]));
    const later = at(5);
    expect(dueQuestions(states, index, later).map((d) => d.question.id)).toEqual(['a1', 'a2', 'b1']);
    expect(dueQuestions(states, index, later, { topics: ['beta'] }).map((d) => d.question.id)).toEqual([
      'b1',
    ]);
    expect(dueQuestions(states, index, later, { limit: 2 })).toHaveLength(2);
    expect(nextDue(states, index, MONDAY)).toEqual({ date: '2026-11-24', count: 3 });
  });
});
