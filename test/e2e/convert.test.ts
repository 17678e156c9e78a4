// The built binary converts for real: from each format to YAML that `validate` accepts (and `--strict` flags the
// TODOs of), and from a bank to Moodle XML and GIFT and back. Hostile and oversized input exits 2, located.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RawBank } from '../../src/core/bank-schema.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, SHIPPED_BANKS, tempDir } from '../helpers/fixtures.js';

const CONVERT = path.join(FIXTURES, 'convert');

describe('backend-quiz convert', () => {
  it.each([
    ['gift-docs.gift', 'gift-docs.yaml', 8, 5],
    ['windows.gift', 'windows.yaml', 2, 0],
    ['moodle-xml-docs.xml', 'moodle-xml-docs.yaml', 4, 6],
    ['aiken-docs.txt', 'aiken-docs.yaml', 2, 2],
    ['checklist.md', 'checklist.yaml', 3, 2],
  ])(
    '%s -> YAML that validate accepts; skipped items listed with file:line:column',
    async (input, output, questions, skipped) => {
      const out = tempDir();
      const run = await runCli(['convert', path.join(CONVERT, input), '--to', 'yaml', '-o', out], {
        cwd: CONVERT,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`${input} -> `);
      expect(run.stdout).toContain(`${questions} question(s), ${skipped} skipped`);
      const lines = run.stderr.split('\n').filter((l) => l.startsWith('skipped: '));
      expect(lines).toHaveLength(skipped);
      for (const line of lines)
        expect(line).toMatch(
          new RegExp(`^skipped: ${input.replace('.', '\\.')}:\\d+:\\d+: .+ \\([a-z-]+\\)$`),
        );

      const file = path.join(out, output);
      const validate = await runCli(['validate', file]);
      expect(validate.stderr).toBe('');
      expect(validate.stdout).toContain(`1 file(s), ${questions} question(s): no problems`);
      expect(validate.code).toBe(0);
      const bank = parse(readFileSync(file, 'utf8')) as RawBank;
      expect(bank.questions).toHaveLength(questions);
    },
  );

  it('leaves every missing explanation, reference and difficulty as a TODO that validate --strict flags', async () => {
    const out = tempDir();
    const run = await runCli(['convert', path.join(CONVERT, 'aiken-docs.txt'), '--to', 'yaml', '-o', out]);
    expect(run.code).toBe(0);
    const file = path.join(out, 'aiken-docs.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text.match(/# TODO /g)).toHaveLength(6);
    const strict = await runCli(['validate', file, '--strict', '--format', 'json']);
    expect(strict.code).toBe(1);
    const report = JSON.parse(strict.stdout) as { errors: { rule: string }[] };
    const rules = report.errors.map((e) => e.rule).sort();
    // Two questions, each without explanation, reference and difficulty.
    expect(rules).toEqual([
      'reference-https',
      'reference-https',
      'short-explanation',
      'short-explanation',
      'undeclared-tag',
      'undeclared-tag',
    ]);
  });

  it('a shipped bank goes to Moodle XML and GIFT and back to YAML that validates, with the same questions', async () => {
    const out = tempDir();
    const source = path.join(SHIPPED_BANKS, 'apis.yaml');
    const bank = parse(readFileSync(source, 'utf8')) as RawBank;
    // Hands-on questions have no counterpart in either format: listed as skipped, and the rest travels.
    const handsOn = bank.questions.filter((q) => ['sql', 'lines', 'order'].includes(q.type));
    expect(handsOn.length).toBeGreaterThan(0);
    const original = { ...bank, questions: bank.questions.filter((q) => !handsOn.includes(q)) };
    for (const to of ['moodle-xml', 'gift']) {
      const run = await runCli(['convert', source, '--to', to, '-o', out]);
      expect(run.code).toBe(0);
      for (const q of handsOn) expect(run.stderr).toMatch(new RegExp(`skipped: .*${q.id}.*no counterpart`));
    }
    for (const [file, dir] of [
      ['apis.xml', 'from-xml'],
      ['apis.gift', 'from-gift'],
    ] as const) {
      const back = await runCli(['convert', path.join(out, file), '--to', 'yaml', '-o', path.join(out, dir)]);
      expect(back.code).toBe(0);
      expect(back.stderr).toBe('');
      const validate = await runCli(['validate', path.join(out, dir, 'apis.yaml')]);
      expect(validate.code).toBe(0);
      const converted = parse(readFileSync(path.join(out, dir, 'apis.yaml'), 'utf8')) as RawBank;
      expect(converted.domain).toBe(original.domain);
      const options = (q: RawBank['questions'][number]) => (q.options ?? []).map((o) => o.text.trim());
      expect(
        converted.questions.map((q) => [q.id, q.type, q.prompt, options(q), q.explanation, q.references]),
      ).toEqual(
        original.questions.map((q) => [
          q.id,
          q.type,
          q.prompt.trim(),
          options(q),
          q.explanation.trim(),
          q.references,
        ]),
      );
      if (dir === 'from-xml')
        expect(converted.questions.map((q) => [q.difficulty, q.tags])).toEqual(
          original.questions.map((q) => [q.difficulty, q.tags]),
        );
    }
  });

  it('exports to Aiken and Markdown, listing what the format cannot hold at its place in the bank', async () => {
    const out = tempDir();
    const source = path.join(SHIPPED_BANKS, 'databases.yaml');
    const aiken = await runCli(['convert', source, '--to', 'aiken', '-o', out]);
    expect(aiken.code).toBe(0);
    const skipped = aiken.stderr.split('\n').filter((l) => l.startsWith('skipped: '));
    expect(skipped.length).toBeGreaterThan(0);
    for (const line of skipped)
      expect(line).toMatch(/^skipped: .*databases\.yaml:\d+:5: question "[a-z0-9-]+": /);
    const text = readFileSync(path.join(out, 'databases.txt'), 'utf8');
    const written = Number(/(\d+) question\(s\)/.exec(aiken.stdout)?.[1]);
    expect(text.match(/^ANSWER: [A-Z]$/gm)).toHaveLength(written);
    // Aiken read back gives the same number of questions.
    const back = await runCli([
      'convert',
      path.join(out, 'databases.txt'),
      '--to',
      'yaml',
      '-o',
      path.join(out, 'b'),
    ]);
    expect(back.stdout).toContain(`${written} question(s), 0 skipped`);

    const md = await runCli(['convert', source, '--to', 'markdown', '-o', out]);
    expect(md.code).toBe(0);
    expect(readFileSync(path.join(out, 'databases.md'), 'utf8')).toMatch(/^#### Q1\. /m);
  });

  it.each([
    ['xxe.xml', 'xxe.xml:2:1: a DOCTYPE is not accepted'],
    ['billion-laughs.xml', 'billion-laughs.xml:2:1: a DOCTYPE is not accepted'],
    ['undeclared-entity.xml', 'undeclared-entity.xml:3:42: entity reference "&ext;"'],
    ['malformed.xml', 'malformed.xml:4:18: '],
  ])('refuses %s with one located line and exit 2, writing nothing', async (input, message) => {
    const out = tempDir();
    const run = await runCli(['convert', input, '--to', 'yaml', '-o', out], { cwd: CONVERT });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('    at ');
    expect(existsSync(path.join(out, input.replace('.xml', '.yaml')))).toBe(false);
  });

  it('refuses a file over 8 MiB, an unknown format, overwriting without --force, and an output it cannot write', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.gift');
    writeFileSync(big, `::q::x{=a ~b}\n\n`.repeat(600_000));
    const tooBig = await runCli(['convert', big, '--to', 'yaml', '-o', dir]);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toContain('big.gift:1:1: the file is larger than 8 MiB');

    const odd = path.join(dir, 'notes.txt');
    writeFileSync(odd, 'nothing to see\n');
    const unknown = await runCli(['convert', odd, '--to', 'yaml', '-o', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('pass --from <format>');

    copyFileSync(path.join(CONVERT, 'windows.gift'), path.join(dir, 'w.gift'));
    expect((await runCli(['convert', path.join(dir, 'w.gift'), '--to', 'yaml', '-o', dir])).code).toBe(0);
    const again = await runCli(['convert', path.join(dir, 'w.gift'), '--to', 'yaml', '-o', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists; pass --force');
    expect(
      (await runCli(['convert', path.join(dir, 'w.gift'), '--to', 'yaml', '-o', dir, '--force'])).code,
    ).toBe(0);

    const blocked = path.join(dir, 'blocked');
    writeFileSync(blocked, 'a file where a folder should be');
    const unwritable = await runCli([
      'convert',
      path.join(dir, 'w.gift'),
      '--to',
      'yaml',
      '-o',
      path.join(blocked, 'out'),
    ]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unwritable.stderr).toContain('cannot write');
  });

  it('--from forces the format whatever the extension says', async () => {
    const dir = tempDir();
    copyFileSync(path.join(CONVERT, 'aiken-docs.txt'), path.join(dir, 'quiz.data'));
    const run = await runCli([
      'convert',
      path.join(dir, 'quiz.data'),
      '--from',
      'aiken',
      '--to',
      'gift',
      '-o',
      dir,
    ]);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'quiz.gift'), 'utf8')).toContain('=Must be this one!');
  });
});
