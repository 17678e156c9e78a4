// The Sandbox against the real child process (built in dist/) and the real SQLite.
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, SQLITE_VERSION, type SqlSetup } from '../../src/sandbox/sandbox.js';

const shop: SqlSetup = {
  schema: `CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, avatar BLOB);
           CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total REAL NOT NULL);`,
  data: `INSERT INTO customers VALUES (1, 'Ann', x'CAFE'), (2, 'Bob', NULL);
         INSERT INTO orders VALUES (1, 1, 10.5), (2, 1, 3), (3, NULL, 7.25);`,
};

const sandbox = new Sandbox();
afterAll(() => sandbox.close());

describe('Sandbox.run', () => {
  it('returns columns and rows with SQLite types: integer, real, text, blob, NULL', async () => {
    const outcome = await sandbox.run(
      shop,
      'SELECT c.id, c.name, c.avatar, o.total FROM customers c LEFT JOIN orders o ON o.customer_id = c.id ORDER BY c.id, o.id',
    );
    expect(outcome).toEqual({
      ok: true,
      columns: ['id', 'name', 'avatar', 'total'],
      rows: [
        [1, 'Ann', Uint8Array.from([0xca, 0xfe]), 10.5],
        [1, 'Ann', Uint8Array.from([0xca, 0xfe]), 3],
        [2, 'Bob', null, null],
      ],
      rowCount: 3,
      truncated: false,
    });
    if (outcome.ok) expect(outcome.rows[0]?.[2]).toBeInstanceOf(Uint8Array);
  });

  it('returns integers beyond 2^53 as the nearest number', async () => {
    const outcome = await sandbox.run(shop, 'SELECT 9223372036854775807, 9007199254740993');
    expect(outcome).toMatchObject({ ok: true, rows: [[2 ** 63, 2 ** 53]] });
  });

  it('keeps the columns of an empty result', async () => {
    expect(await sandbox.run(shop, 'SELECT id, name FROM customers WHERE 0')).toEqual({
      ok: true,
      columns: ['id', 'name'],
      rows: [],
      rowCount: 0,
      truncated: false,
    });
  });

  it('with preview, returns the first rows and still counts them all', async () => {
    const sql =
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 20) SELECT n FROM r';
    expect(await sandbox.run(shop, sql, { preview: 3 })).toEqual({
      ok: true,
      columns: ['n'],
      rows: [[1], [2], [3]],
      rowCount: 20,
      truncated: true,
    });
    expect(await sandbox.run(shop, sql, { preview: 50 })).toMatchObject({ rowCount: 20, truncated: false });
  });

  it.each([
    { sql: 'SELECT * FROM nope', message: 'no such table: nope' },
    { sql: 'SELECT name FROM customers WHERE', message: 'incomplete input' },
    { sql: 'SELECT nmae FROM customers', message: 'no such column: nmae' },
    { sql: 'SELECT ?', message: /parameter/i },
  ])('reports SQLite errors in its own words: $sql', async ({ sql, message }) => {
    const outcome = await sandbox.run(shop, sql);
    expect(outcome).toMatchObject({ ok: false, kind: 'error' });
    if (!outcome.ok) expect(outcome.message).toMatch(message);
  });

  it.each([
    { setup: { schema: 'CREATE TABLE (', data: '' }, message: /^schema: .*syntax error/ },
    {
      setup: { schema: shop.schema, data: 'INSERT INTO nope VALUES (1)' },
      message: /^data: no such table: nope/,
    },
    {
      setup: { schema: shop.schema, data: "ATTACH 'x.db' AS x" },
      message: /^data: ATTACH is not allowed in setup SQL/,
    },
  ])('reports a failing setup as the author’s: $message', async ({ setup, message }) => {
    const outcome = await sandbox.run(setup, 'SELECT 1');
    expect(outcome).toMatchObject({ ok: false, kind: 'setup' });
    if (!outcome.ok) expect(outcome.message).toMatch(message);
  });

  it('builds each database from its own setup', async () => {
    const one: SqlSetup = { schema: 'CREATE TABLE t (a INT)', data: 'INSERT INTO t VALUES (1)' };
    const two: SqlSetup = { schema: 'CREATE TABLE t (a INT)', data: 'INSERT INTO t VALUES (2)' };
    for (const [setup, value] of [
      [one, 1],
      [two, 2],
      [one, 1],
    ] as const)
      expect(await sandbox.run(setup, 'SELECT a FROM t')).toMatchObject({ rows: [[value]] });
  });

  it('names the SQLite version the queries run on', async () => {
    expect(SQLITE_VERSION).toMatch(/^3\.\d+\.\d+$/);
    expect(await sandbox.run(shop, 'SELECT sqlite_version()')).toMatchObject({ rows: [[SQLITE_VERSION]] });
  });
});

