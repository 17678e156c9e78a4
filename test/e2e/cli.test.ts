// The built binary without a terminal: help, version, exit codes, JSON shapes.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { spawn } from 'node-pty';
import { BAD_BANKS, BIN, ROOT, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';

const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

describe('backend-quiz binary', () => {
  it.each([
    { args: ['--version'], code: 0, out: version },
    { args: ['--help'], code: 0, out: 'Examples:' },
    { args: ['quiz', '--help'], code: 0, out: '--time-limit' },
    { args: ['--bogus'], code: 2, err: "unknown option '--bogus'" },
    { args: ['quiz', '--count', 'zero'], code: 2, err: 'must be a whole number' },
    { args: ['quiz', '--difficulty', 'expert'], code: 2, err: 'Allowed choices' },
    { args: ['quiz'], code: 2, err: 'needs a terminal' },
    { args: ['resume'], code: 2, err: 'needs a terminal' },
    { args: ['histroy'], code: 2, err: '(Did you mean history?)' },
    { args: ['report', '--since', '2026-02-30'], code: 2, err: 'not a calendar date' },
    { args: ['report', '--until', '2026-13-01T00:00:00Z'], code: 2, err: 'not a calendar date' },
    { args: ['report', '--since', '2026-02-29'], code: 2, err: 'not a calendar date' },
    { args: [], code: 2, err: 'needs a terminal' },
    { args: ['validate', SMALL_BANKS], code: 0, out: 'no problems' },
    { args: ['validate', BAD_BANKS], code: 1, out: 'broken.yaml:17:13' },
    { args: ['validate', path.join(BAD_BANKS, 'missing.yaml')], code: 2, err: 'no such file or folder' },
    { args: ['banks', '--banks', BAD_BANKS], code: 2, err: 'problem(s)' },
    { args: ['history', '--limit', '0'], code: 2, err: 'must be a whole number' },
    { args: ['report'], code: 0, out: 'No candidate sessions match' },
    { args: ['report', '--format', 'xml'], code: 2, err: 'Allowed choices' },
    { args: ['report', '--since', 'yesterday'], code: 2, err: 'must be a date' },
    { args: ['compare', 'nobody'], code: 2, err: 'no candidate "nobody"' },
    { args: ['import', path.join(BAD_BANKS, 'missing.json')], code: 2, err: 'no such file or folder' },
    { args: ['verify', path.join(BAD_BANKS, 'missing.json')], code: 2, err: 'no such file or folder' },
    { args: ['verify', path.join(BAD_BANKS, 'broken.yaml')], code: 1, out: 'not valid JSON' },
    {
      args: [
        'import',
        path.join(BAD_BANKS, 'broken.yaml'),
        '--assessment',
        path.join(BAD_BANKS, 'missing.yaml'),
      ],
      code: 2,
      err: 'cannot read the assessment',
    },
    {
      args: [
        'verify',
        path.join(BAD_BANKS, 'broken.yaml'),
        '--assessment',
        path.join(BAD_BANKS, 'broken.yaml'),
      ],
      code: 2,
      err: 'problem(s) in the input file(s)',
    },
    { args: ['take', path.join(BAD_BANKS, 'x.yaml')], code: 2, err: 'needs a terminal' },
    {
      args: ['assessment', 'init', '--out', path.join(BAD_BANKS, 'broken.yaml')],
      code: 2,
      err: 'already exists',
    },
    { args: ['stats', '--responses', path.join(BAD_BANKS, 'missing.csv')], code: 2, err: 'cannot read' },
    { args: ['stats'], code: 0, out: '0 attempt(s)' },
    { args: ['calibrate'], code: 2, err: 'no responses to calibrate on' },
    {
      args: ['simulate', '--candidates', '50', '--length', '3', '--banks', SMALL_BANKS],
      code: 0,
      out: 'fewer questions',
    },
    { args: ['simulate', '--se-target', '-1'], code: 2, err: 'must be a number above 0' },
  ])('$args exits $code', async ({ args, code, out, err }) => {
    const db = path.join(tempDir(), 'r.db');
    const result = await runCli(
      [...args, ...(args.length > 0 && !args[0]!.startsWith('-') ? ['--db', db] : [])],
      {
        env: { BACKEND_QUIZ_DB: db },
      },
    );
    expect(result.code).toBe(code);
    if (out) expect(result.stdout).toContain(out);
    if (err) expect(result.stderr).toContain(err);
    expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it('banks --json has the documented shape', async () => {
    const result = await runCli(['banks', '--json', '--banks', SMALL_BANKS]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { id: 'alpha', title: 'Alpha', questions: 3, byDifficulty: { junior: 1, mid: 1, senior: 1 } },
      { id: 'beta', title: 'Beta', questions: 2, byDifficulty: { junior: 1, mid: 1, senior: 0 } },
    ]);
  });

  it('history --json is an empty list on a new database and uses BACKEND_QUIZ_DB', async () => {
    const db = path.join(tempDir(), 'nested', 'results.db');
    const result = await runCli(['history', '--json'], { env: { BACKEND_QUIZ_DB: db } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(readFileSync(db).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('validate --format json reports every problem with its location', async () => {
    const result = await runCli(['validate', BAD_BANKS, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      files: number;
      errors: { file: string; line: number; column: number; rule: string }[];
    };
    expect(report.files).toBe(1);
    expect(report.errors.map((e) => `${e.line}:${e.column} ${e.rule}`)).toEqual([
      '17:13 single-key',
      '21:9 duplicate-id',
      '23:17 invalid-value',
      '31:14 unknown-key',
      '35:5 unknown-field',
      '46:13 unknown-key',
    ]);
  });

  it('--no-color and NO_COLOR leave no escape codes', async () => {
    const a = await runCli(['banks', '--no-color', '--banks', SMALL_BANKS], {
      env: { FORCE_COLOR: '1', NO_COLOR: '' },
    });
    const b = await runCli(['banks', '--banks', SMALL_BANKS], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    const c = await runCli(['banks', '--banks', SMALL_BANKS], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(a.stdout).not.toContain('\u001b[');
    expect(b.stdout).not.toContain('\u001b[');
    expect(c.stdout).toContain('\u001b['); // the check above can fail
  });

  it('TERM=dumb gets no colour on a terminal that would otherwise get it', async () => {
    // node-pty sets TERM from the terminal name, so the name is the TERM under test.
    const raw = (term: string) =>
      new Promise<string>((resolve) => {
        const pty = spawn(process.execPath, [BIN, 'banks', '--banks', SMALL_BANKS], {
          name: term,
          cols: 100,
          rows: 40,
          env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '0', TERM: term },
        });
        let out = '';
        pty.onData((d) => (out += d));
        pty.onExit(() => resolve(out));
      });
    const sgr = new RegExp(String.raw`\u001b\[[0-9;]*m`);
    expect(await raw('xterm-256color')).toMatch(sgr); // the check below can fail
    expect(await raw('dumb')).not.toMatch(sgr);
  });
});
