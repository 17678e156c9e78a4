import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/bank-schema.js';
import {
  buildProgress,
  isoWeek,
  recentWeeks,
  type ProgressTally,
  type ProgressBank,
} from '../../src/core/progress.js';
import { contentHash, gradeFor, schedule } from '../../src/core/spaced-review.js';

describe('isoWeek', () => {
  it.each([
    ['2026-01-01T12:00:00Z', '2026-W01'], // a Thursday: week 1
    ['2027-01-01T12:00:00Z', '2026-W53'], // a Friday: still the last week of 2026
    ['2024-12-30T00:00:00Z', '2025-W01'], // a Monday whose Thursday is in 2025
    ['2021-01-03T23:59:59Z', '2020-W53'], // a Sunday
    ['2026-11-23T09:00:00Z', '2026-W48'],
    ['2026-11-29T23:59:59Z', '2026-W48'],
    ['2026-11-30T00:00:00Z', '2026-W49'],
  ])('%s is %s', (date, week) => {
    expect(isoWeek(new Date(date))).toBe(week);
  });

  it('recentWeeks ends with the current week, across a year end', () => {
    expect(recentWeeks(new Date('2027-01-05T00:00:00Z'), 3)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });
});

function question(id: string, domain: string, tags: string[], references: string[]): Question {
  return {
    id,
    domain,
    type: 'true-false',
    difficulty: 'mid',
    tags,
    prompt: `${id}?`,
    options: [],
    answer: ['true'],
    explanation: 'Because.',
    references,
  };
}

describe('buildProgress', () => {
  const NOW = new Date('2026-11-25T12:00:00Z'); // Wednesday of 2026-W48
  const idx = question(
    'db-index',
    'databases',
    ['indexing'],
    ['https://www.postgresql.org/docs/current/indexes.html'],
  );
  const iso = question(
    'db-iso',
    'databases',
    ['transactions'],
    ['https://www.postgresql.org/docs/current/transaction-iso.html'],
  );
  const iso2 = question(
    'db-iso2',
    'databases',
    ['transactions'],
    [
      'https://www.postgresql.org/docs/current/transaction-iso.html',
      'https://www.postgresql.org/docs/current/mvcc.html',
    ],
  );
  const api = question('api-put', 'apis', ['http'], ['https://www.rfc-editor.org/rfc/rfc9110']);
  const banks: ProgressBank[] = [
    {
      domain: 'databases',
      title: 'Databases',
      subtopics: { indexing: 'Indexing', transactions: 'Transactions and isolation' },
      questions: [idx, iso, iso2],
    },
    { domain: 'apis', title: 'APIs', subtopics: { http: 'HTTP semantics' }, questions: [api] },
  ];
  const a = (questionId: string, domain: string, correct: boolean, answeredAt: string): ProgressTally => ({
    questionId,
    domain,
    day: answeredAt.slice(0, 10),
    answered: 1,
    correct: correct ? 1 : 0,
  });
  const answers = [
    a('db-iso', 'databases', false, '2026-11-17T10:00:00Z'), // W47
    a('db-iso2', 'databases', false, '2026-11-17T10:01:00Z'),
    a('db-index', 'databases', true, '2026-11-17T10:02:00Z'),
    a('db-iso', 'databases', true, '2026-11-24T10:00:00Z'), // W48
    a('db-iso2', 'databases', false, '2026-11-24T10:01:00Z'),
    a('api-put', 'apis', false, '2026-11-24T10:02:00Z'),
    a('api-put', 'apis', true, '2026-11-25T10:00:00Z'),
    a('dropped-question', 'databases', true, '2026-11-24T11:00:00Z'), // no longer in the banks
  ];
  const states = [
    schedule(undefined, 'db-iso2', contentHash(iso2), gradeFor(false), new Date('2026-11-24T10:01:00Z')), // due 25th
    schedule(undefined, 'api-put', contentHash(api), gradeFor(true), new Date('2026-11-25T10:00:00Z')), // due 28th
    schedule(undefined, 'dropped-question', 'x', gradeFor(false), new Date('2026-11-20T10:00:00Z')),
  ];
  const report = buildProgress(answers, banks, states, { now: NOW, weeks: 3, weakest: 5 });

  it('tallies per domain and per subtopic by ISO week', () => {
    expect(report.weeks).toEqual(['2026-W46', '2026-W47', '2026-W48']);
    expect(report.total).toEqual({ answered: 8, correct: 4, percent: 50 });
    expect(report.domains.map((d) => d.id)).toEqual(['apis', 'databases']);
    const db = report.domains.find((d) => d.id === 'databases')!;
    expect(db).toMatchObject({ title: 'Databases', answered: 6, correct: 3, percent: 50, due: 1 });
    expect(db.weeks).toEqual([
      { week: '2026-W46', answered: 0, correct: 0, percent: null },
      { week: '2026-W47', answered: 3, correct: 1, percent: 33.3 },
      { week: '2026-W48', answered: 3, correct: 2, percent: 66.7 },
    ]);
    // the dropped question counts for its domain, not for any subtopic
    expect(db.subtopics.map((s) => [s.id, s.title, s.answered, s.correct])).toEqual([
      ['indexing', 'Indexing', 1, 1],
      ['transactions', 'Transactions and isolation', 4, 1],
    ]);
  });

  it('counts what is due now and within a week, ignoring questions no longer in the banks', () => {
    expect(report.due).toEqual({ now: 1, next7Days: 1 });
  });

  it('lists the weakest subtopics with the references of the questions missed there, most missed first', () => {
    expect(report.weakest.map((w) => [w.domain, w.subtopic, w.correct, w.answered])).toEqual([
      ['databases', 'transactions', 1, 4],
      ['apis', 'http', 1, 2],
    ]);
    expect(report.weakest[0]!.references).toEqual([
      'https://www.postgresql.org/docs/current/transaction-iso.html',
      'https://www.postgresql.org/docs/current/mvcc.html',
    ]);
    expect(buildProgress(answers, banks, states, { now: NOW, weeks: 3, weakest: 1 }).weakest).toHaveLength(1);
  });
});
