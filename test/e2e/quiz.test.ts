// The candidate path on the built binary in a real pseudo-terminal: answer, kill, resume, interrupt, expire.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMALL_BANKS, tempDir } from '../helpers/fixtures.js';
import { answerQuestion, KEY, PtySession } from '../helpers/pty.js';

function readDb(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const sessions = db
      .prepare('SELECT id, status, total, correct, score, elapsed_ms FROM sessions')
      .all() as {
      id: string;
      status: string;
      total: number;
      correct: number | null;
      score: number | null;
      elapsed_ms: number;
    }[];
    const answers = db
      .prepare('SELECT session_id, position, question_id, response, correct FROM answers ORDER BY position')
      .all() as {
      session_id: string;
      position: number;
      question_id: string;
      response: string;
      correct: number;
    }[];
    return { sessions, answers };
  } finally {
    db.close();
  }
}

const quizArgs = (db: string, extra: string[] = []) => [
  'quiz',
  '--db',
  db,
  '--banks',
  SMALL_BANKS,
  '--seed',
  '11',
  '-n',
  '5',
  ...extra,
];

describe('quiz in a pseudo-terminal', () => {
  it('records a whole 5-question quiz answered with key presses', async () => {
    const db = path.join(tempDir(), 'results.db');
    const session = new PtySession(quizArgs(db));
    for (let n = 1; n <= 5; n++) await answerQuestion(session, n, 5);
    await session.waitFor('Review the');
    session.write('n' + KEY.enter);
    expect((await session.wait()).exitCode).toBe(0);

    const { sessions, answers } = readDb(db);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ status: 'completed', total: 5 });
    expect(answers).toHaveLength(5);
    expect(answers.map((a) => a.position)).toEqual([0, 1, 2, 3, 4]);
    const correct = answers.filter((a) => a.correct === 1).length;
    expect(sessions[0]!.correct).toBe(correct);
    expect(session.text).toContain(`(${correct} of 5 correct)`);
    expect(session.text).toMatch(/By domain[\s\S]*Alpha[\s\S]*Beta/);
  });

  it('keeps the answers given before SIGKILL, and resume finishes the quiz in the same order', async () => {
    const db = path.join(tempDir(), 'results.db');
    const first = new PtySession(quizArgs(db));
    await answerQuestion(first, 1, 5);
    await answerQuestion(first, 2, 5);
    first.kill('SIGKILL');
    await first.wait();

    const killed = readDb(db);
    expect(killed.answers).toHaveLength(2);
    expect(killed.sessions[0]!.status).toBe('in-progress');

    const second = new PtySession(['resume', '--db', db]);
    await second.waitFor('Resuming');
    for (let n = 3; n <= 5; n++) await answerQuestion(second, n, 5);
    await second.waitFor('Review the');
    second.write('n' + KEY.enter);
    expect((await second.wait()).exitCode).toBe(0);

    const done = readDb(db);
    expect(done.sessions[0]!.status).toBe('completed');
    expect(done.answers).toHaveLength(5);
    // The two answers from before the kill are untouched.
    expect(done.answers.slice(0, 2)).toEqual(killed.answers);
  });

  it('Ctrl-C saves the session as interrupted, says how to resume and exits 130', async () => {
    const db = path.join(tempDir(), 'results.db');
    const session = new PtySession(quizArgs(db));
    await answerQuestion(session, 1, 5);
    await session.waitFor('2/5 ·');
    session.write(KEY.ctrlC);
    expect((await session.wait()).exitCode).toBe(130);
    const { sessions, answers } = readDb(db);
    expect(sessions[0]!.status).toBe('interrupted');
    expect(answers).toHaveLength(1);
    expect(session.text).toContain(`backend-quiz resume ${sessions[0]!.id}`);
    // The hint is a command that works as printed: with the --db the quiz used, run from another folder.
    const hint = /Resume with: backend-quiz (.+)/.exec(session.text)?.[1]?.trim();
    expect(hint).toBe(`resume ${sessions[0]!.id} --db ${db}`);
    const resumed = new PtySession(hint!.split(' '), { BACKEND_QUIZ_DB: path.join(tempDir(), 'other.db') });
    await resumed.waitFor('2/5 ·');
    resumed.write(KEY.ctrlC);
    expect((await resumed.wait()).exitCode).toBe(130);
  });

  it('ends the quiz when the time limit runs out; unanswered questions count as wrong', async () => {
    const db = path.join(tempDir(), 'results.db');
    // 0.05 minutes = 3 s of questions on screen: time for one answer, not for five
    const session = new PtySession(quizArgs(db, ['--time-limit', '0.05']));
    await answerQuestion(session, 1, 5);
    await session.waitFor('Time is up', 0, 10_000);
    await session.waitFor('Review the');
    session.write('n' + KEY.enter);
    expect((await session.wait()).exitCode).toBe(0);
    const { sessions, answers } = readDb(db);
    expect(sessions[0]).toMatchObject({ status: 'expired', total: 5 });
    expect(answers).toHaveLength(1);
    expect(sessions[0]!.score).toBe(answers[0]!.correct === 1 ? 20 : 0);
    expect(session.text).toMatch(/unanswered question\(s\) count as wrong/);
  });

  it('the same seed gives the same questions in the same order', async () => {
    const dir = tempDir();
    const order = async (db: string) => {
      const s = new PtySession(quizArgs(db));
      await s.waitFor('1/5 ·');
      s.write(KEY.ctrlC);
      await s.wait();
      const conn = new Database(db, { readonly: true });
      const rows = conn
        .prepare('SELECT question_id, option_order FROM session_items ORDER BY position')
        .all();
      conn.close();
      return rows;
    };
    expect(await order(path.join(dir, 'a.db'))).toEqual(await order(path.join(dir, 'b.db')));
  });
});

describe('home menu', () => {
  it('opens with no arguments, shows history and banks, and quits with exit 0', async () => {
    const db = path.join(tempDir(), 'results.db');
    const s = new PtySession(['--db', db]);
    await s.waitFor('Start a quiz');
    expect(s.text).toContain('(nothing to resume)');
    // The cursor starts on "Start a quiz"; the disabled "Resume" entry can be passed over but not chosen.
    let mark = s.mark();
    s.write(KEY.down.repeat(4) + KEY.enter); // Resume: refused, the menu stays
    await s.waitFor('disabled and cannot be selected', mark);
    s.write(KEY.down + KEY.enter); // History
    await s.waitFor('No sessions yet', mark);
    await s.waitFor('Start a quiz', mark);
    mark = s.mark();
    s.write(KEY.down.repeat(6) + KEY.enter); // Question banks
    await s.waitFor(/apis\s+APIs\s+\d+/, mark);
    await s.waitFor('Start a quiz', mark);
    s.write(KEY.down.repeat(7) + KEY.enter); // Quit
    expect((await s.wait()).exitCode).toBe(0);
  });
});
