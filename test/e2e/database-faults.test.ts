// Database faults on the built binary: each is exit 2 with one line naming the file and what to do, and no answer a
// candidate gave is lost while another program holds the database.
import Database from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BIN, FIXTURES, ROOT, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';
import { answerQuestion, KEY, PtySession } from '../helpers/pty.js';

const ANSWERS = path.join(FIXTURES, 'answers', 'small-all.yaml');
const run = (db: string) => runCli(['run', '--answers', ANSWERS, '--banks', SMALL_BANKS, '--db', db]);

/** A second program holding the write lock (BEGIN EXCLUSIVE) for `ms`; resolves once it holds it. */
async function holdLock(db: string, ms: number): Promise<ChildProcess> {
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('BEGIN EXCLUSIVE');
       process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`,
      db,
      String(ms),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on('data', () => resolve());
    holder.on('exit', (code) => reject(new Error(`the lock holder exited ${code}`)));
  });
  return holder;
}

function answers(db: string): { position: number; question_id: string; response: string }[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT position, question_id, response FROM answers ORDER BY position').all() as {
      position: number;
      question_id: string;
      response: string;
    }[];
  } finally {
    conn.close();
  }
}

describe('database paths that cannot be used', () => {
  it('--db /dev/null: not a regular file, and no /dev/null-journal left behind', async () => {
    rmSync('/dev/null-journal', { force: true });
    const result = await runCli(['history', '--db', '/dev/null']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'backend-quiz: cannot use the database /dev/null: it is not a regular file. Give a file path with --db or BACKEND_QUIZ_DB (it is created if missing).\n',
    );
    expect(existsSync('/dev/null-journal')).toBe(false);
  });

  it('--db under /proc, where folders cannot be made, ends at once with exit 2', async () => {
    for (const args of [['history'], ['run', '--answers', ANSWERS, '--banks', SMALL_BANKS]]) {
      const result = await runCli([...args, '--db', '/proc/self/nothing/x.db']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^backend-quiz: cannot use the database \/proc\/self\/nothing\/x\.db: /);
    }
  });

  it('a folder given as the database', async () => {
    const dir = tempDir();
    const result = await runCli(['history', '--db', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it is not a regular file');
  });
});

describe('damaged databases', () => {
  /** Overwrites the middle of the file, where the answers table's pages are, with garbage. */
  function damage(file: string): void {
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
  }

  it('stats and history say the file is damaged, exit 2, and never report partial data', async () => {
    const db = path.join(tempDir(), 'damaged.db');
    for (let i = 0; i < 15; i++) expect((await run(db)).code).toBe(0);
    const conn = new Database(db);
    conn.pragma('wal_checkpoint(TRUNCATE)');
    conn.close();
    damage(db);
    for (const args of [
      ['stats', '--json', '--banks', SMALL_BANKS],
      ['history', '--json', '--limit', '1000'],
    ]) {
      const result = await runCli([...args, '--db', db]);
      expect(result.stdout).toBe('');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^backend-quiz: cannot use the database .*damaged\.db: the file is damaged \(.+\)\. Restore it from a backup, or move it away to start a new one\.\n$/,
      );
    }
  }, 120_000);

  it('a file that is not a database', async () => {
    const db = path.join(tempDir(), 'notes.db');
    const fd = openSync(db, 'w');
    writeSync(fd, 'these are my notes, not a database\n'.repeat(200));
    closeSync(fd);
    const result = await runCli(['history', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the file is not a SQLite database');
  });
});

describe('a read-only database file', () => {
  const mountPoint = path.join(tmpdir(), `backend-quiz-rofile-${process.pid}`);
  let mounted = false;
  beforeAll(() => {
    mkdirSync(mountPoint, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', 'tmpfs', mountPoint], { stdio: 'ignore' });
      mounted = true;
    } catch {
      // not allowed here: the test below says so and checks nothing it cannot set up
    }
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('a full disk is exit 2 with "the disk is full" or an input/output error', async (context) => {
    if (!mounted) return context.skip();
    const small = path.join(mountPoint, 'small');
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', small]);
    try {
      const result = await run(path.join(small, 'results.db'));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /cannot use the database .*: (the disk is full|the disk reported an input\/output error)/,
      );
    } finally {
      execFileSync('umount', [small]);
    }
  });

  it('writing to it is exit 2 with "read-only"', async (context) => {
    if (!mounted) return context.skip();
    const db = path.join(mountPoint, 'results.db');
    expect((await run(db)).code).toBe(0);
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const result = await run(db);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot use the database ${db}: the location is read-only`);
    expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });
});

