// Output that cannot be written, and text that must not reach a terminal as it is: the built binary, for real.
/* eslint-disable no-control-regex -- escape sequences are what these tests look for */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultDigest, type ResultFile } from '../../src/core/result-file.js';
import { runCli } from '../helpers/cli.js';
import { BIN, FIXTURES, SMALL_BANKS } from '../helpers/fixtures.js';
import { PtySession } from '../helpers/pty.js';
import { takeAssessment } from '../helpers/take.js';

const ANSWERS = path.join(FIXTURES, 'answers', 'small-all.yaml');
const HOSTILE_NAME =
  'Eve\n✓ forged.json: Mallory <m@example.com>, out-test, 100.0% (pass)\u001b]0;x\u0007\u001b[31mred';
const CSV = path.join(FIXTURES, 'responses', 'small.csv');

/** Runs the binary with standard output on /dev/full, the way a full disk behaves. */
function toFullDisk(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const fd = openSync('/dev/full', 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', fd, 'pipe'],
    });
    closeSync(fd);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

let dir = '';
let db = '';
let resultFile = '';
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'backend-quiz-output-'));
  mkdirSync(path.join(dir, 'results'), { recursive: true });
  db = path.join(dir, 'manager.db');
  writeFileSync(
    path.join(dir, 'assessment.yaml'),
    'format: 1\nid: out-test\ntitle: Output test\ndomains:\n  - id: alpha\n    count: 3\n  - id: beta\n    questions: [beta-one, beta-two]\npassMark: 60\n',
  );
  resultFile = await takeAssessment({
    assessment: path.join(dir, 'assessment.yaml'),
    banks: SMALL_BANKS,
    db: path.join(dir, 'candidate.db'),
    out: path.join(dir, 'results'),
    total: 5,
    name: 'Ada Full',
    email: 'ada@example.com',
  });
  const imported = await runCli([
    'import',
    resultFile,
    '--banks',
    SMALL_BANKS,
    '--db',
    db,
    '--assessment',
    path.join(dir, 'assessment.yaml'),
  ]);
  expect(imported.code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('standard output on a full disk', () => {
  const cases: { name: string; args: () => string[] }[] = [
    ...['text', 'csv', 'json', 'md', 'html'].map((format) => ({
      name: `report --format ${format}`,
      args: () => ['report', '--format', format, '--db', db, '--banks', SMALL_BANKS],
    })),
    { name: 'history', args: () => ['history', '--db', db] },
    { name: 'history --json', args: () => ['history', '--json', '--db', db] },
    ...['text', 'json', 'junit'].map((format) => ({
      name: `run --format ${format}`,
      args: () => ['run', '--answers', ANSWERS, '--banks', SMALL_BANKS, '--format', format, '--db', db],
    })),
    { name: 'banks', args: () => ['banks', '--banks', SMALL_BANKS] },
    { name: 'banks --json', args: () => ['banks', '--json', '--banks', SMALL_BANKS] },
    { name: 'validate', args: () => ['validate', SMALL_BANKS] },
    { name: 'validate --format json', args: () => ['validate', SMALL_BANKS, '--format', 'json'] },
    { name: 'stats', args: () => ['stats', '--responses', CSV, '--banks', SMALL_BANKS] },
    { name: 'stats --json', args: () => ['stats', '--json', '--db', db, '--banks', SMALL_BANKS] },
    { name: 'calibrate', args: () => ['calibrate', '--responses', CSV, '--json', '--no-save', '--db', db] },
    { name: 'simulate', args: () => ['simulate', '--json', '--candidates', '20', '--db', db] },
    { name: 'compare', args: () => ['compare', 'Ada Full', '--db', db] },
    {
      name: 'verify',
      args: () => ['verify', resultFile, '--banks', SMALL_BANKS, '--db', db],
    },
    { name: 'import', args: () => ['import', resultFile, '--banks', SMALL_BANKS, '--db', db] },
  ];
  it.each(cases)('$name: one clear line and exit 2', async ({ args }) => {
    const result = await toFullDisk(args());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'backend-quiz: cannot write to standard output: no space left on the device (ENOSPC)\n',
    );
  });

  it('a reader that stops early (| head) is still a quiet, clean exit', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [BIN, 'report', '--format', 'csv', '--db', db, '--banks', SMALL_BANKS],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.destroy();
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result).toEqual({ code: 0, stderr: '' });
  });
});

