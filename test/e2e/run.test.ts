// `run` and `validate` on the built binary: every format, every exit code, the JUnit output against its schema.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { runCli } from '../helpers/cli.js';
import { BAD_BANKS, FIXTURES, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';

const ANSWERS = path.join(FIXTURES, 'answers');
const answers = (name: string) => path.join(ANSWERS, name);
const run = (args: string[], input?: string) => {
  const db = path.join(tempDir(), 'r.db');
  return runCli(
    ['run', '--banks', SMALL_BANKS, '--db', db, ...args],
    input === undefined ? {} : { input },
  ).then((r) => ({ ...r, db }));
};

describe('run', () => {
  it.each([
    { name: 'all answered, no pass mark', args: ['--answers', answers('small-all.yaml')], code: 0 },
    {
      name: 'at the pass mark',
      args: ['--answers', answers('small-all.yaml'), '--pass-mark', '80'],
      code: 0,
    },
    {
      name: 'below the pass mark',
      args: ['--answers', answers('small-all.yaml'), '--pass-mark', '80.1'],
      code: 1,
    },
    { name: 'JSON answers file', args: ['--answers', answers('small.json')], code: 0 },
    {
      name: 'unknown ids and bad answers',
      args: ['--answers', answers('unknown.yaml')],
      code: 2,
      err: [
        'unknown.yaml:2:19: no question "no-such-question"',
        'unknown.yaml:3:12: "nope" not an option',
        'unknown.yaml:4:14: question alpha-three takes true or false',
      ],
    },
    {
      name: 'malformed file',
      args: ['--answers', answers('malformed.yaml')],
      code: 2,
      err: ['malformed.yaml:'],
    },
    {
      name: 'not a map',
      args: ['--answers', answers('list.yaml')],
      code: 2,
      err: ['list.yaml:1:1: an answers file maps question ids'],
    },
    {
      name: 'missing file',
      args: ['--answers', answers('nope.yaml')],
      code: 2,
      err: ['cannot read the answers file'],
    },
    { name: 'no --answers', args: [], code: 2, err: ["required option '--answers"] },
    {
      name: 'bad pass mark',
      args: ['--answers', answers('small.json'), '--pass-mark', '120'],
      code: 2,
      err: ['percentage'],
    },
    {
      name: 'selection with missing answers',
      args: ['--answers', answers('small.json'), '--count', '5', '--seed', '1'],
      code: 2,
      err: ['missing-answer'],
    },
    {
      name: 'bad format',
      args: ['--answers', answers('small.json'), '--format', 'xml'],
      code: 2,
      err: ['Allowed choices'],
    },
  ])('$name -> exit $code', async ({ args, code, err }) => {
    const result = await run(args);
    expect(result.code).toBe(code);
    for (const e of err ?? []) expect(result.stderr).toContain(e);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--format json has the documented shape and is recorded in the database', async () => {
    const result = await run([
      '--answers',
      answers('small-all.yaml'),
      '--format',
      'json',
      '--pass-mark',
      '70',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      score: 80,
      passed: true,
      total: 5,
      correct: 4,
      domains: { alpha: 100, beta: 50 },
      questions: [
        { id: 'alpha-one', correct: true },
        { id: 'alpha-two', correct: true },
        { id: 'alpha-three', correct: true },
        { id: 'beta-one', correct: true },
        { id: 'beta-two', correct: false },
      ],
    });
    const db = new Database(result.db, { readonly: true });
    expect(db.prepare('SELECT kind, status, total, correct, score FROM sessions').all()).toEqual([
      { kind: 'run', status: 'completed', total: 5, correct: 4, score: 80 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 5 });
    db.close();
  });

  it('--no-record leaves the database empty; answers can come from standard input', async () => {
    const result = await run(
      ['--answers', '-', '--no-record', '--format', 'json'],
      readFileSync(answers('small-all.yaml'), 'utf8'),
    );
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { correct: number }).correct).toBe(4);
    const history = await runCli(['history', '--json', '--db', result.db]);
    expect(JSON.parse(history.stdout)).toEqual([]);
  });

  it('selection options draw the quiz as quiz does; the same seed gives the same questions', async () => {
    const a = await run([
      '--answers',
      answers('small-all.yaml'),
      '--count',
      '3',
      '--seed',
      '5',
      '--format',
      'json',
    ]);
    const b = await run([
      '--answers',
      answers('small-all.yaml'),
      '--count',
      '3',
      '--seed',
      '5',
      '--format',
      'json',
    ]);
    expect(a.code).toBe(0);
    const ids = (JSON.parse(a.stdout) as { questions: { id: string }[] }).questions.map((q) => q.id);
    expect(ids).toHaveLength(3);
    expect((JSON.parse(b.stdout) as { questions: { id: string }[] }).questions.map((q) => q.id)).toEqual(ids);
  });

  it('--format junit passes the JUnit schema (libxml2 via xmllint-wasm); a failed question carries its explanation', async () => {
    const result = await run(['--answers', answers('small-all.yaml'), '--format', 'junit']);
    expect(result.code).toBe(0);
    const schema = readFileSync(path.join(FIXTURES, 'junit', 'junit.xsd'), 'utf8');
    const check = (xml: string) =>
      validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [schema] });
    const valid = await check(result.stdout);
    expect(valid.errors).toEqual([]);
    expect(valid.valid).toBe(true);
    expect(result.stdout.match(/<testcase /g)).toHaveLength(5);
    expect(result.stdout.match(/<failure /g)).toHaveLength(1);
    expect(result.stdout).toContain('Repeatable Read gives every statement');
    // The schema check can fail: break the output and the validator must reject it.
    const broken = await check(result.stdout.replace(/ hostname="[^"]*"/g, ''));
    expect(broken.valid).toBe(false);
    expect(broken.errors.map((e) => e.message).join('\n')).toMatch(/hostname/);
  });
});

