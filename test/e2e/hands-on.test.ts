// The hands-on question types on the built binary in a real pseudo-terminal: a SQL query written, run on the sample
// data, fixed and submitted in the quiz's own editor; code lines marked; steps put in order; the results read back
// from the SQLite file. Ctrl-C in the editor leaves the question unanswered for resume.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';
import { KEY, PtySession } from '../helpers/pty.js';

const BANK = path.join(FIXTURES, 'banks', 'hands-on', 'ui.yaml');
const COLS = 80;
const ROWS = 24;
/** No editor, so Ctrl-E's behaviour does not depend on the machine running the tests. */
const ENV = { VISUAL: '', EDITOR: '' };
const KEYS = {
  ctrlR: '\x12',
  ctrlD: '\x04',
  ctrlT: '\x14',
  f5: '\x1b[15~',
  end: '\x1b[F',
  pageDown: '\x1b[6~',
  escape: '\x1b',
} as const;

const quizArgs = (db: string) => ['quiz', '--db', db, '--banks', BANK, '--seed', '5', '-n', '3'];

type Kind = 'sql' | 'lines' | 'order';
const MARKERS: Record<Kind, string> = {
  sql: 'Schema · SQLite',
  lines: '│ def orders(request, db):',
  order: 'Step 1 of 3',
};

/** Waits for question n of 3 and says which kind it is. */
async function question(session: PtySession, n: number): Promise<Kind> {
  const from = Math.max(0, session.text.lastIndexOf(`${n}/3 ·`));
  const seen = await session.waitFor(
    new RegExp(
      `${n}/3 ·[\\s\\S]*(${Object.values(MARKERS)
        .map((m) => m.replace(/[()·]/g, '\\$&'))
        .join('|')})`,
    ),
    from,
  );
  const after = seen.slice(seen.indexOf(`${n}/3 ·`));
  return (Object.keys(MARKERS) as Kind[]).find((k) => after.includes(MARKERS[k]))!;
}

/** Moves the list's cursor to the choice holding `text` and presses Enter. */
async function pick(session: PtySession, text: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 150));
  const { lines } = await session.screen();
  const from = lines.findLastIndex((l) => l.startsWith('❯'));
  const to = lines.findLastIndex((l) => l.includes(text));
  expect(from, lines.join('\n')).toBeGreaterThanOrEqual(0);
  expect(to, lines.join('\n')).toBeGreaterThanOrEqual(0);
  const key = to >= from ? KEY.down : KEY.up;
  session.write(key.repeat(Math.abs(to - from)) + KEY.enter);
}

async function answerOrder(session: PtySession, steps: string[]): Promise<void> {
  for (const [i, step] of steps.slice(0, -1).entries()) {
    await session.waitFor(`Step ${i + 1} of 3`, Math.max(0, session.mark() - 2000));
    await pick(session, step);
  }
  await session.waitFor('Submit this order?', Math.max(0, session.mark() - 2000));
  await pick(session, 'Yes, submit it');
}

async function answerLines(session: PtySession, line: number): Promise<void> {
  session.write(KEY.down.repeat(line - 1) + KEY.space + KEY.enter);
  await session.waitFor(`line ${line}`, Math.max(0, session.mark() - 200));
}

function fits(lines: string[], wrapped: number[]): void {
  expect(wrapped, `rows wrapped by the terminal:\n${lines.join('\n')}`).toEqual([]);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(COLS);
}

function storedAnswers(db: string) {
  const conn = new Database(db, { readonly: true });
  try {
    return conn
      .prepare('SELECT position, question_id, response, correct FROM answers ORDER BY position')
      .all() as { position: number; question_id: string; response: string; correct: number }[];
  } finally {
    conn.close();
  }
}

const WRONG = 'SELECT id, name FROM customers';
const FIX = 'WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customers.id)';

