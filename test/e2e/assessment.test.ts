// The hiring-manager round trip on the built binary: take (pty) -> result files -> import -> reports,
// tampered files caught, hostile names inert in CSV and HTML, the HTML report opened in headless Chromium.
import { parse as parseCsv } from 'csv-parse/sync';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/ui/text.js';
import { resultDigest, type ResultFile } from '../../src/core/result-file.js';
import { chromiumLaunchOptions, launchChromium } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { SMALL_BANKS } from '../helpers/fixtures.js';
import { PtySession } from '../helpers/pty.js';
import { takeAssessment } from '../helpers/take.js';

const CANDIDATES = [
  { name: 'Zoë Lovelace', email: 'ada@example.com' },
  { name: '<img src=x onerror=alert(1)>', email: 'xss@example.com' },
  { name: '=HYPERLINK("x")', email: 'csv@example.com' },
];

/** Options per question in the small fixture banks: text questions have none, true/false two. */
const OPTION_COUNTS: Record<string, number> = {
  'alpha-one': 3,
  'alpha-two': 3,
  'alpha-three': 2,
  'beta-one': 0,
  'beta-two': 3,
};

let dir: string;
let results: string[];
const candidateDb = () => path.join(dir, 'candidates.db');
const managerDb = () => path.join(dir, 'manager.db');
const cli = (args: string[]) => runCli([...args, '--banks', SMALL_BANKS, '--db', managerDb()]);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'backend-quiz-assessment-'));
  mkdirSync(path.join(dir, 'results'));
  writeFileSync(
    path.join(dir, 'assessment.yaml'),
    'format: 1\nid: small-test\ntitle: Small test\ndomains:\n  - id: alpha\n    count: 3\n  - id: beta\n    questions: [beta-one, beta-two]\npassMark: 60\nseedPolicy: per-candidate\n',
  );
  results = [];
  for (const c of CANDIDATES)
    results.push(
      await takeAssessment({
        assessment: path.join(dir, 'assessment.yaml'),
        banks: SMALL_BANKS,
        db: candidateDb(),
        out: path.join(dir, 'results'),
        total: 5,
        ...c,
      }),
    );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readResult = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ResultFile;

