// The built binary reads Moodle's quiz grades export for stats (fractional marks) and calibrate (0/1 only, unless
// --dichotomize), with figures checked against an independent computation.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';
import { EXPECTED_MARKS, independentStatistics, MOODLE_GRADES } from '../helpers/moodle-stats.js';

interface StatsJson {
  attempts: number;
  test: { mean: number; sd: number; alpha: number };
  items: { id: string; n: number; facility: number; discrimination: number; efficiency: number }[];
}

describe('Moodle grades export on the command line', () => {
  it('stats --responses reads it as exported and reports the figures Moodle defines', async () => {
    const db = path.join(tempDir(), 'results.db');
    const run = await runCli(['stats', '--responses', MOODLE_GRADES, '--json', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.stdout) as StatsJson;
    const expected = independentStatistics(EXPECTED_MARKS);
    expect(stats.attempts).toBe(6);
    expect(stats.test.mean).toBeCloseTo(expected.mean, 8);
    expect(stats.test.sd).toBeCloseTo(expected.sd, 8);
    // stats prints alpha as a percentage, like Moodle.
    expect(stats.test.alpha).toBeCloseTo(100 * expected.alpha, 8);
    expect(stats.items.map((i) => [i.id, i.n])).toEqual([
      ['q1', 6],
      ['q2', 6],
      ['q3', 6],
      ['q4', 6],
    ]);
    stats.items.forEach((item, i) => {
      expect(item.facility).toBeCloseTo(expected.items[i]!.facility, 8);
      expect(item.discrimination).toBeCloseTo(expected.items[i]!.discrimination, 8);
      expect(item.efficiency).toBeCloseTo(expected.items[i]!.efficiency, 8);
    });
  });

  it('calibrate refuses fractional marks with one line, and takes them with --dichotomize', async () => {
    const db = path.join(tempDir(), 'results.db');
    const refused = await runCli(['calibrate', '--responses', MOODLE_GRADES, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('calibrate needs 0/1 marks');
    expect(refused.stderr).toContain('--dichotomize <threshold>');

    const run = await runCli([
      'calibrate',
      '--responses',
      MOODLE_GRADES,
      '--dichotomize',
      '0.5',
      '--json',
      '--no-save',
      '--min-responses',
      '1',
      '--db',
      db,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { items: { id: string; n: number }[] };
    expect(result.items.map((i) => [i.id, i.n])).toEqual([
      ['q1', 6],
      ['q2', 6],
      ['q3', 6],
      ['q4', 6],
    ]);
    const bad = await runCli(['calibrate', '--responses', MOODLE_GRADES, '--dichotomize', '2', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must be a mark above 0, at most 1');
  });
});
