// Faults on the built binary: kills at random points, concurrent writers, schema versions, unusable locations.
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { runCli } from '../helpers/cli.js';
import { BIN, FIXTURES, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';
import { answerQuestion, KEY, PtySession } from '../helpers/pty.js';

interface Row {
  position: number;
  question_id: string;
  response: string;
}

function answersIn(db: string): Row[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn
      .prepare('SELECT position, question_id, response FROM answers ORDER BY position')
      .all() as Row[];
  } finally {
    conn.close();
  }
}

function statusOf(db: string): string {
  const conn = new Database(db, { readonly: true });
  try {
    return (conn.prepare('SELECT status FROM sessions').get() as { status: string }).status;
  } finally {
    conn.close();
  }
}

describe('SIGKILL at random points', () => {
  it('loses no acknowledged answer in 50 killed runs, and every session resumes to completion', async () => {
    const random = createRandom(20261123);
    const dir = tempDir();
    for (let run = 0; run < 50; run++) {
      const db = path.join(dir, `run-${run}.db`);
      const acknowledged = Math.floor(random() * 5); // 0..4 answers the candidate saw accepted
      const s = new PtySession([
        'quiz',
        '--db',
        db,
        '--banks',
        SMALL_BANKS,
        '--seed',
        String(run),
        '-n',
        '5',
      ]);
      for (let n = 1; n <= acknowledged; n++) await answerQuestion(s, n, 5);
      await s.waitFor(`${acknowledged + 1}/5 ·`);
      // Kill at a random moment: idle, mid-keystroke, or right after pressing Enter.
      const moment = Math.floor(random() * 3);
      if (moment === 1) s.write(KEY.down);
      if (moment === 2) s.write(KEY.enter);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 60)));
      s.kill('SIGKILL');
      await s.wait();

      const before = answersIn(db);
      expect(before.length).toBeGreaterThanOrEqual(acknowledged);
      expect(before.map((a) => a.position)).toEqual([...before.keys()]);
      // Killed just after the last Enter: the quiz had already finished, so there is nothing to resume.
      if (statusOf(db) === 'completed') {
        expect(before).toHaveLength(5);
        continue;
      }

      const r = new PtySession(['resume', '--db', db]);
      await r.waitFor('Resuming');
      for (let n = before.length + 1; n <= 5; n++) await answerQuestion(r, n, 5);
      await r.waitFor('Review the');
      r.write('n' + KEY.enter);
      expect((await r.wait()).exitCode).toBe(0);
      const after = answersIn(db);
      expect(after).toHaveLength(5);
      expect(after.slice(0, before.length)).toEqual(before);
    }
  }, 400_000);
});

describe('concurrent writers', () => {
  it('8 processes recording sessions into one database at once: no SQLITE_BUSY, every row present', async () => {
    const db = path.join(tempDir(), 'shared.db');
    const answers = path.join(FIXTURES, 'answers', 'small-all.yaml');
    const runOne = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [BIN, 'run', '--answers', answers, '--banks', SMALL_BANKS, '--db', db, '--format', 'json'],
          { stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const worker = async () => {
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await runOne());
      return results;
    };
    const all = (await Promise.all(Array.from({ length: 8 }, worker))).flat();
    expect(all.filter((r) => r.code !== 0)).toEqual([]);
    expect(all.map((r) => r.stderr).join('')).not.toMatch(/BUSY|locked/i);
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 40 });
    expect(conn.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 200 });
    conn.close();
  }, 120_000);
});

describe('schema versions', () => {
  it('a database written by a newer schema is refused with a clear message and left untouched', async () => {
    const db = path.join(tempDir(), 'newer.db');
    const conn = new Database(db);
    conn.exec('CREATE TABLE future (x)');
    conn.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    conn.close();
    const bytes = readFileSync(db);
    for (const args of [
      ['history'],
      ['run', '--answers', path.join(FIXTURES, 'answers', 'small-all.yaml'), '--banks', SMALL_BANKS],
    ]) {
      const result = await runCli([...args, '--db', db]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('written by a newer backend-quiz');
    }
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });

  it('migrates a database of the first schema forward and keeps every row', async () => {
    const db = path.join(tempDir(), 'v1.db');
    const conn = new Database(db);
    conn.exec(MIGRATIONS[0]!);
    conn.pragma('user_version = 1');
    const insertSession = conn.prepare(
      "INSERT INTO sessions (id, kind, status, started_at, seed, settings, total, correct, score) VALUES (?, 'quiz', 'completed', ?, 1, '{}', 2, 1, 50)",
    );
    for (let i = 0; i < 30; i++) {
      const id = `s${String(i).padStart(4, '0')}`;
      insertSession.run(id, `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`);
      for (let p = 0; p < 2; p++) {
        conn.prepare("INSERT INTO session_items VALUES (?, ?, 'q', 'd', 'mid', '[]')").run(id, p);
        conn
          .prepare("INSERT INTO answers VALUES (?, ?, 'q', '[]', ?, 1.5, '2026-01-01T00:00:00.000Z')")
          .run(id, p, p);
      }
    }
    conn.close();
    const history = await runCli(['history', '--json', '--db', db]);
    expect(history.code).toBe(0);
    const entries = JSON.parse(history.stdout) as { id: string; answered: number; score: number }[];
    expect(entries).toHaveLength(30);
    expect(entries.every((e) => e.answered === 2 && e.score === 50)).toBe(true);
    const after = new Database(db, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(after.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 60 });
    after.close();
  });
});

describe('unusable database locations', () => {
  // A read-only mount where the machine allows it (root ignores file permissions), else /proc.
  const readOnlyDir = { dir: '/proc', mounted: false };
  const mountPoint = path.join(tmpdir(), `backend-quiz-ro-${process.pid}`);
  beforeAll(() => {
    mkdirSync(mountPoint, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro', 'tmpfs', mountPoint], { stdio: 'ignore' });
      Object.assign(readOnlyDir, { dir: mountPoint, mounted: true });
    } catch {
      // not allowed here: /proc stays
    }
  });
  afterAll(() => {
    if (readOnlyDir.mounted) execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it.each([
    { name: 'a device', db: () => '/dev/full', message: 'it is not a regular file' },
    {
      name: 'a read-only location',
      db: () => path.join(readOnlyDir.dir, 'results.db'),
      message: readOnlyDir.mounted ? 'the location is read-only' : 'cannot use the database',
    },
    {
      name: 'a file where a folder is needed',
      db: () => path.join(BIN, 'results.db'),
      message: 'a file stands where a folder is needed',
    },
  ])('$name: a clear message and exit 2, for reads and writes', async ({ db, message }) => {
    for (const args of [
      ['history'],
      ['run', '--answers', path.join(FIXTURES, 'answers', 'small-all.yaml'), '--banks', SMALL_BANKS],
    ]) {
      const result = await runCli([...args, '--db', db()]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
