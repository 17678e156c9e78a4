// Hostile queries: each is refused or stopped with a clear message, and no file on disk changes. The sandbox's
// child starts with its working folder in a temporary folder, so relative paths would land there too.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Sandbox,
  SANDBOX_MEMORY_BYTES,
  type QueryOutcome,
  type SqlSetup,
} from '../../src/sandbox/sandbox.js';

const setup: SqlSetup = {
  schema: 'CREATE TABLE t (n INTEGER PRIMARY KEY, word TEXT)',
  data: `INSERT INTO t WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 100)
         SELECT n, 'w' || n FROM r`,
};
const endless = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)';

let dir = '';
let cwd = '';
const sandbox = new Sandbox({ timeMs: 1000 });

/** Every file below the folder with its size and modification time. */
function snapshot(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => {
      const s = statSync(path.join(folder, name));
      return `${name} ${s.size} ${s.mtimeMs}`;
    })
    .sort();
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'backend-quiz-sandbox-'));
  writeFileSync(path.join(dir, 'existing.db'), '');
  cwd = process.cwd();
  process.chdir(dir);
});

afterAll(async () => {
  await sandbox.close();
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

const refused = { kind: 'refused', message: /only one SELECT, WITH or VALUES statement is run/ };

describe('hostile queries', () => {
  it.each<{ name: string; sql: () => string; kind: string; message: RegExp; files?: string[] }>([
    {
      name: 'endless recursive CTE, count(*)',
      sql: () => `${endless} SELECT count(*) FROM r`,
      kind: 'timeout',
      message: /^stopped after 1 s$/,
    },
    {
      name: 'endless recursive CTE, streaming rows',
      sql: () => `${endless} SELECT n FROM r`,
      kind: 'too-large',
      message: /^more than 10000 rows$/,
    },
    {
      name: 'endless recursive CTE, ordered (a sort that never gets its last row)',
      sql: () => `${endless} SELECT n FROM r ORDER BY n DESC`,
      kind: 'timeout',
      message: /^stopped after 1 s$/,
    },
    { name: 'ATTACH a new file', sql: () => `ATTACH '${dir}/x.db' AS x`, ...refused, files: ['x.db'] },
    { name: 'ATTACH an existing file', sql: () => `ATTACH 'existing.db' AS x`, ...refused },
    {
      name: 'ATTACH after a comment',
      sql: () => `/* */ ATTACH '${dir}/x.db' AS x`,
      ...refused,
      files: ['x.db'],
    },
    { name: 'PRAGMA after a line comment', sql: () => '-- x\nPRAGMA writable_schema = ON', ...refused },
    { name: 'VACUUM INTO', sql: () => `VACUUM INTO '${dir}/y.db'`, ...refused, files: ['y.db'] },
    { name: 'VACUUM INTO a relative path', sql: () => `VACUUM INTO 'z.db'`, ...refused, files: ['z.db'] },
    {
      name: 'randomblob(1e9)',
      sql: () => 'SELECT randomblob(1e9)',
      kind: 'too-large',
      message: /string or blob too big/,
    },
    {
      name: 'length(randomblob(1e9))',
      sql: () => 'SELECT length(randomblob(1e9))',
      kind: 'too-large',
      message: /string or blob too big/,
    },
    {
      name: 'a huge cross join, counted',
      sql: () => 'SELECT count(*) FROM t a, t b, t c, t d, t e, t f',
      kind: 'timeout',
      message: /^stopped after 1 s$/,
    },
    {
      name: 'a huge cross join, streamed',
      sql: () => 'SELECT * FROM t a, t b, t c',
      kind: 'too-large',
      message: /^more than 10000 rows$/,
    },
    { name: 'two statements', sql: () => 'SELECT 1; SELECT 2', ...refused },
    { name: 'a SELECT, then DROP TABLE', sql: () => 'SELECT 1; DROP TABLE t', ...refused },
    { name: 'PRAGMA', sql: () => 'PRAGMA user_version', ...refused },
    {
      name: 'load_extension()',
      sql: () => "SELECT load_extension('x')",
      kind: 'refused',
      message: /^load_extension is not allowed/,
    },
    { name: 'DELETE', sql: () => 'DELETE FROM t', ...refused },
    { name: 'INSERT', sql: () => 'INSERT INTO t VALUES (1000, NULL)', ...refused },
    { name: 'UPDATE', sql: () => "UPDATE t SET word = 'x'", ...refused },
    { name: 'CREATE', sql: () => 'CREATE TABLE u (a)', ...refused },
    {
      name: 'DELETE behind WITH (the read-only check, not the guard)',
      sql: () => 'WITH x AS (SELECT 1) DELETE FROM t',
      ...refused,
    },
    {
      name: 'a pragma table-valued function',
      sql: () => "SELECT * FROM pragma_table_info('t')",
      kind: 'refused',
      message: /^pragma_table_info is not allowed/,
    },
    {
      name: 'a quoted pragma function',
      sql: () => `SELECT * FROM "pragma_table_list"`,
      kind: 'refused',
      message: /^pragma_table_list is not allowed/,
    },
  ])('$name', async ({ sql, kind, message, files = [] }) => {
    const before = snapshot(dir);
    const outcome = await sandbox.run(setup, sql());
    expect(outcome).toMatchObject({ ok: false, kind });
    expect(outcome.ok ? '' : outcome.message).toMatch(message);
    expect(snapshot(dir)).toEqual(before);
    for (const file of files) expect(existsSync(path.join(dir, file))).toBe(false);
  });

  it('a string literal naming ATTACH or PRAGMA still runs', async () => {
    expect(await sandbox.run(setup, "SELECT 'ATTACH' AS a, 'x; PRAGMA y' AS b;")).toMatchObject({
      ok: true,
      rows: [['ATTACH', 'x; PRAGMA y']],
    });
  });

  it('the table is intact after every attempt', async () => {
    expect(await sandbox.run(setup, 'SELECT count(*), max(word) FROM t')).toMatchObject({
      rows: [[100, 'w99']],
    });
  });

  it('after a timeout the next query runs, in a new process', async () => {
    await sandbox.run(setup, 'SELECT 1');
    const before = sandbox.pid;
    const stopped = await sandbox.run(setup, `${endless} SELECT count(*) FROM r`);
    expect(stopped).toMatchObject({ ok: false, kind: 'timeout' });
    const next: QueryOutcome = await sandbox.run(setup, 'SELECT count(*) FROM t');
    expect(next).toMatchObject({ ok: true, rows: [[100]] });
    expect(sandbox.pid).toBeDefined();
    expect(sandbox.pid).not.toBe(before);
  });

  it('a query that takes more memory than the ceiling is stopped', async () => {
    // A generous time limit, so the memory ceiling stops it and not the clock.
    const roomy = new Sandbox({ timeMs: 60_000 });
    try {
      // Twenty blobs of 100 MB, all held by the sort: 2 GB, whatever the machine.
      const grow = `WITH RECURSIVE r(n, b) AS (SELECT 1, zeroblob(1e8) UNION ALL SELECT n + 1, randomblob(1e8) FROM r WHERE n < 20)
                    SELECT n, length(b) FROM r ORDER BY b`;
      expect(await roomy.run(setup, grow)).toEqual({
        ok: false,
        kind: 'too-large',
        message: `used more than ${SANDBOX_MEMORY_BYTES / 1024 / 1024} MB of memory`,
      });
      expect(await roomy.run(setup, 'SELECT 1')).toMatchObject({ ok: true });
    } finally {
      await roomy.close();
    }
  });
});
