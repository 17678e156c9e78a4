// Studying on the built binary: practice feedback, spaced review and the home menu's due count in a pseudo-terminal,
// practice kept out of report/stats/calibrate, progress and its Anki export, all on real SQLite files.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadValidBanks } from '../../src/bank/banks.js';
import type { Question } from '../../src/core/bank-schema.js';
import { contentHash, gradeFor, schedule, type SelfRating } from '../../src/core/spaced-review.js';
import { openDatabase } from '../../src/store/database.js';
import { MemoryStore } from '../../src/store/memory.js';
import { SessionStore, type SessionMode } from '../../src/store/sessions.js';
import { runCli } from '../helpers/cli.js';
import { SHIPPED_BANKS, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';
import { answerQuestion, KEY, PtySession } from '../helpers/pty.js';

const DAY = 86_400_000;

async function smallQuestions(): Promise<Map<string, Question>> {
  const banks = await loadValidBanks([SMALL_BANKS], SMALL_BANKS);
  return new Map(banks.flatMap((b) => b.questions.map((q) => [q.id, q] as const)));
}

/** Memory states as if the learner had answered `daysAgo` days ago. */
function seedMemory(
  dbPath: string,
  states: {
    question: Question | string;
    correct: boolean;
    daysAgo: number;
    rating?: SelfRating;
    hash?: string;
  }[],
): void {
  const db = openDatabase(dbPath);
  try {
    const memory = new MemoryStore(db);
    for (const s of states) {
      const when = new Date(Date.now() - s.daysAgo * DAY);
      const id = typeof s.question === 'string' ? s.question : s.question.id;
      const hash = s.hash ?? (typeof s.question === 'string' ? 'gone' : contentHash(s.question));
      memory.save(schedule(undefined, id, hash, gradeFor(s.correct, s.rating), when), when.toISOString());
    }
  } finally {
    db.close();
  }
}

function query<T>(dbPath: string, sql: string): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** A practice quiz of n questions on the small banks, always drawn the same way. */
const practiceArgs = (db: string, n: number) => [
  ...'quiz --practice --seed 11 --banks'.split(' '),
  SMALL_BANKS,
  ...['--db', db, '-n', String(n)],
];

describe('practice mode in a pseudo-terminal', () => {
  it('shows right or wrong with the explanation and references after each answer, and stores the mode and memory', async () => {
    const db = path.join(tempDir(), 'r.db');
    const s = new PtySession(practiceArgs(db, 3));
    await s.waitFor('Practice · Session');
    for (let n = 1; n <= 3; n++) await answerQuestion(s, n, 3);
    expect((await s.wait()).exitCode).toBe(0);

    const text = s.text;
    // feedback for question n sits between its prompt and the next one, with the key, explanation and a reference
    for (let n = 1; n <= 2; n++) {
      const between = text.slice(text.indexOf(`${n}/3 ·`), text.indexOf(`${n + 1}/3 ·`));
      expect(between).toMatch(/✔ Right|✘ Wrong/);
      expect(between).toContain('Correct:');
      expect(between).toMatch(/https:\/\/www\.rfc-editor\.org\/rfc\/rfc9110#\S+/);
    }
    expect(text.match(/Correct:/g)).toHaveLength(3);
    expect(text).not.toContain('Review the'); // each explanation was already shown

    const sessions = query<{ kind: string; mode: string; status: string }>(
      db,
      'SELECT kind, mode, status FROM sessions',
    );
    expect(sessions).toEqual([{ kind: 'quiz', mode: 'practice', status: 'completed' }]);
    const history = JSON.parse((await runCli(['history', '--json', '--db', db])).stdout) as {
      mode: string;
    }[];
    expect(history.map((h) => h.mode)).toEqual(['practice']);
    const answers = query<{ question_id: string; correct: number }>(
      db,
      'SELECT question_id, correct FROM answers',
    );
    const memory = query<{ question_id: string; reps: number; lapses: number; due: string }>(
      db,
      'SELECT question_id, reps, lapses, due FROM memory',
    );
    expect(memory.map((m) => m.question_id).sort()).toEqual(answers.map((a) => a.question_id).sort());
    for (const m of memory) {
      const wrong = answers.find((a) => a.question_id === m.question_id)!.correct === 0;
      expect(m.reps).toBe(1);
      // a missed question comes back tomorrow, a known one after that
      const days = (Date.parse(m.due) - Date.now()) / DAY;
      if (wrong) expect(days).toBeLessThan(1.01);
      else expect(days).toBeGreaterThan(1.5);
    }
  });

  it('Ctrl-C saves a practice session, and resume continues it with the same feedback', async () => {
    const db = path.join(tempDir(), 'r.db');
    const first = new PtySession(['quiz', '--practice', '--db', db, '--banks', SMALL_BANKS, '-n', '2']);
    await answerQuestion(first, 1, 2);
    first.write(KEY.ctrlC);
    expect((await first.wait()).exitCode).toBe(130);
    expect(query(db, 'SELECT status, mode FROM sessions')).toEqual([
      { status: 'interrupted', mode: 'practice' },
    ]);

    const resumed = new PtySession(['resume', '--db', db]);
    await answerQuestion(resumed, 2, 2);
    await resumed.waitFor('Correct:');
    expect((await resumed.wait()).exitCode).toBe(0);
    expect(resumed.text).not.toContain('Review the');
    expect(query(db, 'SELECT count(*) AS n FROM memory')).toEqual([{ n: 2 }]);
  });

  it('a review schedule that cannot be written is reported, and the quiz goes on with every answer stored', async () => {
    const db = path.join(tempDir(), 'r.db');
    openDatabase(db).close();
    const raw = new Database(db);
    raw.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON memory BEGIN SELECT RAISE(ABORT, 'refused by test'); END",
    );
    raw.close();
    const s = new PtySession(practiceArgs(db, 2));
    await answerQuestion(s, 1, 2);
    await answerQuestion(s, 2, 2);
    expect((await s.wait()).exitCode).toBe(0);
    expect(s.text).toMatch(/the review schedule of \S+ was not updated: refused by test/);
    expect(query(db, 'SELECT count(*) AS n FROM answers')).toEqual([{ n: 2 }]);
    expect(query(db, 'SELECT status FROM sessions')).toEqual([{ status: 'completed' }]);
  });

  it('an exam-conditions quiz feeds the memory too, and keeps the end-of-quiz review', async () => {
    const db = path.join(tempDir(), 'r.db');
    const s = new PtySession(['quiz', '--db', db, '--banks', SMALL_BANKS, '--seed', '11', '-n', '2']);
    await answerQuestion(s, 1, 2);
    await answerQuestion(s, 2, 2);
    expect(s.text).not.toContain('Correct:'); // nothing revealed during an exam
    await s.waitFor('Review the');
    s.write('n' + KEY.enter);
    expect((await s.wait()).exitCode).toBe(0);
    expect(query(db, 'SELECT mode FROM sessions')).toEqual([{ mode: 'exam' }]);
    expect(query(db, 'SELECT count(*) AS n FROM memory')).toEqual([{ n: 2 }]);
  });
});

describe('review in a pseudo-terminal', () => {
  it('asks the due questions, most likely forgotten first, rates a right answer and reschedules both', async () => {
    const questions = await smallQuestions();
    const db = path.join(tempDir(), 'r.db');
    seedMemory(db, [
      // seen two days ago and known, but the question has changed since: new again, so due
      { question: questions.get('alpha-three')!, correct: true, daysAgo: 2, hash: 'an-older-version' },
      { question: questions.get('beta-one')!, correct: false, daysAgo: 3 }, // missed: due since two days
      { question: questions.get('alpha-one')!, correct: true, daysAgo: 0, rating: 'easy' }, // not due for days
      { question: 'a-question-since-deleted', correct: false, daysAgo: 5 }, // due, but no longer in the banks
    ]);

    const s = new PtySession(['review', '--db', db, '--banks', SMALL_BANKS]);
    // The header and the first question may arrive in one chunk: both are looked for from the start.
    await s.waitFor(
      /2 due question\(s\), 1 changed since last seen[\s\S]*1\/2 · alpha[\s\S]*PUT is idempotent[\s\S]*navigate/,
    );
    let mark = s.mark();
    s.write(KEY.down + KEY.enter); // False: wrong
    await s.waitFor('✘ Wrong', mark);
    await s.waitFor(/2\/2 · beta/, mark);
    expect(s.text.slice(mark)).not.toContain('How was it?'); // a wrong answer is always Again
    mark = s.mark();
    s.write('Content-Type' + KEY.enter); // right
    await s.waitFor('✔ Right', mark);
    await s.waitFor('How was it?', mark);
    mark = s.mark();
    s.write(KEY.down + KEY.down + KEY.enter); // Easy
    await s.waitFor('Score: 50.0%', mark);
    await s.waitFor('Next review:', mark);
    expect((await s.wait()).exitCode).toBe(0);

    const memory = new Map(
      query<{ question_id: string; content_hash: string; reps: number; due: string; stability: number }>(
        db,
        'SELECT question_id, content_hash, reps, due, stability FROM memory',
      ).map((m) => [m.question_id, m]),
    );
    const three = memory.get('alpha-three')!;
    expect(three.content_hash).toBe(contentHash(questions.get('alpha-three')!));
    expect(three.reps).toBe(1); // started again as a new card
    expect((Date.parse(three.due) - Date.now()) / DAY).toBeLessThan(1.01);
    const one = memory.get('beta-one')!;
    expect(one.reps).toBe(2);
    // rated Easy: the stability is the one Easy gives, well above what Good would have given
    const before = schedule(
      undefined,
      'beta-one',
      contentHash(questions.get('beta-one')!),
      gradeFor(false),
      new Date(Date.now() - 3 * DAY),
    );
    const hash = before.contentHash;
    const good = schedule(before, 'beta-one', hash, gradeFor(true, 'good'), new Date()).card.stability;
    const easy = schedule(before, 'beta-one', hash, gradeFor(true, 'easy'), new Date()).card.stability;
    expect(Math.abs(one.stability - easy)).toBeLessThan(Math.abs(one.stability - good));
    expect(memory.get('a-question-since-deleted')!.reps).toBe(1); // untouched, and it broke nothing

    expect(query(db, 'SELECT kind, mode, status, total FROM sessions')).toEqual([
      { kind: 'review', mode: 'practice', status: 'completed', total: 2 },
    ]);
  });

  it('Ctrl-C at the rating still reschedules the answer and saves the review for resume', async () => {
    const questions = await smallQuestions();
    const db = path.join(tempDir(), 'r.db');
    seedMemory(db, [{ question: questions.get('alpha-three')!, correct: false, daysAgo: 3 }]);
    const s = new PtySession(['review', '--db', db, '--banks', SMALL_BANKS]);
    await s.waitFor(/1\/1 · alpha[\s\S]*navigate/);
    s.write(KEY.enter); // True: right
    await s.waitFor('How was it?');
    s.write(KEY.ctrlC);
    expect((await s.wait()).exitCode).toBe(130);
    expect(s.text).toContain('Resume with: backend-quiz resume');
    expect(query(db, "SELECT reps, lapses FROM memory WHERE question_id = 'alpha-three'")).toEqual([
      { reps: 2, lapses: 0 },
    ]);
    expect(query(db, 'SELECT kind, status FROM sessions')).toEqual([
      { kind: 'review', status: 'interrupted' },
    ]);
  });

  it('with nothing due says when the next review is; --limit and --topic narrow the questions', async () => {
    const questions = await smallQuestions();
    const db = path.join(tempDir(), 'r.db');
    seedMemory(db, [{ question: questions.get('alpha-one')!, correct: false, daysAgo: 0 }]);
    const s = new PtySession(['review', '--db', db, '--banks', SMALL_BANKS]);
    await s.waitFor('Nothing is due for review. Next: ');
    expect((await s.wait()).exitCode).toBe(0);

    const other = path.join(tempDir(), 'r.db');
    seedMemory(other, [
      { question: questions.get('alpha-one')!, correct: false, daysAgo: 4 },
      { question: questions.get('alpha-two')!, correct: false, daysAgo: 4 },
      { question: questions.get('beta-two')!, correct: false, daysAgo: 4 },
    ]);
    const r = new PtySession([
      'review',
      '--db',
      other,
      '--banks',
      SMALL_BANKS,
      '--topic',
      'alpha',
      '--limit',
      '1',
    ]);
    await r.waitFor('1 due question(s)');
    await r.waitFor(/1\/1 · alpha/);
    r.kill('SIGKILL');
    await r.wait();
  });
});

describe('home menu', () => {
  it('shows how many questions are due, counting only questions still in the banks, and starts practice', async () => {
    const banks = await loadValidBanks([SHIPPED_BANKS], SHIPPED_BANKS);
    const [q1, q2, q3] = banks.flatMap((b) => b.questions);
    const db = path.join(tempDir(), 'r.db');
    seedMemory(db, [
      { question: q1!, correct: false, daysAgo: 3 },
      { question: q2!, correct: true, daysAgo: 10 },
      { question: q3!, correct: true, daysAgo: 0 }, // not due
      { question: 'no-longer-in-any-bank', correct: false, daysAgo: 9 },
    ]);
    const s = new PtySession(['--db', db]);
    await s.waitFor('Review due questions (2 due)');
    s.write(KEY.ctrlC);
    await s.wait();

    const emptyDb = path.join(tempDir(), 'r.db');
    const empty = new PtySession(['--db', emptyDb]);
    await empty.waitFor(/Review due questions[\s\S]*\(nothing due\)/);
    // Practice from the menu: topics, difficulty and count, no time limit, then feedback after each answer
    empty.write(KEY.down + KEY.enter);
    await empty.waitFor('Topics');
    empty.write(KEY.enter);
    await empty.waitFor('Difficulty');
    empty.write(KEY.enter);
    await empty.waitFor('Number of questions');
    empty.write('1' + KEY.enter);
    // Marked before answering: the menu may come back in the same chunk as the feedback.
    const mark = empty.mark();
    await answerQuestion(empty, 1, 1);
    expect(empty.text).not.toContain('Time limit');
    // One question drawn at random from the shipped banks, so one feedback (a hands-on one shows its key beside the
    // answer rather than on a "Correct:" line).
    expect(empty.text.match(/✔ Right|✘ Wrong/g)).toHaveLength(1);
    await empty.waitFor('Start a quiz', mark);
    empty.write(KEY.ctrlC);
    await empty.wait();
    expect(query(emptyDb, 'SELECT mode, total FROM sessions')).toEqual([{ mode: 'practice', total: 1 }]);
  });
});

/** One finished session on the small banks, with a candidate so a report would list it. */
function seedSession(
  store: SessionStore,
  o: { id: string; mode: SessionMode; name: string; marks: number[]; startedAt: string },
  questions: Map<string, Question>,
): void {
  const ids = ['alpha-one', 'alpha-two', 'alpha-three', 'beta-one', 'beta-two'];
  store.create({
    id: o.id,
    kind: 'quiz',
    mode: o.mode,
    startedAt: o.startedAt,
    seed: 1,
    timeLimitMs: null,
    settings: { topics: [], difficulty: 'mixed', count: 5, banks: [SMALL_BANKS] },
    items: ids.map((id) => {
      const q = questions.get(id)!;
      return {
        questionId: id,
        domain: q.domain,
        difficulty: q.difficulty,
        optionOrder: q.options.map((x) => x.id),
      };
    }),
    candidate: { name: o.name, email: `${o.id}@example.com` },
    assessmentId: 'study-check',
  });
  ids.forEach((id, position) =>
    store.insertAnswer(o.id, {
      position,
      questionId: id,
      response: ['x'],
      correct: o.marks[position] === 1,
      seconds: 20,
      answeredAt: o.startedAt,
    }),
  );
  const correct = o.marks.reduce((a, b) => a + b, 0);
  store.finish(o.id, 'completed', {
    finishedAt: o.startedAt,
    elapsedMs: 100_000,
    correct,
    score: correct * 20,
  });
}

describe('practice is kept out of exam statistics', () => {
  it('report, stats and calibrate see the exam sessions only', async () => {
    const questions = await smallQuestions();
    const db = path.join(tempDir(), 'r.db');
    const conn = openDatabase(db);
    const store = new SessionStore(conn);
    const exam = [
      [1, 1, 1, 0, 0],
      [1, 0, 1, 1, 0],
      [0, 1, 0, 1, 1],
      [1, 1, 0, 0, 1],
    ];
    exam.forEach((marks, i) =>
      seedSession(
        store,
        { id: `exam${i}`, mode: 'exam', name: `Exam ${i}`, marks, startedAt: `2026-11-0${i + 1}T10:00:00Z` },
        questions,
      ),
    );
    for (let i = 0; i < 3; i++)
      seedSession(
        store,
        {
          id: `prac${i}`,
          mode: 'practice',
          name: `Practice ${i}`,
          marks: [1, 1, 1, 1, 1],
          startedAt: `2026-11-1${i}T10:00:00Z`,
        },
        questions,
      );
    conn.close();
    const cli = (args: string[]) => runCli([...args, '--db', db, '--banks', SMALL_BANKS]);

    const report = await cli(['report', '--format', 'json']);
    expect(report.code).toBe(0);
    const names = (JSON.parse(report.stdout) as { candidates: { name: string }[] }).candidates.map(
      (c) => c.name,
    );
    expect(names).toEqual(['Exam 0', 'Exam 1', 'Exam 2', 'Exam 3']);

    const stats = await cli(['stats', '--json']);
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout) as {
      attempts: number;
      items: { id: string; facility: number }[];
    };
    expect(parsed.attempts).toBe(4);
    // alpha-one was right in 3 of the 4 exams; the all-right practice sessions would have raised it
    expect(parsed.items.find((i) => i.id === 'alpha-one')!.facility).toBe(75);

    const calibrate = await cli(['calibrate', '--json', '--min-responses', '1', '--no-save']);
    expect(calibrate.code).toBe(0);
    const items = (JSON.parse(calibrate.stdout) as { items: { id: string; n: number }[] }).items;
    expect(items.map((i) => i.n)).toEqual(items.map(() => 4));
  });
});

