// Running sql tasks as validate does, on the real sandbox (its child is built in dist/): every kind of broken task
// reported once, at the part of the task it is about.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBanks } from '../../src/bank/check-sql-tasks.js';
import { loadBanks } from '../../src/bank/load-banks.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';

const HANDS_ON = path.join(FIXTURES, 'banks', 'hands-on');

describe('validateBanks on the hands-on fixture', () => {
  it('reports the passing mistake, the failing reference and the check data that does not load, nothing else', async () => {
    const loaded = await validateBanks({ paths: [path.join(HANDS_ON, 'authoring.yaml')], cwd: HANDS_ON });
    expect(loaded.sqlTasks.map((t) => t.id)).toEqual([
      'authoring-sql-customers-without-orders',
      'authoring-sql-orders-per-customer',
      'authoring-sql-broken-reference',
      'authoring-sql-broken-check',
    ]);
    expect(loaded.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}: ${p.message}`)).toEqual([
      'authoring.yaml:58:16 mistake-passes: mistake 1 gives the same result as the reference on the check data; add rows that tell them apart',
      'authoring.yaml:79:16 reference-fails: the reference fails on the sample and the check data: no such column: nme',
      'authoring.yaml:99:12 sql-setup: the check data of authoring-sql-broken-check does not load: data: near "order": syntax error',
    ]);
    // loadBanks alone reads the same file without running anything: no problem to report.
    expect(loadBanks({ paths: [path.join(HANDS_ON, 'authoring.yaml')], cwd: HANDS_ON }).problems).toEqual([]);
  });
});

/** A bank of one sql task; `task` holds its YAML lines from schema on (indented by four). */
function bank(task: Record<string, string>): string {
  const field = (name: string, value: string) =>
    value.includes('\n')
      ? `    ${name}: |\n${value
          .trim()
          .split('\n')
          .map((l) => `      ${l}`)
          .join('\n')}`
      : `    ${name}: ${value}`;
  const mistakes = (task.mistakes ?? '')
    .split(';;')
    .filter((m) => m.trim() !== '')
    .map((m) => `      - query: ${m.trim()}\n        why: a typical mistake`);
  return [
    'format: 1',
    'domain: tasks',
    'title: Tasks',
    'subtopics: {t: T}',
    'questions:',
    '  - id: tasks-one',
    '    type: sql',
    '    difficulty: mid',
    '    tags: [t]',
    '    prompt: "Return x. Columns: x."',
    field('schema', task.schema ?? 'CREATE TABLE t (x INTEGER, j TEXT);'),
    field('sample', task.sample ?? "INSERT INTO t VALUES (1, '{}');"),
    field('check', task.check ?? "INSERT INTO t VALUES (1, '{}'), (2, '[]'), (3, NULL);"),
    field('reference', task.reference ?? 'SELECT x FROM t'),
    ...(task.ordered ? [`    ordered: ${task.ordered}`] : []),
    ...(mistakes.length > 0 ? ['    mistakes:', ...mistakes] : []),
    '    explanation: This explanation is long enough to pass the minimum length rule because it has more than eighty characters.',
    '    references: [https://sqlite.org/lang_select.html]',
    '',
  ].join('\n');
}

describe('validateBanks: one row per way a task can be broken', () => {
  it.each<{ name: string; task: Record<string, string>; expected: string[] }>([
    { name: 'a sound task', task: { mistakes: 'SELECT x FROM t WHERE x > 1 ;; SELECT 1' }, expected: [] },
    {
      name: 'a schema that does not build',
      task: { schema: 'CREATE TABLE t (x INTEGER,);' },
      expected: ['11:13 sql-setup the schema of tasks-one does not build'],
    },
    {
      name: 'sample data that does not load (the check data is still checked)',
      task: { sample: 'INSERT INTO nowhere VALUES (1);', mistakes: 'SELECT x FROM t WHERE x IS NOT NULL' },
      expected: ['12:13 sql-setup the sample data of tasks-one does not load', '16:16 mistake-passes'],
    },
    {
      name: 'check data that does not load',
      task: { check: 'INSERT INTO t VALUES (1, 2, 3);' },
      expected: ['13:12 sql-setup the check data of tasks-one does not load'],
    },
    {
      name: 'a reference the guard refuses',
      task: { reference: 'DELETE FROM t' },
      expected: ['14:16 reference-fails the reference fails on the sample and the check data'],
    },
    {
      name: 'a reference that fails on the check data only',
      task: {
        reference: 'SELECT x, json(j) FROM t WHERE j IS NOT NULL',
        check: "INSERT INTO t VALUES (1, 'oops');",
      },
      expected: ['14:16 reference-fails the reference fails on the check data'],
    },
    {
      name: 'a reference with no rows on the check data',
      task: { reference: 'SELECT x FROM t WHERE x > 100' },
      expected: ['14:16 reference-no-rows the reference returns no rows on the check data'],
    },
    {
      name: 'a mistake that fails to run is fine; one that matches is located at its own query',
      task: { mistakes: 'SELECT nope FROM t ;; SELECT x FROM t WHERE x > 0 OR x IS NULL' },
      expected: ['18:16 mistake-passes mistake 2 gives the same result'],
    },
    {
      name: 'rows in another order pass unless the task is ordered',
      task: { reference: 'SELECT x FROM t ORDER BY x', mistakes: 'SELECT x FROM t ORDER BY x DESC' },
      expected: ['16:16 mistake-passes mistake 1 gives the same result'],
    },
    {
      name: 'an ordered task tells them apart',
      task: {
        reference: 'SELECT x FROM t ORDER BY x',
        ordered: 'true',
        mistakes: 'SELECT x FROM t ORDER BY x DESC',
      },
      expected: [],
    },
  ])('$name', async ({ task, expected }) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'tasks.yaml'), bank(task));
    const { problems } = await validateBanks({ paths: [dir], cwd: dir });
    expect(problems).toHaveLength(expected.length);
    problems.forEach((p, i) =>
      expect(`${p.line}:${p.column} ${p.rule} ${p.message}`.slice(0, expected[i]!.length)).toBe(expected[i]),
    );
  });

  it('a bank without sql tasks never starts the sandbox', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'plain.yaml'),
      'format: 1\ndomain: plain\ntitle: Plain\nsubtopics: {t: T}\nquestions:\n  - id: plain-one\n    type: true-false\n    difficulty: mid\n    tags: [t]\n    prompt: p\n    answer: true\n    explanation: e\n    references: [https://example.org/]\n',
    );
    const loaded = await validateBanks({ paths: [dir], cwd: dir });
    expect(loaded.sqlTasks).toEqual([]);
    expect(loaded.problems).toEqual([]);
  });
});