describe('another program holding the database', () => {
  it('a write past the wait (calibrate saving): exit 2, one line naming the file and what to do', async () => {
    const db = path.join(tempDir(), 'held.db');
    expect((await run(db)).code).toBe(0);
    const holder = await holdLock(db, 120_000); // held until the command is done, however slow the machine
    try {
      const result = await runCli([
        'calibrate',
        '--responses',
        path.join(FIXTURES, 'responses', 'small.csv'),
        '--min-responses',
        '10',
        '--db',
        db,
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `backend-quiz: cannot use the database ${db}: another program holds a lock on it (another backend-quiz, or a database tool). Close that program or let it finish, then run the command again.\n`,
      );
    } finally {
      holder.kill();
    }
  }, 60_000);

  it('a quiz answer given while the database is locked is waited for, visibly, and saved', async () => {
    const db = path.join(tempDir(), 'quiz.db');
    const s = new PtySession(['quiz', '--db', db, '--banks', SMALL_BANKS, '--seed', '3', '-n', '3']);
    await s.waitFor('1/3 ·');
    const holder = await holdLock(db, 120_000);
    // Not awaited: the next question shows only after the lock is gone.
    void answerQuestion(s, 1, 3).catch(() => undefined);
    await s.waitFor('waiting for the database (locked by another program)', 0, 30_000);
    expect(answers(db)).toEqual([]);
    holder.kill(); // the other program ends: its lock goes with it
    await s.waitFor('2/3 ·', 0, 30_000);
    expect(answers(db)).toHaveLength(1);
    await answerQuestion(s, 2, 3);
    await answerQuestion(s, 3, 3);
    await s.waitFor('Review the');
    s.write('n' + KEY.enter);
    expect((await s.wait()).exitCode).toBe(0);
    expect(answers(db).map((a) => a.position)).toEqual([0, 1, 2]);
  }, 90_000);

  it('Ctrl-C while waiting: exit 130, naming the question and the answer that were not saved', async () => {
    const db = path.join(tempDir(), 'quiz-stop.db');
    const s = new PtySession(['quiz', '--db', db, '--banks', SMALL_BANKS, '--seed', '3', '-n', '3']);
    await s.waitFor('1/3 ·');
    const holder = await holdLock(db, 60_000);
    try {
      // Not awaited: the next question would only show once the lock is gone.
      void answerQuestion(s, 1, 3).catch(() => undefined);
      await s.waitFor('waiting for the database');
      s.write(KEY.ctrlC);
      expect((await s.wait()).exitCode).toBe(130);
      expect(s.text).toMatch(/NOT SAVED: question [a-z-]+, answer: \S+/);
      expect(s.text).toContain('Resume with: backend-quiz resume');
    } finally {
      holder.kill();
    }
    expect(answers(db)).toEqual([]);
  }, 90_000);

  it('run waits for the lock too, and records every answer', async () => {
    const db = path.join(tempDir(), 'run.db');
    expect((await run(db)).code).toBe(0);
    const holder = await holdLock(db, 120_000);
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [BIN, 'run', '--answers', ANSWERS, '--banks', SMALL_BANKS, '--db', db],
        { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('waiting for the database')) holder.kill(); // released while run waits
      });
      child.on('close', (code) => resolve({ code, stderr }));
    });
    holder.kill();
    expect(result.stderr).toContain('waiting for the database (locked by another program)');
    expect(result.code).toBe(0);
    expect(answers(db)).toHaveLength(10);
  }, 60_000);
});