describe('result caps', () => {
  it('refuses more rows than the cap, and takes exactly the cap', async () => {
    const small = new Sandbox({ maxRows: 10 });
    try {
      const upTo = (n: number) =>
        `WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < ${n}) SELECT n FROM r`;
      expect(await small.run(shop, upTo(10))).toMatchObject({ ok: true, rowCount: 10 });
      expect(await small.run(shop, upTo(11))).toEqual({
        ok: false,
        kind: 'too-large',
        message: 'more than 10 rows',
      });
      // With a preview too: the candidate sees what grading would say.
      expect(await small.run(shop, upTo(11), { preview: 2 })).toMatchObject({ ok: false, kind: 'too-large' });
    } finally {
      await small.close();
    }
  });

  it('refuses a result over the byte cap', async () => {
    const small = new Sandbox({ maxBytes: 1000 });
    try {
      expect(await small.run(shop, "SELECT printf('%.*c', 900, 'x')")).toMatchObject({ ok: true });
      expect(
        await small.run(shop, "SELECT printf('%.*c', 600, 'x') UNION ALL SELECT printf('%.*c', 600, 'y')"),
      ).toEqual({
        ok: false,
        kind: 'too-large',
        message: 'result over 1000 bytes',
      });
      expect(await small.run(shop, 'SELECT randomblob(2000)')).toMatchObject({
        ok: false,
        kind: 'too-large',
      });
    } finally {
      await small.close();
    }
  });
});

describe('Sandbox.tables', () => {
  it('lists the tables of the setup in the order they were created, with their rows', async () => {
    expect(await sandbox.tables(shop)).toEqual([
      {
        name: 'customers',
        columns: ['id', 'name', 'avatar'],
        rows: [
          [1, 'Ann', Uint8Array.from([0xca, 0xfe])],
          [2, 'Bob', null],
        ],
      },
      {
        name: 'orders',
        columns: ['id', 'customer_id', 'total'],
        rows: [
          [1, 1, 10.5],
          [2, 1, 3],
          [3, null, 7.25],
        ],
      },
    ]);
  });

  it('reports a failing setup', async () => {
    const result = await sandbox.tables({
      schema: 'CREATE TABLE t (a INT)',
      data: 'INSERT INTO t VALUES (1, 2)',
    });
    expect(result).toEqual({ ok: false, message: 'data: table t has 1 columns but 2 values were supplied' });
  });
});

describe('Sandbox lifecycle', () => {
  it('runs again after close, in a new process', async () => {
    const own = new Sandbox();
    expect(await own.run(shop, 'SELECT 1')).toMatchObject({ ok: true });
    const first = own.pid;
    await own.close();
    expect(own.pid).toBeUndefined();
    expect(await own.run(shop, 'SELECT 2')).toMatchObject({ ok: true, rows: [[2]] });
    expect(own.pid).not.toBe(first);
    await own.close();
  });

  it('close stops a query in flight', async () => {
    const own = new Sandbox({ timeMs: 60_000 });
    const endless = own.run(
      shop,
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r',
    );
    while (own.pid === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    await own.close();
    expect(await endless).toEqual({ ok: false, kind: 'error', message: 'the sandbox was closed' });
  });

  it('stops a setup that does not finish, as the author’s error', async () => {
    const own = new Sandbox({ timeMs: 100 });
    try {
      const setup = {
        schema: 'CREATE TABLE t (n INT)',
        data: 'INSERT INTO t WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r',
      };
      expect(await own.run(setup, 'SELECT 1')).toEqual({
        ok: false,
        kind: 'setup',
        message: 'schema and data did not finish within 5.5 s',
      });
      expect(await own.run(shop, 'SELECT 1')).toMatchObject({ ok: true });
    } finally {
      await own.close();
    }
  });
});