describe('hands-on questions in a pseudo-terminal', () => {
  it('writes, runs, fixes and submits a query; marks a line; orders steps; the marks and query are stored', async () => {
    const db = path.join(tempDir(), 'results.db');
    const session = new PtySession(quizArgs(db), ENV, undefined, { cols: COLS, rows: ROWS });
    for (let n = 1; n <= 3; n++) {
      const kind = await question(session, n);
      if (kind === 'order')
        // Wrong on purpose: the review must show it beside the right order.
        await answerOrder(session, ['SYN-ACK from the server', 'SYN from the client', 'ACK from the client']);
      else if (kind === 'lines') await answerLines(session, 4);
      else {
        let mark = session.mark();
        session.write(WRONG + KEYS.ctrlR);
        await session.waitFor('Result on the sample data: 3 rows', mark);
        let screen = await session.screen();
        fits(screen.lines, screen.wrapped);
        const result = screen.lines.slice(screen.lines.findIndex((l) => l.startsWith('Result on')));
        expect(result.join('\n')).toMatch(/id {2}name\n── {2}─────\n 1 {2}Ada\n 2 {2}Brian\n 3 {2}Chen/);
        // The terminal's cursor stands right after the query: the gutter " 1 │ " and the text.
        const editorRow = screen.lines.findIndex((l) => l.startsWith(' 1 │ SELECT'));
        expect(await session.cursor()).toEqual({ x: 5 + WRONG.length, y: editorRow });

        mark = session.mark();
        session.write(KEY.enter + FIX + KEYS.f5);
        await session.waitFor('Result on the sample data: 1 row', mark);
        screen = await session.screen();
        fits(screen.lines, screen.wrapped);
        // The second line is wider than the terminal: it scrolls sideways to keep the cursor, at its end, in view.
        expect(screen.lines.join('\n')).toMatch(
          / 1 │ SELECT id, name FROM customers\n 2 │ … .*customers\.id\) ?\n/,
        );
        const second = screen.lines.findIndex((l) => l.startsWith(' 2 │ …'));
        expect(await session.cursor()).toEqual({ x: screen.lines[second]!.trimEnd().length, y: second });
        expect(screen.lines.join('\n').trimEnd()).toMatch(/1 row\nid {2}name\n── {2}─────\n 2 {2}Brian$/);
        session.write(KEYS.ctrlD);
        await session.waitFor('Your query:', mark);
      }
    }
    await session.waitFor('Score: 66.7%');
    await session.waitFor('Review the 1 missed');
    session.write('y' + KEY.enter);
    await session.waitFor(/Your order +Correct order/);
    expect((await session.wait()).exitCode).toBe(0);
    expect(session.text).toMatch(/1\. SYN-ACK from the server ✘ +1\. SYN from the client/);

    const answers = storedAnswers(db);
    const byId = new Map(answers.map((a) => [a.question_id, a]));
    expect(JSON.parse(byId.get('hands-sql-customers-without-orders')!.response)).toEqual([
      `${WRONG}\n${FIX}`,
    ]);
    expect(byId.get('hands-sql-customers-without-orders')!.correct).toBe(1);
    expect(JSON.parse(byId.get('hands-lines-sql-injection')!.response)).toEqual(['4']);
    expect(byId.get('hands-lines-sql-injection')!.correct).toBe(1);
    expect(JSON.parse(byId.get('hands-order-tcp-handshake')!.response)).toEqual(['syn-ack', 'syn', 'ack']);
    expect(byId.get('hands-order-tcp-handshake')!.correct).toBe(0);

    const history = await runCli(['history', '--json', '--db', db]);
    expect(JSON.parse(history.stdout)).toMatchObject([
      { status: 'completed', answered: 3, total: 3, score: 66.7 },
    ]);
  });

  it('a query that is wrong on the hidden check data is marked wrong, though it looked right on the sample', async () => {
    const db = path.join(tempDir(), 'results.db');
    const session = new PtySession(quizArgs(db), ENV);
    for (let n = 1; n <= 3; n++) {
      const kind = await question(session, n);
      if (kind === 'order')
        await answerOrder(session, ['SYN from the client', 'SYN-ACK from the server', 'ACK from the client']);
      else if (kind === 'lines') await answerLines(session, 4);
      else {
        // NOT IN gives the right rows on the sample, none once a customer_id is NULL (as in the check data).
        const mark = session.mark();
        session.write(
          'SELECT id, name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)' + KEYS.ctrlR,
        );
        await session.waitFor('Result on the sample data: 1 row', mark);
        session.write(KEYS.ctrlD);
        await session.waitFor('Your query:', mark);
      }
    }
    await session.waitFor('Review the 1 missed');
    session.write('y' + KEY.enter);
    await session.waitFor('Reference query:');
    expect((await session.wait()).exitCode).toBe(0);
    expect(session.text).toContain('Checked on the hidden data: row count 0, expected 3');
    const sql = storedAnswers(db).find((a) => a.question_id === 'hands-sql-customers-without-orders')!;
    expect(sql.correct).toBe(0);
  });

  it('Ctrl-C in the editor saves the quiz as interrupted; resume shows the same question again', async () => {
    const db = path.join(tempDir(), 'results.db');
    const first = new PtySession(quizArgs(db), ENV);
    let sqlAt = 0;
    for (let n = 1; n <= 3 && sqlAt === 0; n++) {
      const kind = await question(first, n);
      if (kind === 'order')
        await answerOrder(first, ['SYN from the client', 'SYN-ACK from the server', 'ACK from the client']);
      else if (kind === 'lines') await answerLines(first, 4);
      else sqlAt = n;
    }
    // The seed puts the sql question after another, so an answer stands before the interruption.
    expect(sqlAt).toBeGreaterThan(1);
    first.write('SELECT 1');
    await first.waitFor(' 1 │ SELECT 1');
    first.write(KEY.ctrlC);
    expect((await first.wait()).exitCode).toBe(130);
    const answeredBefore = storedAnswers(db);
    expect(answeredBefore).toHaveLength(sqlAt - 1);
    const hint = /Resume with: backend-quiz (.+)/.exec(first.text)?.[1]?.trim();
    expect(hint).toMatch(/^resume \w+ --db /);

    const second = new PtySession(hint!.split(' '), ENV);
    expect(await question(second, sqlAt)).toBe('sql');
    const mark = second.mark();
    second.write(`${WRONG}\n${FIX}` + KEYS.ctrlD);
    await second.waitFor('Your query:', mark);
    for (let n = sqlAt + 1; n <= 3; n++) {
      const kind = await question(second, n);
      if (kind === 'order')
        await answerOrder(second, ['SYN from the client', 'SYN-ACK from the server', 'ACK from the client']);
      else await answerLines(second, 4);
    }
    await second.waitFor('Score: 100.0%');
    expect((await second.wait()).exitCode).toBe(0);
    const answers = storedAnswers(db);
    expect(answers).toHaveLength(3);
    expect(answers.every((a) => a.correct === 1)).toBe(true);
    expect(answers.slice(0, sqlAt - 1)).toEqual(answeredBefore);
  });

  it('a resize redraws the editor for the new size with the draft and the last result kept', async () => {
    const db = path.join(tempDir(), 'results.db');
    const session = new PtySession(quizArgs(db), ENV, undefined, { cols: COLS, rows: ROWS });
    for (let n = 1; n <= 3; n++) {
      const kind = await question(session, n);
      if (kind === 'order')
        await answerOrder(session, ['SYN from the client', 'SYN-ACK from the server', 'ACK from the client']);
      else if (kind === 'lines') await answerLines(session, 4);
      else {
        let mark = session.mark();
        session.write(`${WRONG}\n${FIX}` + KEYS.ctrlR);
        await session.waitFor('Result on the sample data: 1 row', mark);
        mark = session.mark();
        session.resize(60, 18);
        await session.waitFor('Schema · SQLite', mark);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const screen = await session.screen();
        const text = screen.lines.join('\n');
        expect(text).toContain(' 1 │ SELECT id, name FROM customers');
        expect(text).toMatch(/ 2 │ ….*customers\.id\)/);
        expect(text).toMatch(/Result on the sample data: 1 row\nid {2}name\n── {2}─────\n 2 {2}Brian/);
        for (const line of screen.lines) expect(line.length).toBeLessThanOrEqual(60);
        expect(screen.wrapped).toEqual([]);
        session.write(KEYS.ctrlD);
        await session.waitFor('Your query:', mark);
      }
    }
    await session.waitFor('Score: 100.0%');
    expect((await session.wait()).exitCode).toBe(0);
    const sql = storedAnswers(db).find((a) => a.question_id === 'hands-sql-customers-without-orders')!;
    expect(JSON.parse(sql.response)).toEqual([`${WRONG}\n${FIX}`]);
  });

  it('on 80×24 a shipped task shows a column summary; Ctrl-T shows the whole schema and every sample row, Esc goes back', async () => {
    const db = path.join(tempDir(), 'results.db');
    // The seed draws sql-events-events-per-type-dedup: three tables, 27 lines of DDL, 21 sample rows.
    const session = new PtySession(
      ['quiz', '--db', db, '--topic', 'sql', '--count', '1', '--seed', '3'],
      ENV,
      undefined,
      { cols: COLS, rows: ROWS },
    );
    await session.waitFor('Schema · SQLite');
    let mark = session.mark();
    session.write('SELECT event_type');
    await session.waitFor(' 1 │ SELECT event_type', mark);
    let screen = await session.screen();
    fits(screen.lines, screen.wrapped);
    // The DDL does not fit: one line per table names its columns instead of the first few DDL lines.
    let text = screen.lines.join('\n');
    expect(text).toContain('users(id, name, country, plan, signup_date)');
    expect(text).toContain('events(id, user_id, event_type, occurred_at)');
    expect(text).toContain('Ctrl-T');

    mark = session.mark();
    session.write(KEYS.ctrlT);
    await session.waitFor(/lines 1–\d+ of \d+/, mark);
    const seen: string[] = [];
    for (let page = 0; page < 20; page++) {
      screen = await session.screen();
      fits(screen.lines, screen.wrapped);
      seen.push(...screen.lines);
      const status = /lines \d+–(\d+) of (\d+)/.exec(screen.lines.join('\n'));
      expect(status, screen.lines.join('\n')).not.toBeNull();
      if (status![1] === status![2]) break;
      mark = session.mark();
      session.write(KEYS.pageDown);
      await session.waitFor(/lines \d+–\d+ of \d+/, mark);
    }
    const all = seen.join('\n');
    // The whole DDL, its last column and comment included, and the last row of every sample table.
    expect(all).toContain('Schema · SQLite');
    expect(all).toMatch(/paid_at +TEXT NOT NULL\n\);/);
    expect(all).toMatch(/CREATE TABLE payments/);
    expect(all).toMatch(/ 4 +dita +NULL +free +2024-03-01/);
    expect(all).toMatch(/12 +2 +search +2024-03-06 09:20:00/);
    expect(all).toMatch(/ 5 +1 +700 +paid +2024-03-06 19:10:00/);
    // At the end, the last line drawn above the status line is the last sample row.
    const last = screen.lines.filter((l) => l.trim() !== '');
    expect(last.at(-2)).toMatch(/ 5 +1 +700 +paid +2024-03-06 19:10:00/);
    expect(last.at(-1)).toMatch(/Esc or Ctrl-T back to the query/);

    // A narrower terminal keeps the view, at the end still.
    mark = session.mark();
    session.resize(60, 18);
    await session.waitFor(/lines \d+–(\d+) of \1 · /, mark);
    await new Promise((resolve) => setTimeout(resolve, 300));
    screen = await session.screen();
    expect(screen.wrapped).toEqual([]);
    for (const line of screen.lines) expect(line.length).toBeLessThanOrEqual(60);
    const end = screen.lines.filter((l) => l.trim() !== '');
    expect(end.at(-2)).toMatch(/ 5 +1 +700 +paid +2024-03-06 19:10:00/);

    mark = session.mark();
    session.write(KEYS.escape);
    await session.waitFor('Ctrl-D submit', mark);
    await new Promise((resolve) => setTimeout(resolve, 200));
    screen = await session.screen();
    fits(screen.lines, screen.wrapped);
    text = screen.lines.join('\n');
    expect(text).toContain(' 1 │ SELECT event_type');
    expect(await session.cursor()).toEqual({
      x: 5 + 'SELECT event_type'.length,
      y: screen.lines.findIndex((l) => l.startsWith(' 1 │ SELECT event_type')),
    });
    session.write(KEY.ctrlC);
    expect((await session.wait()).exitCode).toBe(130);
  });

  it('practice shows right or wrong after each hands-on answer, beside the key', async () => {
    const db = path.join(tempDir(), 'results.db');
    const session = new PtySession(['quiz', '--practice', ...quizArgs(db).slice(1)], ENV);
    for (let n = 1; n <= 3; n++) {
      const kind = await question(session, n);
      if (kind === 'order')
        await answerOrder(session, ['SYN from the client', 'ACK from the client', 'SYN-ACK from the server']);
      else if (kind === 'lines') await answerLines(session, 3);
      else {
        const mark = session.mark();
        session.write(
          'SELECT id, name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)' + KEYS.ctrlD,
        );
        await session.waitFor('Your query:', mark);
      }
    }
    await session.waitFor('Score: 0.0%');
    expect((await session.wait()).exitCode).toBe(0);
    // The terminal's line ends are "\r\n".
    const text = session.text.replace(/\r/g, '');
    expect(text).toMatch(/✘ Wrong\nYour query:\n {2}1 │ SELECT id, name FROM customers WHERE id NOT IN/);
    expect(text).toContain('Checked on the hidden data: row count 0, expected 3');
    expect(text).toMatch(/Reference query:\n {2}1 │ SELECT c\.id, c\.name FROM customers c/);
    expect(text).toContain('You marked: line 3 · faulty: line 4');
    expect(text).toMatch(/2\. ACK from the client ✘ +2\. SYN-ACK from the server/);
  });

  it('a sealed bundle runs the query on its sample data and records the submitted query without grading it', async () => {
    const dir = tempDir();
    const assessment = path.join(dir, 'assessment.yaml');
    writeFileSync(
      assessment,
      [
        'format: 1',
        'id: hands-ui',
        'title: Hands-on UI',
        'domains:',
        '  - id: hands',
        '    questions: [hands-sql-customers-without-orders, hands-lines-sql-injection, hands-order-tcp-handshake]',
        'passMark: 50',
        '',
      ].join('\n'),
    );
    const bundle = path.join(dir, 'hands.bundle.json');
    const packed = await runCli([
      ...['assessment', 'pack', assessment, '--banks', BANK, '--db', path.join(dir, 'manager.db')],
      ...['-o', bundle],
    ]);
    expect(packed.code, packed.stderr).toBe(0);
    expect(readFileSync(bundle, 'utf8')).not.toContain('NOT EXISTS');

    const out = path.join(dir, 'results');
    mkdirSync(out);
    const session = new PtySession(
      ['take', bundle, '--db', path.join(dir, 'candidate.db'), '--out', out],
      ENV,
    );
    await session.waitFor('Your name');
    session.write('Ada Lovelace' + KEY.enter);
    await session.waitFor('Your email');
    session.write('ada@example.com' + KEY.enter);
    for (let n = 1; n <= 3; n++) {
      const kind = await question(session, n);
      if (kind === 'order')
        await answerOrder(session, ['SYN from the client', 'SYN-ACK from the server', 'ACK from the client']);
      else if (kind === 'lines') await answerLines(session, 4);
      else {
        const mark = session.mark();
        session.write(`${WRONG}\n${FIX}` + KEYS.ctrlR);
        await session.waitFor('Result on the sample data: 1 row', mark);
        session.write(KEYS.ctrlD);
        await session.waitFor('Your query:', mark);
      }
    }
    await session.waitFor('answers are recorded');
    await session.waitFor('Result written to');
    expect((await session.wait()).exitCode).toBe(0);
    // Nothing to grade with on the candidate's side: no check data, no reference.
    expect(session.text).not.toContain('Checking your query');
    const [file] = readdirSync(out).filter((f) => f.endsWith('.json'));
    const result = JSON.parse(readFileSync(path.join(out, file!), 'utf8')) as {
      transcript: { chosen: string[] | null; correct: boolean | null }[];
    };
    expect(result.transcript.map((t) => t.chosen)).toContainEqual([`${WRONG}\n${FIX}`]);
  });
});
