// Scores a manager can trust, on the built binary: unique assessment ids, cohorts kept apart by version,
// percentiles over the whole cohort, forged result files (digest recomputed) rejected by rule, and the
// assessment clock running on wall time across a killed process.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parse as parseCsv } from 'csv-parse/sync';
import { loadValidBanksFromYaml } from '../../src/bank/load-banks.js';
import { SLUG } from '../../src/core/bank-schema.js';
import { questionHash, type ResultFile } from '../../src/core/result-file.js';
import { runCli } from '../helpers/cli.js';
import { SMALL_BANKS } from '../helpers/fixtures.js';
import { answerFor, forgeResult } from '../helpers/forge.js';
import { answerQuestion, KEY, PtySession } from '../helpers/pty.js';
import { takeAssessment } from '../helpers/take.js';

const questions = new Map(
  loadValidBanksFromYaml([SMALL_BANKS], SMALL_BANKS).flatMap((b) =>
    b.questions.map((q) => [q.id, q] as const),
  ),
);

// Two versions of one assessment id: the second was edited after the first was sent (other questions, pass mark).
const VERSION_A =
  'format: 1\nid: trust-test\ntitle: Trust\ndomains:\n  - id: alpha\n    count: 2\n  - id: beta\n    questions: [beta-two]\ntimeLimit: 10\npassMark: 60\n';
const VERSION_B =
  'format: 1\nid: trust-test\ntitle: Trust\ndomains:\n  - id: alpha\n    questions: [alpha-one, alpha-two, alpha-three]\ntimeLimit: 10\npassMark: 50\n';
