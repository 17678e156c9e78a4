import { describe, expect, it } from 'vitest';
import { guardQuery, guardSetup, ONE_QUERY_ONLY } from '../../src/sandbox/guard.js';

describe('guardQuery', () => {
  it.each([
    { sql: 'SELECT 1', run: 'SELECT 1' },
    { sql: '  select 1  ', run: '  select 1' },
    { sql: 'SELECT 1;', run: 'SELECT 1' },
    { sql: 'SELECT 1;;', run: 'SELECT 1' },
    { sql: 'SELECT 1; -- done\n', run: 'SELECT 1' },
    { sql: 'SELECT 1 /* ; DROP TABLE t */', run: 'SELECT 1' },
    {
      sql: '-- the answer\nWITH x AS (SELECT 1) SELECT * FROM x',
      run: '-- the answer\nWITH x AS (SELECT 1) SELECT * FROM x',
    },
    { sql: 'VALUES (1), (2)', run: 'VALUES (1), (2)' },
    { sql: "SELECT 'ATTACH' AS word", run: "SELECT 'ATTACH' AS word" },
    { sql: "SELECT 'a;b', 'it''s; PRAGMA x'", run: "SELECT 'a;b', 'it''s; PRAGMA x'" },
    { sql: 'SELECT 1 AS "attach"', run: 'SELECT 1 AS "attach"' },
    { sql: 'SELECT vacuum_count FROM t', run: 'SELECT vacuum_count FROM t' },
    { sql: 'SELECT [a;b] FROM t', run: 'SELECT [a;b] FROM t' },
  ])('runs $sql', ({ sql, run }) => {
    expect(guardQuery(sql)).toEqual({ ok: true, sql: run });
  });

  it.each([
    { sql: '', message: ONE_QUERY_ONLY },
    { sql: ';', message: ONE_QUERY_ONLY },
    { sql: '/* only a comment */', message: ONE_QUERY_ONLY },
    { sql: 'SELECT 1; SELECT 2', message: ONE_QUERY_ONLY },
    { sql: 'SELECT 1; DROP TABLE t', message: ONE_QUERY_ONLY },
    { sql: 'SELECT 1;; SELECT 2', message: ONE_QUERY_ONLY },
    { sql: 'DELETE FROM t', message: ONE_QUERY_ONLY },
    { sql: 'INSERT INTO t VALUES (1)', message: ONE_QUERY_ONLY },
    { sql: 'EXPLAIN SELECT 1', message: ONE_QUERY_ONLY },
    { sql: '(SELECT 1)', message: ONE_QUERY_ONLY },
    { sql: "/* x */ ATTACH 'x.db' AS x", message: ONE_QUERY_ONLY },
    { sql: '-- x\nPRAGMA user_version', message: ONE_QUERY_ONLY },
    {
      sql: "SELECT 1 FROM t WHERE 1 = 0 UNION SELECT load_extension('x')",
      message: /^load_extension is not/,
    },
    { sql: "SELECT * FROM pragma_table_info('t')", message: /^pragma_table_info is not allowed/ },
    { sql: `SELECT * FROM "pragma_table_info"('t')`, message: /^pragma_table_info is not allowed/ },
    { sql: 'SELECT * FROM main.[PRAGMA_TABLE_LIST]', message: /^PRAGMA_TABLE_LIST is not allowed/ },
    { sql: `SELECT "load_extension"('x')`, message: /^load_extension is not allowed/ },
    { sql: 'WITH x AS (SELECT 1) SELECT 1 FROM x /**/ ATTACH', message: /^ATTACH is not allowed/ },
  ])('refuses $sql', ({ sql, message }) => {
    const result = guardQuery(sql);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('guardSetup', () => {
  it.each([
    { sql: 'CREATE TABLE t (a INT); INSERT INTO t VALUES (1);', refused: undefined },
    { sql: "INSERT INTO t VALUES ('ATTACH; PRAGMA')", refused: undefined },
    { sql: "ATTACH 'x.db' AS x", refused: 'ATTACH is not allowed in setup SQL' },
    { sql: 'PRAGMA foreign_keys = OFF', refused: 'PRAGMA is not allowed in setup SQL' },
    {
      sql: 'CREATE TABLE t AS SELECT * FROM pragma_table_list',
      refused: 'pragma_table_list is not allowed in setup SQL',
    },
    { sql: "VACUUM INTO 'y.db'", refused: 'VACUUM is not allowed in setup SQL' },
  ])('$sql', ({ sql, refused }) => {
    expect(guardSetup(sql)).toBe(refused);
  });
});
