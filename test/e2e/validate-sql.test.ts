// validate on the built binary runs the sql tasks of a bank: their problems come out located in every format, with
// exit 1, and the sandbox's child process does not keep the command from ending.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const BANK = path.join(FIXTURES, 'banks', 'hands-on', 'authoring.yaml');
const SHOWN = path.relative(process.cwd(), BANK);

describe('validate runs sql tasks', () => {
  it('text: each problem at file:line:column, then the count; exit 1', async () => {
    const result = await runCli(['validate', BANK, '--strict']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      `${SHOWN}:58:16: mistake 1 gives the same result as the reference on the check data`,
    );
    expect(result.stdout).toContain(
      `${SHOWN}:79:16: the reference fails on the sample and the check data: no such column: nme (reference-fails)`,
    );
    expect(result.stdout).toContain(
      `${SHOWN}:99:12: the check data of authoring-sql-broken-check does not load`,
    );
    expect(result.stdout).toContain('1 file(s), 6 question(s): 3 problem(s) (strict)');
  });

  it('json and github carry the same problems', async () => {
    const json = await runCli(['validate', BANK, '--format', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { errors: { line: number; column: number; rule: string }[] };
    expect(report.errors.map((e) => `${e.line}:${e.column} ${e.rule}`)).toEqual([
      '58:16 mistake-passes',
      '79:16 reference-fails',
      '99:12 sql-setup',
    ]);
    const github = await runCli(['validate', BANK, '--format', 'github']);
    expect(github.code).toBe(1);
    expect(github.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^::error file=.*authoring\.yaml,line=58,col=16,title=mistake-passes::mistake 1 /,
      ),
      expect.stringMatching(/,line=79,col=16,title=reference-fails::/),
      expect.stringMatching(/,line=99,col=12,title=sql-setup::/),
    ]);
  });
});
