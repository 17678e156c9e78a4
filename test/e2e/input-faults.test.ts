// Hostile input files on the built binary: FIFOs and devices are refused at once, standard input is read to its
// end however slowly it comes, encodings and duplicate keys are named with their place in the file.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BIN, FIXTURES, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';

const ANSWERS = path.join(FIXTURES, 'answers', 'small-all.yaml');

function fifo(dir: string, name: string): string {
  const file = path.join(dir, name);
  execFileSync('mkfifo', [file]);
  return file;
}

describe('files that are not regular files', () => {
  it('a FIFO as answers, bank, result file or assessment: one line, exit 2, no hang', async () => {
    const dir = tempDir();
    const pipe = fifo(dir, 'pipe.yaml');
    const cases: { args: string[]; message: string }[] = [
      {
        args: ['run', '--answers', pipe, '--banks', SMALL_BANKS, '--db', path.join(dir, 'a.db')],
        message: `backend-quiz: cannot read the answers file ${pipe}: it is not a regular file`,
      },
      {
        args: ['run', '--answers', ANSWERS, '--banks', pipe, '--db', path.join(dir, 'a.db')],
        message: 'pipe.yaml:1:1: cannot read the file: it is not a regular file',
      },
      {
        args: ['verify', pipe, '--banks', SMALL_BANKS, '--db', path.join(dir, 'v.db')],
        message: 'it is not a regular file',
      },
    ];
    for (const { args, message } of cases) {
      const result = await runCli(args, { cwd: dir });
      expect(result.code === 2 || (args[0] === 'verify' && result.code === 1)).toBe(true);
      expect(`${result.stdout}${result.stderr}`).toContain(message);
    }
  });

  it('a FIFO named *.yaml or *.json inside a folder of banks or result files', async () => {
    const dir = tempDir();
    const banks = path.join(dir, 'banks');
    mkdirSync(banks);
    copyFileSync(path.join(SMALL_BANKS, 'alpha.yaml'), path.join(banks, 'alpha.yaml'));
    fifo(banks, 'zeta.yaml');
    const run = await runCli(['banks', '--banks', banks], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('banks/zeta.yaml:1:1: cannot read the file: it is not a regular file');
    // validate lists every problem, but an unreadable file is an input error (2), not a failed check (1).
    const validate = await runCli(['validate', banks], { cwd: dir });
    expect(validate.code).toBe(2);
    expect(validate.stdout).toContain('banks/zeta.yaml:1:1: cannot read the file: it is not a regular file');
    const results = path.join(dir, 'results');
    mkdirSync(results);
    fifo(results, 'r.json');
    const verify = await runCli(['verify', results, '--banks', SMALL_BANKS, '--db', path.join(dir, 'v.db')], {
      cwd: dir,
    });
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('✗ results/r.json: cannot read the file: it is not a regular file');
  });

  it('/dev/zero is refused at once, not read until memory runs out', async () => {
    for (const args of [
      ['run', '--answers', '/dev/zero', '--banks', SMALL_BANKS],
      ['run', '--answers', ANSWERS, '--banks', '/dev/zero'],
      ['stats', '--responses', '/dev/zero'],
    ]) {
      const result = await runCli([...args, '--db', path.join(tempDir(), 'z.db')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('it is not a regular file');
    }
  });
});

describe('standard input', () => {
  it('--answers - reads a slow pipe to its end', async () => {
    const db = path.join(tempDir(), 'slow.db');
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        'sh',
        [
          '-c',
          `(sleep 1; cat "$1") | "$2" "$3" run --answers - --banks "$4" --db "$5" --format json`,
          'sh',
          ANSWERS,
          process.execPath,
          BIN,
          SMALL_BANKS,
          db,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ total: 5, correct: 4 });
  });
});

describe('what the README promises about input files', () => {
  it('a UTF-16 or UTF-32 bank is named as such', async () => {
    const dir = tempDir();
    const text = readFileSync(path.join(SMALL_BANKS, 'alpha.yaml'), 'utf8');
    writeFileSync(
      path.join(dir, 'le.yaml'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    writeFileSync(path.join(dir, 'nobom.yaml'), Buffer.from(text, 'utf16le'));
    const result = await runCli(['validate', dir], { cwd: dir });
    expect(result.stdout).toContain('le.yaml:1:1: the file is UTF-16; save it as UTF-8 (encoding)');
    expect(result.stdout).toContain('nobom.yaml:1:1: the file is UTF-16; save it as UTF-8 (encoding)');
  });

  it('duplicate keys in a JSON answers file are an error at line:column', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'dup.json');
    writeFileSync(file, '{\n  "alpha-one": "s404",\n  "alpha-one": "s200"\n}\n');
    const result = await runCli([
      'run',
      '--answers',
      file,
      '--banks',
      SMALL_BANKS,
      '--db',
      path.join(dir, 'd.db'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${file}:3:3: duplicate key "alpha-one": each key may appear once (duplicate-key)`,
    );
  });

  it('aliases are counted per document, not per key', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'aliases.yaml');
    const list = Array.from({ length: 5000 }, (_, i) => `  - v${i}`).join('\n');
    const keys = Array.from({ length: 60 }, (_, i) => `k${i}: *big`).join('\n');
    writeFileSync(file, `anchor: &big\n${list}\n${keys}\n`);
    const result = await runCli([
      'run',
      '--answers',
      file,
      '--banks',
      SMALL_BANKS,
      '--db',
      path.join(dir, 'a.db'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /aliases expand to \d+ values; at most 100000 are allowed per file \(yaml-aliases\)/,
    );
  });
});
