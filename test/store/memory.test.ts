// The memory table and the learner's answers on real SQLite files: migration of an older database, exact round trips.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeFor, schedule } from '../../src/core/spaced-review.js';
import { openDatabase } from '../../src/store/database.js';
import { MemoryStore } from '../../src/store/memory.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { importSession, SessionStore } from '../../src/store/sessions.js';
import { tempDir } from '../helpers/fixtures.js';

const item = (questionId: string) => ({
  questionId,
  domain: 'apis',
  difficulty: 'mid' as const,
  optionOrder: [],
});

describe('MemoryStore', () => {
  it('migrates a database written before studying existed: its sessions are exam sessions, nothing is lost', () => {
    const file = path.join(tempDir(), 'r.db');
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 4)) old.exec(sql);
    old.pragma('user_version = 4');
    old
      .prepare(
        `INSERT INTO sessions (id, kind, status, started_at, seed, settings, total) VALUES ('old', 'quiz', 'completed', '2026-01-01T00:00:00Z', 1, '{}', 0)`,
      )
      .run();
    old.close();

    const db = openDatabase(file);
    expect(new SessionStore(db).get('old')).toMatchObject({ id: 'old', mode: 'exam', status: 'completed' });
    expect(new MemoryStore(db).all()).toEqual([]);
    db.close();
  });

  it('stores a state and reads back the same card, and replaces it on the next answer', () => {
    const db = openDatabase(path.join(tempDir(), 'r.db'));
    const memory = new MemoryStore(db);
    const first = schedule(undefined, 'q1', 'h1', gradeFor(false), new Date('2026-11-23T09:00:00Z'));
    memory.save(first, '2026-11-23T09:00:00Z');
    expect(memory.get('q1')).toEqual(first);
    const second = schedule(first, 'q1', 'h1', gradeFor(true), new Date('2026-11-25T09:00:00Z'));
    memory.save(second, '2026-11-25T09:00:00Z');
    expect(memory.all()).toEqual([second]);
    expect(memory.get('missing')).toBeUndefined();
    db.close();
  });

  it('learnerTallies and missedQuestionIds hold quiz, practice and review answers, not assessments or imported results', () => {
    const db = openDatabase(path.join(tempDir(), 'r.db'));
    const store = new SessionStore(db);
    const base = {
      seed: 1,
      timeLimitMs: null,
      settings: { topics: [], difficulty: 'mixed', count: 1, banks: [] },
    };
    const answer = (questionId: string, at: string, correct: boolean) => ({
      position: 0,
      questionId,
      response: ['a'],
      correct,
      seconds: 1,
      answeredAt: at,
    });
    const sessions = [
      { id: 'q', kind: 'quiz', mode: 'exam', q: 'from-quiz', day: '2026-11-02', correct: true },
      { id: 'p', kind: 'quiz', mode: 'practice', q: 'from-practice', day: '2026-11-01', correct: true },
      { id: 'r', kind: 'review', mode: 'practice', q: 'from-review', day: '2026-11-03', correct: false },
      { id: 'a', kind: 'assessment', mode: 'exam', q: 'from-assessment', day: '2026-11-04', correct: false },
    ] as const;
    for (const s of sessions) {
      const at = `${s.day}T10:00:00Z`;
      store.create({ ...base, id: s.id, kind: s.kind, mode: s.mode, startedAt: at, items: [item(s.q)] });
      store.insertAnswer(s.id, answer(s.q, at, s.correct));
    }
    importSession(store, db, {
      ...base,
      id: 'i',
      startedAt: '2026-11-05T00:00:00Z',
      finishedAt: '2026-11-05T00:00:00Z',
      status: 'completed',
      elapsedMs: 0,
      candidate: { name: 'Someone', email: 's@example.com' },
      assessmentId: 'x',
      assessmentHash: 'h',
      resultDigest: 'd',
      items: [item('from-import')],
      answers: [{ questionId: 'from-import', response: ['a'], correct: false, seconds: 1 }],
      correct: 0,
      score: 0,
    });
    const memory = new MemoryStore(db);
    expect(memory.learnerTallies().sort((x, y) => x.questionId.localeCompare(y.questionId))).toEqual([
      { questionId: 'from-practice', domain: 'apis', day: '2026-11-01', answered: 1, correct: 1 },
      { questionId: 'from-quiz', domain: 'apis', day: '2026-11-02', answered: 1, correct: 1 },
      { questionId: 'from-review', domain: 'apis', day: '2026-11-03', answered: 1, correct: 0 },
    ]);
    expect(memory.missedQuestionIds()).toEqual(new Set(['from-review']));
    db.close();
  });
});