describe('--json is --format json', () => {
  it('on run and validate, and is refused next to another --format', async () => {
    const a = await run(['--answers', answers('small-all.yaml'), '--json', '--no-record']);
    const b = await run(['--answers', answers('small-all.yaml'), '--format', 'json', '--no-record']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
    const v = await runCli(['validate', SMALL_BANKS, '--json']);
    expect(JSON.parse(v.stdout)).toEqual({ files: 2, questions: 5, errors: [] });
    const both = await runCli(['validate', SMALL_BANKS, '--json', '--format', 'github']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json means --format json');
  });
});

describe('hostile answers files', () => {
  it('refuses an answers file above the size limit, and a YAML alias bomb, with exit 2', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, `alpha-one: s404\n# ${'x'.repeat(9 * 1024 * 1024)}\n`);
    const tooBig = await run(['--answers', big]);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toContain('larger than 8 MiB');
    const bomb = path.join(dir, 'bomb.yaml');
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
          .fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`)
          .join(', ')}]`,
      );
    writeFileSync(bomb, `${lines.join('\n')}\nalpha-one: s404\n`);
    const bombed = await run(['--answers', bomb]);
    expect(bombed.code).toBe(2);
    expect(bombed.stderr).toMatch(/bomb\.yaml:\d+:\d+: .*aliases.* \(yaml-aliases\)/);
  });
});

describe('validate formats', () => {
  it('reports every problem of a question at once: a schema error does not hide the key check', async () => {
    const bank = path.join(tempDir(), 'three.yaml');
    writeFileSync(
      bank,
      [
        'format: 1',
        'domain: alpha',
        'title: Alpha',
        'subtopics:',
        '  basics: Basics',
        'questions:',
        '  - id: alpha-three-problems',
        '    type: single',
        '    difficulty: expert',
        '    colour: red',
        '    tags: [basics]',
        '    prompt: Which one?',
        '    options:',
        '      - { id: a, text: A }',
        '      - { id: b, text: B }',
        '    answer: c',
        '    explanation: Because.',
        '    references: [https://www.rfc-editor.org/rfc/rfc9110]',
        '',
      ].join('\n'),
    );
    const result = await runCli(['validate', bank, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { errors: { line: number; rule: string }[] };
    expect(report.errors.map((e) => [e.line, e.rule])).toEqual([
      [9, 'invalid-value'],
      [10, 'unknown-field'],
      [16, 'unknown-key'],
    ]);
  });

  it('a path that does not exist is a usage error (exit 2), not a failed check', async () => {
    const missing = path.join(tempDir(), 'no-such-banks');
    const result = await runCli(['validate', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-banks');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('--format github prints one workflow annotation per problem', async () => {
    const result = await runCli(['validate', BAD_BANKS, '--format', 'github']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(
      /^::error file=.*broken\.yaml,line=17,col=13,title=single-key::a single-choice question has exactly one key/,
    );
  });

  it('--banks accepts a folder that is not shipped with the tool', async () => {
    const result = await runCli(['validate', '--banks', SMALL_BANKS, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ files: 2, questions: 5, errors: [] });
  });
});
