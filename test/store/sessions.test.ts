// The store on real SQLite files in temp folders: migrations, each answer persisted at once, statuses.
import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { openDatabase } from '../../src/store/database.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { SessionStore, type NewSession } from '../../src/store/sessions.js';
import { tempDir } from '../helpers/fixtures.js';

const session = (id: string, startedAt = '2026-01-01T10:00:00.000Z'): NewSession => ({
  id,
  kind: 'quiz',
  startedAt,
  seed: 7,
  timeLimitMs: 600_000,
  settings: { topics: ['apis'], difficulty: 'mixed', count: 2, banks: ['/banks'] },
  items: [
    { questionId: 'q1', domain: 'apis', difficulty: 'junior', optionOrder: ['b', 'a'] },
    { questionId: 'q2', domain: 'apis', difficulty: 'senior', optionOrder: ['true', 'false'] },
  ],
});

const answer = (position: number, correct: boolean, elapsedMs: number) => ({
  position,
  questionId: `q${position + 1}`,
  response: ['a'],
  correct,
  seconds: 1.5,
  answeredAt: '2026-01-01T10:00:05.000Z',
  elapsedMs,
});

describe('SessionStore', () => {
  it('creates the file in WAL mode at the current schema version', () => {
    const file = path.join(tempDir(), 'deep', 'r.db');
    openDatabase(file).close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('persists each answer immediately, visible to another connection', () => {
    const file = path.join(tempDir(), 'r.db');
    const db = openDatabase(file);
    const store = new SessionStore(db);
    store.create(session('s1'));
    store.recordAnswer('s1', answer(0, true, 4_000));
    // A second connection sees the answer without the first closing: it was committed.
    const other = new SessionStore(openDatabase(file));
    expect(other.answers('s1')).toEqual([
      {
        position: 0,
        questionId: 'q1',
        response: ['a'],
        correct: true,
        seconds: 1.5,
        answeredAt: '2026-01-01T10:00:05.000Z',
      },
    ]);
    expect(other.get('s1')).toMatchObject({ status: 'in-progress', elapsedMs: 4_000, answered: 1, total: 2 });
    expect(other.items('s1')[0]).toEqual({
      questionId: 'q1',
      domain: 'apis',
      difficulty: 'junior',
      optionOrder: ['b', 'a'],
    });
    db.close();
  });

  it('refuses a second answer for the same position', () => {
    const store = new SessionStore(openDatabase(':memory:'));
    store.create(session('s1'));
    store.recordAnswer('s1', answer(0, true, 1));
    expect(() => store.recordAnswer('s1', answer(0, false, 2))).toThrow(/UNIQUE|PRIMARY/);
  });

  it('tracks status through interrupt and finish, and lists resumable sessions newest first', () => {
    const store = new SessionStore(openDatabase(':memory:'));
    store.create(session('old', '2026-01-01T00:00:00.000Z'));
    store.create(session('new', '2026-02-01T00:00:00.000Z'));
    store.create(session('done', '2026-03-01T00:00:00.000Z'));
    store.setStatus('old', 'interrupted', 1234);
    store.finish('done', 'completed', {
      finishedAt: '2026-03-01T00:10:00.000Z',
      elapsedMs: 9,
      correct: 1,
      score: 50,
    });
    expect(store.listResumable().map((s) => s.id)).toEqual(['new', 'old']);
    expect(store.get('old')).toMatchObject({ status: 'interrupted', elapsedMs: 1234 });
    expect(store.get('done')).toMatchObject({ status: 'completed', score: 50, correct: 1 });
    expect(store.findByPrefix('ne').map((s) => s.id)).toEqual(['new']);
    expect(store.list().map((s) => s.id)).toEqual(['done', 'new', 'old']);
  });

  it('refuses a database from a newer schema and changes nothing', () => {
    const file = path.join(tempDir(), 'r.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer backend-quiz/);
    const again = new Database(file, { readonly: true });
    expect(again.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({
      n: 0,
    });
    again.close();
  });

  it('explains a database location it cannot write', () => {
    const dir = path.join(tempDir(), 'ro');
    mkdirSync(dir);
    chmodSync(dir, 0o500);
    const attempt = () => openDatabase(path.join(dir, 'sub', 'r.db'));
    // root ignores directory permissions; then the check is that it simply works.
    if (process.getuid?.() === 0) expect(() => attempt().close()).not.toThrow();
    else expect(attempt).toThrow(UsageError);
  });

  it('explains a file that is not a database', () => {
    const file = path.join(tempDir(), 'text.db');
    writeFileSync(file, 'this is not sqlite, just text that is long enough to have a header '.repeat(10));
    expect(() => openDatabase(file)).toThrow(/not a SQLite database/);
  });
});
