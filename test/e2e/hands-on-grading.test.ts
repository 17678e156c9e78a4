// Grading sql, lines and order answers on the built binary with real SQLite: `run --answers` runs queries on the
// bank's check data, and import/verify re-grade the SQL answers of result files on the manager's side, where a
// forged mark is caught and a hostile query is stopped without touching anything but the import.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultFile } from '../../src/core/result-file.js';
import { sqlAnswerKey } from '../../src/core/scoring.js';
import { runCli } from '../helpers/cli.js';
import { forgeResult } from '../helpers/forge.js';
import {
  HANDS_ON_ASSESSMENT,
  HANDS_ON_BANK,
  handsOnQuestions,
  LINES_ID,
  ORDER_ID,
  SQL_ID,
  takeHandsOn,
} from '../helpers/hands-on.js';

const REFERENCE_PART = 'WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)';
/** Right, and written unlike the reference: an outer join instead of NOT EXISTS. */
const LEFT_JOIN =
  'SELECT c.id, c.name\nFROM customers c LEFT JOIN orders o ON o.customer_id = c.id\nWHERE o.id IS NULL';
const EXCEPT =
  'SELECT id, name FROM customers EXCEPT SELECT customer_id, name FROM orders JOIN customers ON customers.id = customer_id';
/** The classic mistake: one NULL customer_id in the check data and it returns nothing. */
const NOT_IN = 'SELECT id, name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)';
const STEPS = ['client-hello', 'server-hello', 'certificate', 'client-finished'];
const SWAPPED = ['server-hello', 'client-hello', 'certificate', 'client-finished'];

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'backend-quiz-hands-on-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface RunJson {
  score: number;
  passed: boolean;
  total: number;
  correct: number;
  domains: Record<string, number>;
  questions: { id: string; correct: boolean; reason?: string }[];
}

describe('run --answers with sql, lines and order questions', () => {
  const run = async (name: string, answers: string, args: string[] = []) => {
    writeFileSync(file(name), answers);
    return runCli([
      'run',
      '--answers',
      file(name),
      '--banks',
      HANDS_ON_BANK,
      '--db',
      file('run.db'),
      ...args,
    ]);
  };
  const right = (query: string) =>
    `${SQL_ID}: ${JSON.stringify(query)}\n${LINES_ID}: [5]\n${ORDER_ID}: [${STEPS.join(', ')}]\n`;
  const wrong = `${SQL_ID}: ${JSON.stringify(NOT_IN)}\n${LINES_ID}: [4, 6]\n${ORDER_ID}: [${SWAPPED.join(', ')}]\n`;

  it.each([
    ['an outer join', LEFT_JOIN],
    ['EXCEPT', EXCEPT],
  ])('grades right answers right, the query written with %s instead of the reference', async (_, query) => {
    const out = await run('right.yaml', right(query), ['--format', 'json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout) as RunJson).toEqual({
      score: 100,
      passed: true,
      total: 3,
      correct: 3,
      domains: { hands: 100 },
      questions: [
        { id: SQL_ID, correct: true, reason: 'same result as the reference' },
        { id: LINES_ID, correct: true },
        { id: ORDER_ID, correct: true },
      ],
    });
  });

  it('grades wrong answers wrong: the NOT IN query fails on the check data, with the reason why', async () => {
    const out = await run('wrong.yaml', wrong, ['--format', 'json', '--pass-mark', '50']);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout) as RunJson).toMatchObject({
      score: 0,
      passed: false,
      correct: 0,
      questions: [
        { id: SQL_ID, correct: false, reason: 'row count 0, expected 3' },
        { id: LINES_ID, correct: false },
        { id: ORDER_ID, correct: false },
      ],
    });
  });

  it('the text output says what was answered and why the query is wrong, never the key', async () => {
    const out = await run('wrong.yaml', wrong);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`✗ ${SQL_ID}: row count 0, expected 3; answered: ${NOT_IN}`);
    expect(out.stdout).toContain(`✗ ${LINES_ID}: answered: lines 4, 6`);
    expect(out.stdout).toContain(
      `✗ ${ORDER_ID}: answered: ServerHello → ClientHello → Certificate and CertificateVerify → Finished from the client`,
    );
    expect(out.stdout).not.toContain('NOT EXISTS');
    expect(out.stdout).not.toContain('line 5');
  });

  it('JUnit names the marked lines, the steps and the reason, with the keys as for every other type', async () => {
    const out = await run('wrong.yaml', wrong, ['--format', 'junit']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      `message="answered: ${NOT_IN}; row count 0, expected 3; expected the result of: SELECT c.id, c.name FROM customers c ${REFERENCE_PART}"`,
    );
    expect(out.stdout).toContain('message="answered: lines 4, 6; expected: line 5"');
    expect(out.stdout).toContain(
      'message="answered: ServerHello → ClientHello → Certificate and CertificateVerify → Finished from the client; expected: ClientHello → ServerHello → Certificate and CertificateVerify → Finished from the client"',
    );
  });

  it('a query the sandbox refuses is wrong with its reason, and the run goes on', async () => {
    const attach = `ATTACH DATABASE '${file('run-evil.db')}' AS evil`;
    const out = await run('refused.yaml', right(attach), ['--format', 'json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as RunJson;
    expect(json.questions[0]).toMatchObject({ id: SQL_ID, correct: false });
    expect(json.questions[0]!.reason).toMatch(/only one SELECT, WITH or VALUES statement/);
    expect(json.correct).toBe(2);
    expect(existsSync(file('run-evil.db'))).toBe(false);
  });
});