describe('report --out that cannot be written', () => {
  it.each(['csv', 'json', 'md', 'html'])(
    '--format %s: a folder, a missing folder, a full disk',
    async (format) => {
      const base = ['report', '--format', format, '--db', db, '--banks', SMALL_BANKS, '--out'];
      const folder = await runCli([...base, dir]);
      expect(folder.code).toBe(2);
      expect(folder.stderr).toBe(
        `backend-quiz: cannot write ${dir}: it is a folder; give a file name (EISDIR)\n`,
      );
      const missing = path.join(dir, 'nope', `r.${format}`);
      const noFolder = await runCli([...base, missing]);
      expect(noFolder.code).toBe(2);
      expect(noFolder.stderr).toBe(
        `backend-quiz: cannot write ${missing}: the folder does not exist (ENOENT)\n`,
      );
      const full = await runCli([...base, '/dev/full']);
      expect(full.code).toBe(2);
      expect(full.stderr).toContain('cannot write /dev/full: no space left on the device (ENOSPC)');
    },
  );

  it('a file written with --out keeps the exact bytes, escapes included', async () => {
    const out = path.join(dir, 'report.json');
    expect(
      (await runCli(['report', '--format', 'json', '--db', db, '--banks', SMALL_BANKS, '--out', out])).code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ candidates: [{ name: 'Ada Full' }] });
  });
});

describe('Commander errors', () => {
  it.each([['--bogus'], ['history', '--bogus'], ['report', '--format', 'pdf']])(
    '%s starts with backend-quiz: and exits 2',
    async (...args) => {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^backend-quiz: /);
      expect(result.stderr).not.toMatch(/^error:/m);
    },
  );
});

const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const ESCAPES = /\u001b(\[[0-9;?]*[ -/]*[@-~]|[^[])/g;
/** The escape sequences a terminal received that our own interface does not write (colours, cursor moves). */
function foreignEscapes(raw: string): string[] {
  return [...raw.matchAll(ESCAPES)]
    .map((m) => m[0])
    .filter((s) => !/^\u001b\[(?:[0-9;]*[mABCDGHK]|\?25[hl])$/.test(s));
}

describe('terminal escapes from files', () => {
  const HOSTILE = '\u001b]0;owned\u0007\u001b[2J\u009b31m\u202eX\r';

  it('a bank title with a window-title sequence, a screen clear and bidi controls reaches a terminal inert (banks, run)', async () => {
    const banks = path.join(dir, 'hostile-banks');
    mkdirSync(banks, { recursive: true });
    const alpha = readFileSync(path.join(SMALL_BANKS, 'alpha.yaml'), 'utf8').replace(
      /^title: .*$/m,
      `title: ${JSON.stringify(`Alpha ${HOSTILE}`)}`,
    );
    writeFileSync(path.join(banks, 'alpha.yaml'), alpha);
    copyFileSync(path.join(SMALL_BANKS, 'beta.yaml'), path.join(banks, 'beta.yaml'));
    for (const args of [
      ['banks', '--banks', banks],
      ['run', '--answers', ANSWERS, '--banks', banks, '--db', path.join(dir, 'h.db')],
    ]) {
      const s = new PtySession(args);
      await s.wait();
      const raw = s.raw;
      expect(raw).toContain('Alpha');
      expect(foreignEscapes(raw)).toEqual([]);
      expect(raw.replace(/\r\n/g, '\n')).not.toMatch(FORBIDDEN);
    }
  });

  it('a candidate name with a newline and a fake verdict is refused in one line by verify and import', async () => {
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as ResultFile;
    result.candidate.name = HOSTILE_NAME;
    const forged = path.join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify({ ...result, digest: resultDigest(result) }));
    for (const command of ['verify', 'import']) {
      const run = await runCli([command, forged, '--banks', SMALL_BANKS, '--db', db]);
      expect(run.code).toBe(1);
      const lines = run.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^✗ .*forged\.json: .*\(candidate-control\)$/);
      expect(lines.filter((l) => l.startsWith('✓'))).toHaveLength(0);
      expect(run.stdout).not.toContain('\u001b');
    }
  });

  it('a hostile name already in a database never reaches the terminal as it is', async () => {
    // Names are checked on import now; a database written before that can still hold one.
    const forgedDb = path.join(dir, 'forged.db');
    copyFileSync(db, forgedDb);
    const raw = new Database(forgedDb);
    raw.prepare('UPDATE sessions SET candidate_name = ?').run(HOSTILE_NAME);
    raw.close();
    // Exports shown on a terminal lose every escape, colours included; the same export to a file keeps the bytes.
    for (const format of ['md', 'csv', 'text']) {
      const s = new PtySession(['report', '--format', format, '--db', forgedDb, '--banks', SMALL_BANKS]);
      expect((await s.wait()).exitCode).toBe(0);
      expect(s.raw).toContain('Eve');
      // Only our own spinner's cursor codes may show; nothing from the name, not even its colour.
      expect(foreignEscapes(s.raw)).toEqual([]);
      expect(s.raw).not.toContain('\u001b[31m');
    }
    const csv = path.join(dir, 'forged.csv');
    const written = await runCli([
      'report',
      '--format',
      'csv',
      '--db',
      forgedDb,
      '--banks',
      SMALL_BANKS,
      '--out',
      csv,
    ]);
    expect(written.code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('\u001b[31m');
  });
});
