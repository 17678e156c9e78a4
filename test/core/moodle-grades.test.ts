// Moodle's quiz grades export read as it is, and item statistics on its fractional marks checked against the
// definitions computed here independently (plain two-pass means, variances and covariances).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMoodleGrades, parseMoodleGrades } from '../../src/core/moodle-grades.js';
import { dichotomize, firstFractional, itemStatistics, toSparse } from '../../src/core/statistics.js';
import { EXPECTED_MARKS, independentStatistics, MOODLE_GRADES } from '../helpers/moodle-stats.js';

describe("Moodle's quiz grades export", () => {
  const text = readFileSync(MOODLE_GRADES, 'utf8');

  it('is recognised by its "Q. n /max" columns', () => {
    expect(isMoodleGrades(['Last name', 'Grade/10.00', 'Q. 1 /1.00'])).toBe(true);
    expect(isMoodleGrades(['q1', 'q2'])).toBe(false);
  });

  it('reads finished first attempts as marks 0..1, skipping the unfinished one, a second attempt and the footer', () => {
    const parsed = parseMoodleGrades(text);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.itemIds).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(parsed.rows).toEqual(EXPECTED_MARKS);
    expect(parsed.ignored.map((i) => [i.line, i.reason])).toEqual([
      [8, 'attempt "In progress", not finished'],
      [9, 'a later attempt of sara@example.org'],
      [10, 'the overall-average footer'],
    ]);
  });

  it('"-" is a question without a mark; a mark above the maximum is located', () => {
    const header = '"Email address","State","Q. 1 /1.00","Q. 2 /2.00"\n';
    expect(parseMoodleGrades(`${header}a@x,Finished,-,1.50\n`)).toMatchObject({ rows: [[null, 0.75]] });
    expect(parseMoodleGrades(`${header}a@x,Finished,1.00,2.50\n`)).toMatchObject({
      line: 2,
      column: 19,
      error: expect.stringContaining('invalid mark "2.50" for question q2') as string,
    });
  });

  it('item statistics on the fractional marks match the definitions computed independently', () => {
    const parsed = parseMoodleGrades(text);
    if ('error' in parsed) throw new Error(parsed.error);
    const stats = itemStatistics(toSparse(parsed));
    const expected = independentStatistics(EXPECTED_MARKS);
    expect(stats.attempts).toBe(6);
    expect(stats.test.mean).toBeCloseTo(expected.mean, 10);
    expect(stats.test.sd).toBeCloseTo(expected.sd, 10);
    expect(stats.test.alpha).toBeCloseTo(expected.alpha, 10);
    stats.items.forEach((item, i) => {
      const e = expected.items[i]!;
      expect(item.facility).toBeCloseTo(e.facility, 10);
      expect(item.sd).toBeCloseTo(e.sd, 10);
      expect(item.discrimination).toBeCloseTo(e.discrimination, 10);
      expect(item.efficiency).toBeCloseTo(e.efficiency, 10);
      expect(item.effectiveWeight).toBeCloseTo(e.effectiveWeight, 10);
    });
    // Q2 carries partial credit: its facility is the mean fraction, (1 + .5 + .25 + .75 + 0 + 1) / 6.
    expect(stats.items[1]!.facility).toBeCloseTo((100 * 3.5) / 6, 10);
  });

  it('calibration input: the first fractional mark is found, and --dichotomize turns marks into 0/1', () => {
    const parsed = parseMoodleGrades(text);
    if ('error' in parsed) throw new Error(parsed.error);
    const sparse = toSparse(parsed);
    expect(firstFractional(sparse)).toEqual({ attempt: 1, id: 'q3', mark: 0.5 });
    const binary = dichotomize(sparse, 0.5);
    expect(firstFractional(binary)).toBeUndefined();
    expect(binary.rows.map((r) => Array.from(r.marks))).toEqual([
      [1, 1, 1, 1],
      [1, 1, 1, 0],
      [0, 0, 0, 0],
      [1, 1, 1, 1],
      [0, 0, 0, 1],
      [1, 1, 1, 1],
    ]);
  });
});
