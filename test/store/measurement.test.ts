// Exposure and first-attempt responses on a real SQLite file: retakes, sessions without a candidate, filters.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { responsesFromDb } from '../../src/commands/measurement/responses-input.js';
import { registeredAssessment } from '../../src/core/assessment-rules.js';
import { assessmentSchema } from '../../src/core/assessment.js';
import { findAssessment, registerAssessment } from '../../src/store/assessments.js';
import { openDatabase } from '../../src/store/database.js';
import { MeasurementStore } from '../../src/store/measurement.js';
import { SessionStore, type NewSession } from '../../src/store/sessions.js';
import { tempDir } from '../helpers/fixtures.js';

const session = (
  id: string,
  questions: string[],
  who?: { name: string; email: string },
  assessmentId?: string,
): NewSession => ({
  id,
  kind: who ? 'assessment' : 'quiz',
  startedAt: `2026-01-01T10:00:0${id.length % 10}.000Z`,
  seed: 1,
  timeLimitMs: null,
  settings: { topics: ['apis'], difficulty: 'mixed', count: questions.length, banks: [] },
  items: questions.map((q) => ({ questionId: q, domain: 'apis', difficulty: 'mid', optionOrder: [] })),
  ...(who ? { candidate: who } : {}),
  ...(assessmentId ? { assessmentId, assessmentHash: 'h' } : {}),
});

const ada = { name: 'Ada', email: 'ADA@example.com' };
const bob = { name: 'Bob', email: 'bob@example.com' };

function database() {
  const db = openDatabase(path.join(tempDir(), 'm.db'));
  const sessions = new SessionStore(db);
  // Ada took it twice (email in another case the second time), Bob once, plus a local practice session.
  sessions.create(session('a1', ['q1', 'q2'], ada, 'x'));
  sessions.create(session('a2', ['q1', 'q3'], { ...ada, email: 'ada@example.com' }, 'x'));
  sessions.create(session('b1', ['q1'], bob, 'y'));
  sessions.create(session('local', ['q1', 'q1']));
  for (const id of ['a1', 'a2', 'b1', 'local'])
    sessions.finish(id, 'completed', {
      finishedAt: '2026-01-01T11:00:00.000Z',
      elapsedMs: 1,
      correct: 0,
      score: 0,
    });
  return db;
}

describe('exposure', () => {
  it.each([
    { filter: {}, candidatesOnly: false, seen: { q1: 3, q2: 1, q3: 1 } },
    { filter: {}, candidatesOnly: true, seen: { q1: 2, q2: 1, q3: 1 } },
    { filter: { assessment: 'x' }, candidatesOnly: true, seen: { q1: 1, q2: 1, q3: 1 } },
    { filter: { assessment: 'y' }, candidatesOnly: true, seen: { q1: 1 } },
  ])('$filter, candidates only: $candidatesOnly', ({ filter, candidatesOnly, seen }) => {
    const db = database();
    try {
      expect(Object.fromEntries(new MeasurementStore(db).exposure(filter, candidatesOnly))).toEqual(seen);
    } finally {
      db.close();
    }
  });

  it('a question presented twice in one attempt is one response in the statistics', () => {
    const db = database();
    try {
      const sparse = responsesFromDb(new MeasurementStore(db), {});
      const q1 = sparse.itemIds.indexOf('q1');
      // First attempts: Ada's first, Bob's, the local session; each holds q1 once.
      expect(sparse.rows).toHaveLength(3);
      for (const row of sparse.rows) expect([...row.items].filter((i) => i === q1)).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});

describe('assessment registry', () => {
  it('stores a version once, finds it by id and hash, and nothing else', () => {
    const db = openDatabase(path.join(tempDir(), 'r.db'));
    try {
      const assessment = assessmentSchema.parse({
        format: 1,
        id: 'reg',
        title: 'Reg',
        domains: [{ id: 'apis', questions: ['q1'] }],
      });
      const entry = registeredAssessment(assessment, 'h1', [
        {
          id: 'q1',
          domain: 'apis',
          difficulty: 'mid',
          type: 'single',
          tags: [],
          prompt: 'p',
          options: [],
          answer: [],
          explanation: '',
          references: [],
        } as never,
      ]);
      expect(registerAssessment(db, entry, '2026-01-01T00:00:00.000Z')).toBe('registered');
      expect(registerAssessment(db, entry, '2026-01-02T00:00:00.000Z')).toBe('known');
      expect(findAssessment(db, 'reg', 'h1')).toEqual(entry);
      expect(findAssessment(db, 'reg', 'h2')).toBeUndefined();
    } finally {
      db.close();
    }
  });
});