describe('progress', () => {
  async function practised(): Promise<string> {
    const questions = await smallQuestions();
    const db = path.join(tempDir(), 'r.db');
    const conn = openDatabase(db);
    const store = new SessionStore(conn);
    const now = new Date().toISOString();
    seedSession(
      store,
      { id: 'p1', mode: 'practice', name: 'Me', marks: [0, 1, 1, 0, 1], startedAt: now },
      questions,
    );
    // what a quiz does: learner sessions have no candidate; an imported result is someone else's
    conn
      .prepare('UPDATE sessions SET candidate_name = NULL, candidate_email = NULL, assessment_id = NULL')
      .run();
    seedSession(
      store,
      { id: 'imp', mode: 'exam', name: 'Someone Else', marks: [0, 0, 0, 0, 0], startedAt: now },
      questions,
    );
    conn.prepare("UPDATE sessions SET kind = 'import' WHERE id = 'imp'").run();
    conn.close();
    seedMemory(db, [{ question: questions.get('alpha-one')!, correct: false, daysAgo: 2 }]);
    return db;
  }

  it('--json reports per domain and subtopic by week, what is due and the weakest subtopics', async () => {
    const db = await practised();
    const result = await runCli(['progress', '--json', '--db', db, '--banks', SMALL_BANKS, '--weeks', '4']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      weeks: string[];
      total: { answered: number; correct: number; percent: number };
      due: { now: number; next7Days: number };
      domains: {
        id: string;
        answered: number;
        correct: number;
        due: number;
        weeks: { percent: number | null }[];
        subtopics: { id: string }[];
      }[];
      weakest: { domain: string; subtopic: string; references: string[] }[];
    };
    expect(report.weeks).toHaveLength(4);
    expect(report.total).toEqual({ answered: 5, correct: 3, percent: 60 }); // the imported session is not mine
    expect(report.due).toEqual({ now: 1, next7Days: 0 });
    const alpha = report.domains.find((d) => d.id === 'alpha')!;
    expect(alpha).toMatchObject({ answered: 3, correct: 2, due: 1 });
    expect(alpha.weeks.map((w) => w.percent)).toEqual([null, null, null, 66.7]);
    expect(report.weakest[0]).toMatchObject({ domain: 'beta', subtopic: expect.any(String) as string });
    expect(report.weakest.flatMap((w) => w.references).every((r) => r.startsWith('https://'))).toBe(true);
  });

  it('the text view fits 80 columns without colour', async () => {
    const db = await practised();
    const result = await runCli(['progress', '--db', db, '--banks', SMALL_BANKS, '--weeks', '26']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Alpha\s+·+▆\s+67%\s+3\s+1/);
    expect(result.stdout).toContain('Study next');
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // eslint-disable-next-line no-control-regex
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('--export anki writes the missed questions as a tab-separated Anki file that parses back', async () => {
    const db = await practised();
    const dir = tempDir();
    const result = await runCli(
      ['progress', '--export', 'anki', '-o', 'missed.txt', '--db', db, '--banks', SMALL_BANKS],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Wrote 2 missed question(s)');
    const lines = readFileSync(path.join(dir, 'missed.txt'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const headers = lines.filter((l) => l.startsWith('#'));
    expect(headers).toContain('#separator:tab');
    expect(headers).toContain('#html:true');
    expect(headers).toContain('#tags column:3');
    const notes = lines.filter((l) => !l.startsWith('#')).map((l) => l.split('\t'));
    expect(notes).toHaveLength(2); // alpha-one and beta-one were missed; the imported misses are not mine
    for (const note of notes) expect(note).toHaveLength(3);
    const [front, back, tags] = notes.find((n) => n[2]!.includes('alpha::basics'))!;
    // front: the prompt with its code block escaped, and the options
    expect(front).toContain('Which status code means Not Found?');
    expect(front).toContain('<pre><code>GET /missing HTTP/1.1</code></pre>');
    expect(front).toMatch(/<ul><li>404<\/li><li>500<\/li><li>201<\/li><\/ul>/);
    // back: the key, the explanation and the references
    expect(back).toMatch(/^<div><b>404<\/b><\/div><div>404 Not Found means/);
    expect(back).toContain('<a href="https://www.rfc-editor.org/rfc/rfc9110#name-404-not-found">');
    expect(tags!.split(' ')).toEqual(['backend-quiz', 'alpha', 'alpha::basics']);
    expect(notes.find((n) => n[2]!.includes('beta'))![0]).toContain('<i>Type the answer.</i>');
  });

  it('--json with --export is a usage error; an unwritable output exits 2', async () => {
    const db = await practised();
    const both = await runCli(['progress', '--json', '--export', 'anki', '--db', db, '--banks', SMALL_BANKS]);
    expect(both.code).toBe(2);
    const unwritable = await runCli([
      'progress',
      '--export',
      'anki',
      '-o',
      path.join(tempDir(), 'no', 'such', 'dir', 'x.txt'),
      '--db',
      db,
      '--banks',
      SMALL_BANKS,
    ]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/cannot write .*x\.txt: the folder does not exist/);
  });
});