const label = (text: string) => `trust-test@${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;

let dir: string;
let fileA: string;
let fileB: string;
const candidateDb = () => path.join(dir, 'candidates.db');
const managerDb = () => path.join(dir, 'manager.db');
const cli = (args: string[]) => runCli([...args, '--banks', SMALL_BANKS, '--db', managerDb()]);
const assessmentArgs = () => ['--assessment', path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml')];
const readResult = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ResultFile;
const writeResult = (name: string, r: ResultFile) => {
  const file = path.join(dir, 'forged', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(r));
  return file;
};

interface JsonRow {
  email: string;
  assessment: string;
  cohort: string;
  score: number;
  percentile: number;
  passMark: number | null;
  passed: boolean | null;
}
interface JsonReport {
  generatedAt: string;
  candidates: JsonRow[];
  exposure: { id: string; seen: number }[];
}
const report = async (args: string[] = []) => {
  const out = await cli(['report', '--format', 'json', ...args]);
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout) as JsonReport;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'backend-quiz-trust-'));
  writeFileSync(path.join(dir, 'a.yaml'), VERSION_A);
  writeFileSync(path.join(dir, 'b.yaml'), VERSION_B);
  for (const [name, file] of [
    ['a', 'a.yaml'],
    ['b', 'b.yaml'],
  ] as const) {
    const out = path.join(dir, `results-${name}`);
    mkdirSync(out);
    const taken = await takeAssessment({
      assessment: path.join(dir, file),
      banks: SMALL_BANKS,
      db: candidateDb(),
      out,
      total: 3,
      name: name === 'a' ? 'Ada' : 'Bob',
      email: `${name === 'a' ? 'ada' : 'bob'}@example.com`,
    });
    if (name === 'a') fileA = taken;
    else fileB = taken;
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('assessment identity', () => {
  it('two assessments written the same day get different, readable ids (never the bare date)', async () => {
    const ids: string[] = [];
    for (const name of ['one.yaml', 'two.yaml']) {
      const out = await runCli(['assessment', 'init', '-o', name, '--banks', SMALL_BANKS], { cwd: dir });
      expect(out.code).toBe(0);
      ids.push((parseYaml(readFileSync(path.join(dir, name), 'utf8')) as { id: string }).id);
    }
    expect(ids[0]).not.toBe(ids[1]);
    for (const id of ids) {
      expect(id).toMatch(SLUG);
      expect(id).toMatch(/^backend-developer-assessment-[a-z0-9]{6,7}$/);
    }
  });

  it('a result of an assessment the manager never registered is rejected with one line naming --assessment', async () => {
    const db = path.join(dir, 'fresh.db');
    const out = await runCli(['import', fileA, '--banks', SMALL_BANKS, '--db', db]);
    expect(out.code).toBe(1);
    const line = out.stdout.split('\n').find((l) => l.includes('✗'))!;
    expect(line).toContain('is not registered: pass the assessment file you sent with --assessment <file>');
    expect(line).toContain('(unknown-assessment)');
    expect(JSON.parse((await runCli(['history', '--json', '--db', db])).stdout)).toEqual([]);
  });
});

describe('cohorts and percentiles', () => {
  // Four candidates of version A with 0 to 3 correct answers: distinct scores, so every percentile differs.
  const variants = () =>
    [0, 1, 2, 3].map((k) =>
      writeResult(
        `a-${k}.json`,
        forgeResult(readResult(fileA), questions, (r) => {
          r.candidate = { name: `Candidate ${k}`, email: `c${k}@example.com` };
          r.session.id = `abcd000${k}`;
          r.transcript.forEach((t, i) => (t.chosen = answerFor(questions.get(t.id)!, i < k)));
        }),
      ),
    );

  it('imports both versions side by side, each in its own cohort with its own pass mark', async () => {
    const files = variants();
    const out = await cli(['import', ...files, fileB, ...assessmentArgs()]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Registered assessment trust-test (version');
    expect(out.stdout).toContain('5 imported, 0 already imported, 0 rejected');
    const rows = (await report()).candidates;
    const a = rows.filter((r) => r.cohort === label(VERSION_A));
    const b = rows.filter((r) => r.cohort === label(VERSION_B));
    expect(a).toHaveLength(4);
    expect(b).toHaveLength(1);
    expect(rows.every((r) => r.assessment === 'trust-test')).toBe(true);
    // Within A: mid-rank percentiles of four distinct scores. Mixed with B, they would shift.
    expect(a.map((r) => r.percentile).sort((x, y) => x - y)).toEqual([12.5, 37.5, 62.5, 87.5]);
    expect(b[0]!.percentile).toBe(50);
    expect(new Set(a.map((r) => r.passMark))).toEqual(new Set([60]));
    expect(b[0]!.passMark).toBe(50);
  });

  it('a filtered report keeps every percentile, in every format and in compare', async () => {
    const all = (await report()).candidates;
    for (const who of ['c1@example.com', 'c2@example.com', 'bob@example.com']) {
      const expected = all.find((r) => r.email === who)!.percentile;
      const json = (await report(['--candidate', who])).candidates;
      expect(json).toHaveLength(1);
      expect(json[0]!.percentile).toBe(expected);
      const csv: Record<string, string>[] = parseCsv(
        (await cli(['report', '--format', 'csv', '--candidate', who])).stdout,
        { bom: true, columns: true },
      );
      expect(Number(csv[0]!.percentile)).toBe(expected);
      const md = (await cli(['report', '--format', 'md', '--candidate', who])).stdout;
      expect(md).toContain(` ${expected.toFixed(1)} |`);
      const since = (await report(['--since', '2100-01-01'])).candidates;
      expect(since).toHaveLength(0);
    }
    const compare = await runCli(['compare', 'c2@example.com', '--db', managerDb()]);
    expect(compare.code).toBe(0);
    const expected = all.find((r) => r.email === 'c2@example.com')!.percentile;
    expect(compare.stdout).toMatch(new RegExp(`percentile\\s+${expected.toFixed(0)}\\b`));
    expect(compare.stdout).toContain(label(VERSION_A));
  });

  it('stats and the reports count how many candidates have seen each question', async () => {
    const json = await report();
    const seen = Object.fromEntries(json.exposure.map((x) => [x.id, x.seen]));
    // beta-two is in every version-A form (4 candidates); B asks only alpha questions.
    expect(seen['beta-two']).toBe(4);
    expect(seen['alpha-one']).toBeGreaterThanOrEqual(1);
    const stats = JSON.parse((await cli(['stats', '--json'])).stdout) as {
      items: { id: string; n: number; seen: number }[];
    };
    const beta = stats.items.find((i) => i.id === 'beta-two')!;
    expect(beta.seen).toBe(4);
    const text = await cli(['report']);
    expect(text.stdout).toMatch(
      /Exposure: \d+ question\(s\) seen; most seen \(candidates\): .*beta-two \(4\)/,
    );
    const md = (await cli(['report', '--format', 'md'])).stdout;
    expect(md).toContain('| beta-two | 4 |');
  });
});

describe('forged result files (digest recomputed)', () => {
  const snapshot = async () => {
    const stats = await cli(['stats', '--json']);
    const calibrate = await cli(['calibrate', '--json', '--no-save']);
    const text = await cli(['report']);
    const json = await report();
    expect([stats.code, calibrate.code, text.code]).toEqual([0, 0, 0]);
    return { stats: stats.stdout, calibrate: calibrate.stdout, text: text.stdout, json: json.candidates };
  };

  const cases: { name: string; rule: string; edit: (r: ResultFile) => void }[] = [
    { name: 'pass mark lowered to 0', rule: 'pass-mark', edit: (r) => (r.assessment.passMark = 0) },
    { name: 'time limit removed', rule: 'time-limit', edit: (r) => (r.session.timeLimitMinutes = null) },
    {
      name: 'a transcript of one correct question',
      rule: 'domain-count',
      edit: (r) => {
        r.transcript = r.transcript.slice(0, 1);
        r.transcript[0]!.chosen = answerFor(questions.get(r.transcript[0]!.id)!, true);
      },
    },
    {
      name: 'the same question 40 times',
      rule: 'duplicate-question',
      edit: (r) => {
        const t = r.transcript[0]!;
        t.chosen = answerFor(questions.get(t.id)!, true);
        r.transcript = Array.from({ length: 40 }, () => ({ ...t }));
      },
    },
    {
      name: 'a question outside the pool',
      rule: 'outside-pool',
      edit: (r) => {
        const q = questions.get('beta-one')!;
        r.transcript = r.transcript.map((t) =>
          t.id === 'beta-two'
            ? {
                ...t,
                id: q.id,
                difficulty: q.difficulty,
                contentHash: questionHash(q),
                shown: [],
                chosen: answerFor(q, true),
              }
            : t,
        );
      },
    },
    {
      name: 'seconds per question beyond the elapsed time',
      rule: 'times',
      edit: (r) => r.transcript.forEach((t) => (t.seconds = 5000)),
    },
    {
      name: 'finished before it started',
      rule: 'times',
      edit: (r) =>
        ([r.session.startedAt, r.session.finishedAt] = [r.session.finishedAt, r.session.startedAt]),
    },
    {
      name: 'three hours on a ten-minute assessment',
      rule: 'time-limit-exceeded',
      edit: (r) => {
        r.session.startedAt = new Date(Date.parse(r.session.finishedAt) - 3 * 3600_000).toISOString();
        r.session.elapsedSeconds = 3 * 3600;
      },
    },
    {
      name: 'a 15 MB name',
      rule: 'candidate-length',
      edit: (r) => (r.candidate.name = 'A'.repeat(15 * 1024 * 1024)),
    },
    {
      name: 'a name with newlines',
      rule: 'candidate-control',
      edit: (r) => (r.candidate.name = 'Ada\nLovelace\r\n✓ fake line'),
    },
  ];

  it('each is rejected with its rule, and stats, calibrate and report are unaffected', async () => {
    const before = await snapshot();
    const files = cases.map((c, i) =>
      writeResult(
        `forged-${i}.json`,
        forgeResult(readResult(fileA), questions, (r) => {
          r.session.id = `f0f0f0${String(i).padStart(2, '0')}`;
          c.edit(r);
        }),
      ),
    );
    const out = await cli(['import', ...files]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`0 imported, 0 already imported, ${cases.length} rejected`);
    // One line per file: the 15 MB name is never echoed.
    expect(out.stdout.length).toBeLessThan(20_000);
    const lines = out.stdout.split('\n');
    cases.forEach((c, i) => {
      const line = lines.find((l) => l.includes(`forged-${i}.json`));
      expect(line, c.name).toContain(`(${c.rule})`);
    });
    const after = await snapshot();
    expect(after).toEqual(before);
  }, 60_000);
});

describe('the assessment clock is wall time', () => {
  it('a session killed mid-way has lost the time that passed when resumed, and expires once it is over', async () => {
    const limitSeconds = 24;
    const file = path.join(dir, 'timed.yaml');
    writeFileSync(
      file,
      `format: 1\nid: timed-test\ntitle: Timed\ndomains:\n  - id: alpha\n    questions: [alpha-one, alpha-two, alpha-three]\ntimeLimit: ${limitSeconds / 60}\n`,
    );
    const out = path.join(dir, 'timed-results');
    mkdirSync(out);
    const db = path.join(dir, 'timed.db');
    const spawnedAt = Date.now();
    const take = new PtySession(['take', file, '--banks', SMALL_BANKS, '--db', db, '--out', out]);
    await take.waitFor('Your name');
    take.write('Tim' + KEY.enter);
    await take.waitFor('Your email');
    take.write('tim@example.com' + KEY.enter);
    const session = /Session ([0-9a-f]+)/.exec(await take.waitFor(/Session [0-9a-f]+/))![1]!;
    await answerQuestion(take, 1, 3);
    take.kill('SIGKILL');
    await take.wait();
    const killedAt = Date.now();

    await new Promise((r) => setTimeout(r, 4000));
    const resumedAt = Date.now();
    const resume = new PtySession(['resume', session, '--db', db]);
    const shown = await resume.waitFor(/Resuming \S+ at question 2\/3 · (\d+):(\d\d) left/);
    const [, m, s] = /(\d+):(\d\d) left/.exec(shown)!;
    const left = Number(m) * 60 + Number(s);
    // At least the time the program was closed is gone; a clock that stops while closed would show more.
    expect(left).toBeLessThanOrEqual(limitSeconds - (resumedAt - killedAt) / 1000);
    // The banner also reads "2/3 ·"; wait for the question itself, ready for keys.
    await resume.waitFor(/2\/3 · alpha[\s\S]*(navigate|\n.*\S)/);
    resume.write(KEY.ctrlC);
    expect((await resume.wait()).exitCode).toBe(130);

    // Past the limit (counted from before the session started): the next resume ends it as expired.
    const wait = limitSeconds * 1000 + 1000 - (Date.now() - spawnedAt);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const last = new PtySession(['resume', session, '--db', db]);
    await last.waitFor('Time is up.');
    await last.waitFor('Result written to');
    expect((await last.wait()).exitCode).toBe(0);
    const [written] = readdirSync(out);
    const result = readResult(path.join(out, written!));
    expect(result.session.status).toBe('expired');
    expect(result.transcript.filter((t) => t.chosen !== null)).toHaveLength(1);
    // The session ended when its time did, not when it was resumed, so the manager's time checks accept it.
    const wall = (Date.parse(result.session.finishedAt) - Date.parse(result.session.startedAt)) / 1000;
    expect(wall).toBeLessThanOrEqual(limitSeconds);
    const imported = await runCli([
      'import',
      path.join(out, written!),
      '--assessment',
      file,
      '--banks',
      SMALL_BANKS,
      '--db',
      path.join(dir, 'timed-manager.db'),
    ]);
    expect(imported.stdout).toContain('1 imported');
  }, 90_000);
});
