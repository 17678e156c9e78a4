// stats, calibrate, simulate and the adaptive quiz on the built binary, with their documented JSON.
import Database from 'better-sqlite3';
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
    const cal = JSON.parse(result.stdout) as {
      model: string;
      logLik: number;
      items: {
        id: string;
        a: number;
        b: number;
        seA: number | null;
        seB: number | null;
        n: number;
        calibrated: boolean;
      }[];
    };
    expect(cal.model).toBe('2PL');
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
});