describe('assessment round trip', () => {
  it('writes result files with the transcript, bank hashes and a digest of the content', () => {
    const r = readResult(results[0]!);
    expect(r.assessment.id).toBe('small-test');
    expect(r.candidate).toEqual(CANDIDATES[0]);
    expect(r.transcript).toHaveLength(5);
    // Every question carries the options in the order shown (none for text questions), the answer and the time.
    for (const t of r.transcript) {
      expect(t.shown).toHaveLength(OPTION_COUNTS[t.id]!);
      expect(Array.isArray(t.chosen)).toBe(true);
      expect(typeof t.seconds).toBe('number');
    }
    expect(r.banks.map((b) => b.domain).sort()).toEqual(['alpha', 'beta']);
    expect(r.digest).toBe(resultDigest(r));
  });

  it('imports once; the same files again add nothing', async () => {
    const first = await cli([
      'import',
      path.join(dir, 'results'),
      '--assessment',
      path.join(dir, 'assessment.yaml'),
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('3 imported, 0 already imported, 0 rejected');
    const again = await cli(['import', ...results]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 imported, 3 already imported, 0 rejected');
    const report = await cli(['report', '--format', 'json']);
    const json = JSON.parse(report.stdout) as {
      candidates: { name: string; score: number; percentile: number; passed: boolean }[];
    };
    expect(json.candidates).toHaveLength(3);
    for (const [i, c] of CANDIDATES.entries()) {
      const row = json.candidates.find((x) => x.name === c.name)!;
      expect(row.score).toBe(readResult(results[i]!).score!.percent);
      expect(row.passed).toBe(row.score >= 60);
    }
  });

  it('CSV parses back with a real parser; formula cells are neutralized; accented names survive (BOM)', async () => {
    const csv = await cli(['report', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\ufeff')).toBe(true);
    const rows: Record<string, string>[] = parseCsv(csv.stdout, { bom: true, columns: true });
    expect(rows).toHaveLength(3);
    const names = rows.map((r) => r.candidate);
    expect(names).toContain(`'=HYPERLINK("x")`);
    expect(names).toContain('<img src=x onerror=alert(1)>');
    expect(names).toContain('Zoë Lovelace');
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['score', 'passed', 'percentile', 'domain_alpha', 'domain_beta', 'signals']),
    );
  });

  it('the HTML report opens in headless Chromium without errors, with its charts and inert names', async () => {
    const file = path.join(dir, 'report.html');
    const out = await cli(['report', '--format', 'html', '--out', file]);
    expect(out.code).toBe(0);
    // Whichever Chromium the helper finds: a system one if installed, else the one from npm.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const dialogs: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('request', (r) => !r.url().startsWith('file:') && requests.push(r.url()));
      await page.goto(`file://${file}`);
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      // A histogram per assessment (SVG), the per-domain table and a profile per candidate (HTML and CSS).
      expect(await page.locator('svg.chart').count()).toBe(1);
      expect(await page.locator('table.heatmap tbody tr').count()).toBe(CANDIDATES.length);
      expect(await page.locator('.profile .bars').count()).toBe(CANDIDATES.length);
      expect(await page.locator('svg[aria-label="Score distribution"] line[stroke-dasharray]').count()).toBe(
        1,
      );
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('body').innerText()).toContain('<img src=x onerror=alert(1)>');
    } finally {
      await browser.close();
    }
  });

  it('the Chromium from npm launches on its own, with no system browser (CHROMIUM_PATH=npm)', async () => {
    // CHROMIUM_PATH=npm makes the helper ignore /usr/bin/chromium, as on a machine that never installed one.
    const options = await chromiumLaunchOptions({ CHROMIUM_PATH: 'npm' });
    expect(options.source).toBe('npm');
    expect(options.args).not.toContain('--disable-web-security');
    const browser = await launchChromium({ CHROMIUM_PATH: 'npm' });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${path.join(dir, 'report.html')}`);
      expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(1);
    } finally {
      await browser.close();
    }
  });

  it('report --candidate shows strengths and gaps; compare puts candidates side by side', async () => {
    const one = await cli(['report', '--candidate', 'ada@example.com']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/Strengths[\s\S]*Gaps/);
    // Subtopics by title with their domain's title, counts lined up in one column; never domain/tag ids.
    const section = one.stdout.slice(one.stdout.indexOf('Strengths'), one.stdout.indexOf('Answers'));
    // Which subtopics land in either list depends on the draw; the layout is pinned in test/commands/hiring.
    const counts = section.split('\n').filter((l) => /\d+\/\d+$/.test(l));
    for (const line of counts) expect(line).toMatch(/^ {2}\S.* \(.+\) +\d+\/\d+$/);
    expect(new Set(counts.map((l) => displayWidth(l.replace(/\d+\/\d+$/, '')))).size).toBeLessThanOrEqual(1);
    expect(section).not.toMatch(/^ {2}[a-z0-9-]+\/[a-z0-9-]+ /m);
    const cmp = await runCli(['compare', 'ada@example.com', 'csv@example.com', '--db', managerDb()]);
    expect(cmp.code).toBe(0);
    expect(cmp.stdout).toMatch(/domain\s+Zoë Lovelace\s+=HYPERLINK/);
    expect(cmp.stdout).toMatch(/overall/);
    const none = await runCli(['compare', 'nobody', '--db', managerDb()]);
    expect(none.code).toBe(2);
  });
});

describe('report outputs', () => {
  it('--out writes the text format to the file, not to standard output', async () => {
    const file = path.join(dir, 'r.txt');
    const out = await cli(['report', '--out', file]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^candidate\s+assessment\s+score/);
    expect(text).toContain('Zoë Lovelace');
    expect(text).not.toContain('\u001b[');
  });

  it.each([
    { file: 'r.html', check: (t: string) => expect(t).toMatch(/^<!doctype html>/i) },
    { file: 'r.csv', check: (t: string) => expect(t.startsWith('\ufeffcandidate,')).toBe(true) },
    { file: 'r.json', check: (t: string) => expect(JSON.parse(t)).toHaveProperty('candidates') },
    { file: 'r.md', check: (t: string) => expect(t).toMatch(/^\| Candidate \| Assessment/m) },
    { file: 'R.HTM', check: (t: string) => expect(t).toMatch(/^<!doctype html>/i) },
  ])('--out $file without --format writes the format its extension names', async ({ file, check }) => {
    const target = path.join(dir, file);
    const out = await cli(['report', '--out', target]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    check(readFileSync(target, 'utf8'));
  });

  it('--out with an extension that names no format is refused (exit 2) and writes nothing', async () => {
    const target = path.join(dir, 'r.pdf');
    const out = await cli(['report', '--out', target]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('pass --format');
    expect(existsSync(target)).toBe(false);
  });

  it('--json is --format json; combined with another --format it is a usage error', async () => {
    const strip = (t: string) => ({ ...(JSON.parse(t) as object), generatedAt: null });
    const a = await cli(['report', '--json']);
    const b = await cli(['report', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    const both = await cli(['report', '--json', '--format', 'csv']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json means --format json');
  });

  it('the text table shows minutes with one decimal under 10 minutes; --candidate names domains by title', async () => {
    const out = await cli(['report', '--candidate', 'ada@example.com']);
    expect(out.code).toBe(0);
    const row = out.stdout.split('\n').find((l) => l.startsWith('Zoë Lovelace'))!;
    // candidate, assessment, score, result, pctile, min: the quiz took seconds, so "0.0".."0.9", never "0" or "1".
    expect(row.split(/\s{2,}/)[5]).toMatch(/^0\.\d$/);
    const byDomain = out.stdout.slice(out.stdout.indexOf('By domain'));
    expect(byDomain).toMatch(/\n {2}Alpha\s+.*%/);
    expect(byDomain).toMatch(/\n {2}Beta\s+.*%/);
    expect(byDomain).not.toMatch(/\n {2}alpha\s/);
  });
});

describe('--json on compare, verify and import', () => {
  it('compare --json: domains and each candidate with per-domain percentages', async () => {
    const out = await runCli([
      'compare',
      'ada@example.com',
      'csv@example.com',
      '--json',
      '--db',
      managerDb(),
    ]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as {
      domains: string[];
      candidates: {
        name: string;
        email: string;
        sessionId: string;
        assessment: string;
        score: number;
        domains: Record<string, number | null>;
      }[];
    };
    expect(json.domains).toEqual(['alpha', 'beta']);
    expect(json.candidates.map((c) => c.email)).toEqual(['ada@example.com', 'csv@example.com']);
    for (const [i, c] of json.candidates.entries()) {
      const file = readResult(results[i === 0 ? 0 : 2]!);
      expect(c).toMatchObject({
        name: file.candidate.name,
        assessment: 'small-test',
        sessionId: file.session.id,
      });
      expect(c.score).toBe(file.score!.percent);
      expect(Object.keys(c.domains)).toEqual(['alpha', 'beta']);
    }
  });

  it('verify --json: one entry per file with the re-graded score, and the problems of a rejected file', async () => {
    const bad = path.join(dir, 'not-a-result.json');
    writeFileSync(bad, '{"hello": "world"}');
    const out = await cli(['verify', results[0]!, bad, '--json']);
    expect(out.code).toBe(1);
    const json = JSON.parse(out.stdout) as {
      files: {
        file: string;
        ok: boolean;
        candidate: unknown;
        score: number | null;
        passed: boolean | null;
        problems: string[];
      }[];
      verified: number;
      rejected: number;
    };
    expect(json).toMatchObject({ verified: 1, rejected: 1 });
    expect(json.files[0]).toMatchObject({
      ok: true,
      candidate: CANDIDATES[0],
      assessment: 'small-test',
      problems: [],
    });
    expect(json.files[0]!.score).toBe(readResult(results[0]!).score!.percent);
    expect(json.files[1]).toMatchObject({ ok: false, candidate: null, score: null, passed: null });
    expect(json.files[1]!.problems[0]).toContain('not a valid result file');
  });

  it('import --json: the outcome of each file and the counts; nothing but JSON on standard output', async () => {
    const out = await cli(['import', path.join(dir, 'results'), '--json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as {
      files: { outcome: string; ok: boolean }[];
      imported: number;
      duplicates: number;
      rejected: number;
    };
    expect(json).toMatchObject({ imported: 0, duplicates: 3, rejected: 0 });
    expect(json.files.map((f) => f.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('a spinner shows on a terminal (standard error) while a report is read, never in piped output', async () => {
    const target = path.join(dir, 'spun.csv');
    const session = new PtySession(['report', '--out', target, '--banks', SMALL_BANKS, '--db', managerDb()]);
    expect((await session.wait()).exitCode).toBe(0);
    expect(session.text).toContain('Reading candidate sessions');
    expect(readFileSync(target, 'utf8')).not.toContain('Reading candidate sessions');
    const piped = await cli(['report', '--json']);
    expect(piped.stderr).not.toContain('Reading candidate sessions');
    expect(() => JSON.parse(piped.stdout) as unknown).not.toThrow();
  });
});

describe('tampered result files', () => {
  const tampered = (name: string, edit: (text: string) => string) => {
    const file = path.join(dir, 'tampered', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, edit(readFileSync(results[0]!, 'utf8')));
    return file;
  };

  it.each([
    {
      name: 'edited score, digest recomputed',
      edit: (t: string) => {
        const r = JSON.parse(t) as ResultFile;
        r.score!.percent = 100;
        r.score!.correct = r.score!.total;
        r.score!.passed = true;
        return JSON.stringify({ ...r, digest: resultDigest(r) });
      },
      message: 'does not match the re-graded score',
    },
    {
      name: 'edited answer',
      edit: (t: string) => {
        const r = JSON.parse(t) as ResultFile;
        r.transcript[0]!.chosen = r.transcript[0]!.shown.slice(0, 1);
        r.transcript[0]!.correct = !r.transcript[0]!.correct;
        return JSON.stringify(r);
      },
      message: 'the digest does not match the content',
    },
    {
      name: 'marks swapped, totals kept, digest recomputed',
      edit: (t: string) => {
        const r = JSON.parse(t) as ResultFile;
        const right = r.transcript.find((q) => q.correct === true)!;
        const wrong = r.transcript.find((q) => q.correct === false)!;
        right.correct = false;
        wrong.correct = true;
        return JSON.stringify({ ...r, digest: resultDigest(r) });
      },
      // The totals agree, so the message names the questions that differ, not two identical scores.
      message: 'question marks in the file differ from the re-grade',
      not: 'does not match the re-graded score',
    },
    { name: 'truncated JSON', edit: (t: string) => t.slice(0, t.length / 2), message: 'not valid JSON' },
    { name: 'not a result file', edit: () => '{"hello": "world"}', message: 'not a valid result file' },
  ])(
    '$name is rejected by verify and import, and nothing is imported',
    async ({ name, edit, message, not }) => {
      const file = tampered(`${name.replace(/\W+/g, '-')}.json`, edit);
      const verify = await cli(['verify', file]);
      expect(verify.code).toBe(1);
      expect(verify.stdout).toContain(message);
      if (not) expect(verify.stdout).not.toContain(not);
      const before = JSON.parse((await cli(['report', '--format', 'json'])).stdout) as {
        candidates: unknown[];
      };
      const imported = await cli(['import', file]);
      expect(imported.code).toBe(1);
      expect(imported.stdout).toContain('0 imported, 0 already imported, 1 rejected');
      const after = JSON.parse((await cli(['report', '--format', 'json'])).stdout) as {
        candidates: unknown[];
      };
      expect(after.candidates).toHaveLength(before.candidates.length);
    },
  );

  it('a question changed since the assessment was sent is reported, not re-graded', async () => {
    const banks = path.join(dir, 'changed-banks');
    cpSync(SMALL_BANKS, banks, { recursive: true });
    const file = path.join(banks, 'beta.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'Which isolation level prevents',
        'Which isolation level still prevents',
      ),
    );
    const assessment = ['--assessment', path.join(dir, 'assessment.yaml')];
    const verify = await runCli([
      'verify',
      results[0]!,
      '--banks',
      banks,
      '--db',
      path.join(dir, 'changed-verify.db'),
      ...assessment,
    ]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('beta-two changed since the assessment was sent');
    const dbFile = path.join(dir, 'changed.db');
    const imported = await runCli(['import', results[0]!, '--banks', banks, '--db', dbFile, ...assessment]);
    expect(imported.code).toBe(1);
    const history = await runCli(['history', '--json', '--db', dbFile]);
    expect(JSON.parse(history.stdout)).toEqual([]);
  });

  it('verify passes untouched files and stores nothing', async () => {
    const dbFile = path.join(dir, 'verify-only.db');
    const verify = await runCli([
      'verify',
      ...results,
      '--banks',
      SMALL_BANKS,
      '--db',
      dbFile,
      '--assessment',
      path.join(dir, 'assessment.yaml'),
    ]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('3 of 3 file(s) verified');
    expect(JSON.parse((await runCli(['history', '--json', '--db', dbFile])).stdout)).toEqual([]);
  });
});

describe('adaptive assessment', () => {
  it('runs adaptively, writes a result file that verifies, and imports and reports like any other', async () => {
    const file = path.join(dir, 'adaptive.yaml');
    writeFileSync(
      file,
      'format: 1\nid: adaptive-test\ntitle: Adaptive\ndomains:\n  - id: alpha\n    count: 2\n  - id: beta\n    count: 2\nadaptive: true\nseTarget: 0.05\n',
    );
    const out = path.join(dir, 'adaptive-results');
    mkdirSync(out);
    const result = await takeAssessment({
      assessment: file,
      banks: SMALL_BANKS,
      db: candidateDb(),
      out,
      total: 4,
      adaptive: true,
      name: 'Ada',
      email: 'ada2@example.com',
    });
    const r = readResult(result);
    expect(r.transcript).toHaveLength(4);
    expect(r.transcript.filter((t) => t.domain === 'alpha')).toHaveLength(2);
    const imported = await cli(['import', result, '--assessment', file]);
    expect(imported.code).toBe(0);
    const report = JSON.parse(
      (await cli(['report', '--format', 'json', '--assessment', 'adaptive-test'])).stdout,
    ) as { candidates: { score: number }[] };
    expect(report.candidates).toHaveLength(1);
    expect(report.candidates[0]!.score).toBe(r.score!.percent);
  });
});
