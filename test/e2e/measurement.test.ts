// stats, calibrate, simulate and the adaptive quiz on the built binary, with their documented JSON.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';
import { answerQuestion, KEY, PtySession } from '../helpers/pty.js';

const CSV = path.join(FIXTURES, 'responses', 'small.csv');
const cli = (args: string[], db = path.join(tempDir(), 'r.db')) =>
  runCli([...args, '--banks', SMALL_BANKS, '--db', db]);

describe('stats', () => {
  it('--json has the documented shape, percentages 0-100, and flags the negatively discriminating question', async () => {
    const result = await cli(['stats', '--responses', CSV, '--json']);
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout) as {
      attempts: number;
      test: Record<string, number | null>;
      items: {
        id: string;
        facility: number;
        sd: number;
        discrimination: number;
        efficiency: number;
        effectiveWeight: number;
        dubious: boolean;
        randomGuess: number;
      }[];
    };
    expect(stats.attempts).toBe(60);
    expect(Object.keys(stats.test).sort()).toEqual([
      'alpha',
      'errorRatio',
      'kurtosis',
      'mean',
      'median',
      'sd',
      'sem',
      'skewness',
    ]);
    const beta2 = stats.items.find((i) => i.id === 'beta-two')!;
    expect(beta2.discrimination).toBeLessThan(0);
    expect(beta2.dubious).toBe(true);
    expect(stats.items.find((i) => i.id === 'alpha-three')!.randomGuess).toBe(50); // true-false
    for (const item of stats.items) expect(item.facility).toBeGreaterThanOrEqual(0);
    expect(stats.items.reduce((s, i) => s + (i.effectiveWeight ?? 0), 0)).toBeCloseTo(100, 5);
  });

  it('--fail-on-dubious exits 1; a malformed CSV exits 2 with its location', async () => {
    expect((await cli(['stats', '--responses', CSV, '--fail-on-dubious'])).code).toBe(1);
    const bad = await cli(['stats', '--responses', path.join(FIXTURES, 'responses', 'bad.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.csv:3:3');
  });
});

describe('calibrate and simulate', () => {
  it('calibrate --json gives 2PL parameters with standard errors and stores them for adaptive mode', async () => {
    const db = path.join(tempDir(), 'r.db');
    const result = await cli(['calibrate', '--responses', CSV, '--json', '--min-responses', '50'], db);
    expect(result.code).toBe(0);
    const cal = JSON.parse(result.stdout) as CalibrationJson;
    expect(cal.model).toBe('2PL');
    expect(cal).toMatchObject({ estimation: 'mml', prior: null, seMethod: 'full' });
    expect(typeof cal.converged).toBe('boolean');
    expect(cal.logLik).toBeLessThan(0);
    expect(cal.items).toHaveLength(5);
    const beta2 = cal.items.find((i) => i.id === 'beta-two')!;
    expect(beta2).toMatchObject({ n: 54, calibrated: true });
    expect(beta2.a).toBeGreaterThan(0);
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT count(*) AS n FROM item_params').get()).toEqual({ n: 5 });
    conn.close();
    const sim = await cli(['simulate', '--json', '--candidates', '200', '--length', '4', '--seed', '3'], db);
    expect(sim.code).toBe(0);
    const report = JSON.parse(sim.stdout) as {
      calibrated: number;
      fixed: { meanLength: number; rmse: number };
      adaptive: { meanLength: number; rmse: number; correlation: number };
    };
    expect(report.calibrated).toBe(5);
    expect(report.fixed.meanLength).toBe(4);
    expect(report.adaptive.meanLength).toBeLessThanOrEqual(4);
    expect(report.adaptive.rmse).toBeGreaterThan(0);
  });

  it('calibrate --no-save says that nothing was saved, and saves nothing', async () => {
    const db = path.join(tempDir(), 'r.db');
    const result = await cli(['calibrate', '--responses', CSV, '--min-responses', '50', '--no-save'], db);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing was saved (--no-save)');
    expect(result.stdout).not.toContain('Saved the parameters');
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT count(*) AS n FROM item_params').get()).toEqual({ n: 0 });
    conn.close();
  });

  it('calibrate with nothing recorded exits 2 and says what to do', async () => {
    const result = await cli(['calibrate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no responses to calibrate on');
  });
});

/** LSAT7 (test/fixtures/irt/lsat7.json) as a responses CSV, with extra constant columns if asked. */
function lsat7Csv(extra: Record<string, 0 | 1> = {}): { file: string; published: Lsat7Published } {
  const fixture = JSON.parse(readFileSync(path.join(FIXTURES, 'irt', 'lsat7.json'), 'utf8')) as {
    itemIds: string[];
    patterns: Record<string, number>;
    published: Lsat7Published;
  };
  const lines = [[...fixture.itemIds, ...Object.keys(extra)].join(',')];
  for (const [pattern, count] of Object.entries(fixture.patterns))
    for (let i = 0; i < count; i++) lines.push([...pattern, ...Object.values(extra)].join(','));
  const file = path.join(tempDir(), 'lsat7.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, published: fixture.published };
}

interface Lsat7Published {
  logLik: number;
  a: number[];
  b: number[];
  seA: number[];
}

interface CalibrationJson {
  model: string;
  estimation: string;
  prior: { logASd: number; bSd: number } | null;
  logLik: number;
  iterations: number;
  converged: boolean;
  seMethod: string;
  items: {
    id: string;
    a: number;
    b: number;
    seA: number | null;
    seB: number | null;
    n: number;
    calibrated: boolean;
    reason: string | null;
  }[];
}

describe('calibrate against the published LSAT7 estimates', () => {
  it('gives mirt’s 2PL estimates, log-likelihood and standard errors; --prior is Bayes modal', async () => {
    const { file, published } = lsat7Csv();
    const result = await cli(['calibrate', '--responses', file, '--json', '--no-save']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const cal = JSON.parse(result.stdout) as CalibrationJson;
    expect(cal).toMatchObject({ estimation: 'mml', prior: null, converged: true, seMethod: 'full' });
    expect(Math.abs(cal.logLik - published.logLik)).toBeLessThan(0.01);
    cal.items.forEach((item, i) => {
      expect(Math.abs(item.a - published.a[i]!)).toBeLessThan(0.01);
      expect(Math.abs(item.b - published.b[i]!)).toBeLessThan(0.01);
      expect(Math.abs(item.seA! / published.seA[i]! - 1)).toBeLessThan(0.02);
    });
    const text = await cli(['calibrate', '--responses', file, '--no-save']);
    expect(text.stdout).toContain(
      '2PL by marginal maximum likelihood: 1000 attempt(s), log-likelihood -2658.805',
    );
    expect(text.stdout).toContain('standard errors from the full information matrix');
    expect(text.stdout).toMatch(/Item\.3 +1000 +1\.70\d +0\.32\d +-1\.05\d/);

    const modal = JSON.parse(
      (await cli(['calibrate', '--responses', file, '--json', '--no-save', '--prior'])).stdout,
    ) as CalibrationJson;
    expect(modal).toMatchObject({ estimation: 'bayes-modal', prior: { logASd: 1, bSd: 3 } });
    expect(modal.logLik).toBeLessThan(cal.logLik);
  });

  it('leaves an all-correct question out of the fit with a message, and reports a cycle cap honestly', async () => {
    const { file } = lsat7Csv({ everyone: 1 });
    const result = await cli(['calibrate', '--responses', file, '--json', '--no-save']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('everyone: every response is correct, so it has no finite estimate');
    const cal = JSON.parse(result.stdout) as CalibrationJson;
    expect(cal.items.at(-1)).toMatchObject({ id: 'everyone', calibrated: false, reason: 'all-correct' });
    expect(cal.items.at(-1)!.seA).toBeNull();
    const plain = JSON.parse(
      (await cli(['calibrate', '--responses', lsat7Csv().file, '--json', '--no-save'])).stdout,
    ) as CalibrationJson;
    expect(cal.items.slice(0, 5)).toEqual(plain.items);

    const capped = await cli(['calibrate', '--responses', file, '--json', '--no-save', '--max-cycles', '2']);
    expect(capped.code).toBe(0);
    expect(JSON.parse(capped.stdout)).toMatchObject({ iterations: 2, converged: false });
    expect(capped.stderr).toContain('not converged after 2 EM cycle(s)');
  });

  it('shows the EM cycle on a terminal, and nothing but JSON with --json', async () => {
    const { file } = lsat7Csv();
    const db = path.join(tempDir(), 'r.db');
    const shown = new PtySession([
      'calibrate',
      '--responses',
      file,
      '--no-save',
      '--db',
      db,
      '--banks',
      SMALL_BANKS,
    ]);
    expect((await shown.wait()).exitCode).toBe(0);
    expect(shown.text).toMatch(
      /Calibrating 5 questions on 1000 attempts: EM cycle \d+, log-likelihood -26\d\d/,
    );
    const json = new PtySession([
      'calibrate',
      '--responses',
      file,
      '--json',
      '--no-save',
      '--db',
      db,
      '--banks',
      SMALL_BANKS,
    ]);
    expect((await json.wait()).exitCode).toBe(0);
    expect(json.text).not.toContain('EM cycle');
    expect((JSON.parse(json.text) as CalibrationJson).converged).toBe(true);
  });
});

describe('stats on a small sample', () => {
  it('reports questions with too few attempts instead of flagging them, and --fail-on-dubious ignores them', async () => {
    const db = path.join(tempDir(), 'r.db');
    const dir = tempDir();
    const answers = [
      'alpha-one: s404\nalpha-two: [get, head]\nalpha-three: true\nbeta-one: content-type\nbeta-two: rc\n',
      'alpha-one: s500\nalpha-two: [get]\nalpha-three: false\nbeta-one: accept\nbeta-two: rr\n',
      'alpha-one: s404\nalpha-two: [get, head]\nalpha-three: false\nbeta-one: accept\nbeta-two: ru\n',
    ];
    for (const [i, text] of answers.entries()) {
      writeFileSync(path.join(dir, `${i}.yaml`), text);
      expect((await cli(['run', '--answers', path.join(dir, `${i}.yaml`)], db)).code).toBe(0);
    }
    const text = await cli(['stats', '--fail-on-dubious'], db);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/beta-two .* too few attempts/);
    expect(text.stdout).toContain('5 question(s) presented in fewer than 30 attempts');
    expect(text.stdout).not.toContain('options chosen');
    const json = JSON.parse((await cli(['stats', '--json'], db)).stdout) as {
      items: { id: string; dubious: boolean; reasons: string[]; tooFewAttempts: boolean }[];
    };
    expect(json.items.every((i) => i.tooFewAttempts && !i.dubious && i.reasons.length === 0)).toBe(true);
    // With the threshold lowered, beta-two (answered right only by the weakest) is judged and fails the check.
    const judged = await cli(['stats', '--fail-on-dubious', '--min-attempts', '3'], db);
    expect(judged.code).toBe(1);
    expect(judged.stdout).toMatch(/beta-two .* low-efficiency,negative-discrimination/);
    expect(judged.stdout).toContain('beta-two (low-efficiency, negative-discrimination): options chosen');
    // On a terminal the phase shows on a spinner; with --json nothing but the JSON.
    const shown = new PtySession(['stats', '--db', db, '--banks', SMALL_BANKS]);
    expect((await shown.wait()).exitCode).toBe(0);
    expect(shown.text).toContain('Reading attempts');
    const quiet = new PtySession(['stats', '--json', '--db', db, '--banks', SMALL_BANKS]);
    expect((await quiet.wait()).exitCode).toBe(0);
    expect(quiet.text).not.toContain('Reading attempts');
    expect(JSON.parse(quiet.text)).toHaveProperty('attempts', 3);
  });
});

describe('simulate with its defaults', () => {
  it('shows adaptive mode shorter than the fixed quiz at equal precision on the shipped banks', async () => {
    const db = path.join(tempDir(), 'r.db');
    const result = await runCli(['simulate', '--json', '--db', db]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      calibrated: number;
      seTarget: number;
      maxLength: number;
      fixed: { meanLength: number; rmse: number };
      adaptive: { meanLength: number; rmse: number };
      questionsSaved: number;
    };
    expect(report.calibrated).toBe(0);
    expect(report.fixed.meanLength).toBe(20); // quiz's default --count
    expect(report.maxLength).toBe(20);
    // The SE target is the fixed form's own precision, and adaptive mode meets it with fewer questions.
    expect(Math.abs(report.seTarget / report.fixed.rmse - 1)).toBeLessThan(0.05);
    expect(report.adaptive.meanLength).toBeLessThan(18.5);
    expect(report.questionsSaved).toBeGreaterThan(7.5);
    expect(report.adaptive.rmse).toBeLessThan(1.05 * report.fixed.rmse);
    const text = await runCli(['simulate', '--db', db, '--candidates', '200']);
    expect(text.stdout).toMatch(
      /Adaptive mode used \d+\.\d% fewer questions than the fixed form \(\d+\.\d instead of 20\)/,
    );
  }, 120_000);
});

describe('adaptive quiz', () => {
  it('asks at most --count questions, one at a time, and stores θ with its standard error', async () => {
    const db = path.join(tempDir(), 'r.db');
    const s = new PtySession([
      'quiz',
      '--adaptive',
      '--count',
      '4',
      '--db',
      db,
      '--banks',
      SMALL_BANKS,
      '--seed',
      '9',
    ]);
    for (let n = 1; n <= 4; n++) await answerQuestion(s, n, '≤4');

    await s.waitFor('Review the');
    s.write('n' + KEY.enter);
    expect((await s.wait()).exitCode).toBe(0);
    expect(s.text).toMatch(/Ability: θ = -?\d+\.\d\d ± \d\.\d\d/);
    expect(s.text).toMatch(/Scaled score \d+ of 300/);
    const conn = new Database(db, { readonly: true });
    const row = conn.prepare('SELECT status, total, theta, theta_se FROM sessions').get() as {
      status: string;
      total: number;
      theta: number;
      theta_se: number;
    };
    conn.close();
    expect(row).toMatchObject({ status: 'completed', total: 4 });
    expect(row.theta_se).toBeGreaterThan(0);
    expect(row.theta_se).toBeLessThan(1);
  });

  it('stays adaptive when resumed, with the SE target it started with', async () => {
    const db = path.join(tempDir(), 'r.db');
    const args = ['--db', db, '--banks', SMALL_BANKS];
    const first = new PtySession([
      'quiz',
      '--adaptive',
      '--count',
      '4',
      '--se-target',
      '0.01',
      '--seed',
      '9',
      ...args,
    ]);
    await first.waitFor('stops at SE ≤ 0.01');
    await answerQuestion(first, 1, '≤4');
    first.kill('SIGKILL');
    await first.wait();

    const second = new PtySession(['resume', ...args]);
    await second.waitFor('Resuming');
    for (let n = 2; n <= 4; n++) await answerQuestion(second, n, '≤4');
    await second.waitFor('Review the');
    second.write('n' + KEY.enter);
    expect((await second.wait()).exitCode).toBe(0);
    expect(second.text).toMatch(/Ability: θ = -?\d+\.\d\d ± \d\.\d\d/);
  });
});