describe('import and verify of result files with SQL answers', () => {
  const questions = handsOnQuestions();
  const managerDb = () => file('manager.db');
  const manager = (args: string[]) => runCli([...args, '--banks', HANDS_ON_BANK, '--db', managerDb()]);
  const importing = (verb: 'import' | 'verify', args: string[]) =>
    manager([verb, ...args, '--assessment', file('assessment.yaml')]);
  const results = () => file('results');
  const take = async (name: string, email: string, answers: Record<string, string[]>) =>
    takeHandsOn({
      assessment: file('assessment.yaml'),
      db: file('candidates.db'),
      out: results(),
      name,
      email,
      answers,
      now: Date.now(),
    });
  const write = (name: string, result: ResultFile) => {
    mkdirSync(file('forged'), { recursive: true });
    writeFileSync(file(`forged/${name}`), JSON.stringify(result));
    return file(`forged/${name}`);
  };
  let right: { file: string; result: ResultFile };
  let wrong: { file: string; result: ResultFile };

  beforeAll(async () => {
    writeFileSync(file('assessment.yaml'), HANDS_ON_ASSESSMENT);
    mkdirSync(results());
    right = await take('Ada', 'ada@example.com', {
      [SQL_ID]: [LEFT_JOIN],
      [LINES_ID]: ['5'],
      [ORDER_ID]: STEPS,
    });
    wrong = await take('Bob', 'bob@example.com', {
      [SQL_ID]: [NOT_IN],
      [LINES_ID]: ['4', '6'],
      [ORDER_ID]: SWAPPED,
    });
  }, 60_000);

  it('the result files carry the query, the marked lines and the steps in order', () => {
    const entry = (r: ResultFile, id: string) => r.transcript.find((t) => t.id === id)!;
    expect(entry(right.result, SQL_ID)).toMatchObject({ shown: [], chosen: [LEFT_JOIN], correct: true });
    expect(entry(wrong.result, LINES_ID)).toMatchObject({ shown: [], chosen: ['4', '6'], correct: false });
    const order = entry(right.result, ORDER_ID);
    expect(order.chosen).toEqual(STEPS);
    expect([...order.shown].sort()).toEqual([...STEPS].sort());
  });

  it('verify re-grades the SQL answers on the manager side: the outer join passes, NOT IN does not', async () => {
    const out = await importing('verify', [right.file, wrong.file, '--json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { files: { ok: boolean; score: number }[]; verified: number };
    expect(json.verified).toBe(2);
    expect(json.files.map((f) => [f.ok, f.score])).toEqual([
      [true, 100],
      [true, 0],
    ]);
  });

  it('rejects a file that marks its wrong query correct, and imports the honest ones', async () => {
    const forged = write(
      'forged.json',
      forgeResult(
        wrong.result,
        questions,
        (r) => {
          r.candidate = { name: 'Eve', email: 'eve@example.com' };
          r.session.id = 'eeee0001';
        },
        new Map([[sqlAnswerKey(SQL_ID, NOT_IN), true]]),
      ),
    );
    const out = await importing('import', [right.file, wrong.file, forged, '--json']);
    expect(out.code).toBe(1);
    const json = JSON.parse(out.stdout) as {
      files: { ok: boolean; problems: string[]; outcome: string }[];
      imported: number;
      rejected: number;
    };
    expect(json).toMatchObject({ imported: 2, rejected: 1 });
    expect(json.files[2]!.problems.join(' ')).toContain(`${SQL_ID} (file: correct, re-graded: wrong)`);
  });

  it('stops an endless query and refuses an ATTACH: graded wrong, no file made, nothing stored but the import', async () => {
    const evil = file('evil.db');
    const endless = await take('Carol', 'carol@example.com', {
      [SQL_ID]: ['WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*), 0 FROM r'],
      [LINES_ID]: ['5'],
      [ORDER_ID]: STEPS,
    });
    const attach = await take('Dan', 'dan@example.com', {
      [SQL_ID]: [`ATTACH DATABASE '${evil}' AS evil`],
      [LINES_ID]: ['5'],
      [ORDER_ID]: STEPS,
    });
    // The same queries claimed correct: rejected for the mark, not for a hang or a crash.
    const claimed = [endless, attach].map((t, i) =>
      write(
        `claimed-${i}.json`,
        forgeResult(
          t.result,
          questions,
          (r) => {
            r.candidate = { name: `Mallory ${i}`, email: `mallory${i}@example.com` };
            r.session.id = `ffff000${i}`;
          },
          new Map([
            [sqlAnswerKey(SQL_ID, t.result.transcript.find((e) => e.id === SQL_ID)!.chosen![0]!), true],
          ]),
        ),
      ),
    );
    const before = (await manager(['report', '--format', 'json'])).stdout;
    const filesBefore = readdirSync(dir).sort();

    const out = await importing('import', [endless.file, attach.file, ...claimed, '--json']);
    expect(out.code).toBe(1);
    const json = JSON.parse(out.stdout) as {
      files: { ok: boolean; score: number | null; problems: string[] }[];
      imported: number;
      rejected: number;
    };
    // Two of three right: the query is the one wrong answer.
    expect(json.files.map((f) => [f.ok, f.score])).toEqual([
      [true, 66.7],
      [true, 66.7],
      [false, null],
      [false, null],
    ]);
    for (const f of json.files.slice(2)) expect(f.problems.join(' ')).toContain('re-graded: wrong');
    expect(existsSync(evil)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
    const rows = (
      JSON.parse((await manager(['report', '--format', 'json'])).stdout) as {
        candidates: { email: string }[];
      }
    ).candidates.map((c) => c.email);
    const earlier = (JSON.parse(before) as { candidates: { email: string }[] }).candidates.map(
      (c) => c.email,
    );
    expect(rows.sort()).toEqual([...earlier, 'carol@example.com', 'dan@example.com'].sort());
  }, 60_000);

  it('report --candidate lists each answer in its type’s words, never the key', async () => {
    const out = await manager(['report', '--candidate', 'bob@example.com']);
    expect(out.code).toBe(0);
    const answers = out.stdout.slice(out.stdout.indexOf('Answers'));
    expect(answers).toMatch(new RegExp(`✗ ${SQL_ID}\\s+SELECT id, name FROM customers WHERE id NOT IN`));
    expect(answers).toMatch(new RegExp(`✗ ${LINES_ID}\\s+lines 4, 6`));
    expect(answers).toMatch(new RegExp(`✗ ${ORDER_ID}\\s+ServerHello → ClientHello → Certificate`));
    expect(out.stdout).not.toContain('NOT EXISTS');
    const ada = await manager(['report', '--candidate', 'ada@example.com']);
    expect(ada.stdout).toMatch(new RegExp(`✓ ${SQL_ID}\\s+SELECT c.id, c.name FROM customers c LEFT JOIN`));
    expect(ada.stdout).toMatch(new RegExp(`✓ ${LINES_ID}\\s+line 5`));
  });

  it('stats gives no distractor analysis for queries, marked lines or steps', async () => {
    const out = await runCli([
      'stats',
      '--json',
      '--min-attempts',
      '1',
      '--banks',
      HANDS_ON_BANK,
      '--db',
      managerDb(),
    ]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as {
      attempts: number;
      items: { id: string; distractors: Record<string, unknown> }[];
    };
    expect(json.attempts).toBe(4);
    expect(json.items.map((i) => [i.id, i.distractors])).toEqual(
      expect.arrayContaining([
        [SQL_ID, {}],
        [LINES_ID, {}],
        [ORDER_ID, {}],
      ]),
    );
    const calibrate = await runCli([
      'calibrate',
      '--json',
      '--no-save',
      '--banks',
      HANDS_ON_BANK,
      '--db',
      managerDb(),
    ]);
    expect(calibrate.code).toBe(0);
  });
});

describe('import of results taken from a sealed bundle with a sql task', () => {
  it('runs the queries with the manager’s check data: the bundle had none, the file claims no mark', async () => {
    const db = file('sealed-manager.db');
    const out = file('sealed-results');
    mkdirSync(out);
    writeFileSync(file('sealed.yaml'), HANDS_ON_ASSESSMENT);
    const bundle = file('sealed.bundle.json');
    const packed = await runCli([
      'assessment',
      'pack',
      file('sealed.yaml'),
      '-o',
      bundle,
      '--banks',
      HANDS_ON_BANK,
      '--db',
      db,
    ]);
    expect(packed.code).toBe(0);
    const take = (name: string, query: string, lines: string[], steps: string[]) =>
      takeHandsOn({
        assessment: file('sealed.yaml'),
        bundle,
        db: file('sealed-candidates.db'),
        out,
        name,
        email: `${name.toLowerCase()}@example.com`,
        answers: { [SQL_ID]: [query], [LINES_ID]: lines, [ORDER_ID]: steps },
        now: Date.now(),
      });
    const taken = [
      await take('Grace', EXCEPT, ['5'], STEPS),
      await take('Hal', NOT_IN, ['5'], STEPS),
      await take('Ivy', LEFT_JOIN, ['4', '6'], SWAPPED),
    ];
    for (const t of taken) expect(t.result.score).toBeNull();

    const imported = await runCli(['import', out, '--banks', HANDS_ON_BANK, '--db', db, '--json']);
    expect(imported.code).toBe(0);
    const json = JSON.parse(imported.stdout) as {
      files: { candidate: { name: string }; score: number }[];
      imported: number;
    };
    expect(json.imported).toBe(3);
    expect(Object.fromEntries(json.files.map((f) => [f.candidate.name, f.score]))).toEqual({
      Grace: 100,
      Hal: 66.7,
      Ivy: 33.3,
    });
  }, 60_000);
});
