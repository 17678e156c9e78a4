// A Moodle grades export fixture and Moodle's quiz statistics computed straight from their definitions, for tests
// that check the real code against an independent computation.
import path from 'node:path';
import { FIXTURES } from './fixtures.js';

export const MOODLE_GRADES = path.join(FIXTURES, 'responses', 'moodle-grades.csv');

/** The finished first attempts of the fixture, each mark divided by its question's maximum (1, 2, 1, 1). */
export const EXPECTED_MARKS = [
  [1, 1, 0.5, 1],
  [1, 0.5, 1, 0],
  [0, 0.25, 0, 0],
  [1, 0.75, 0.5, 1],
  [0, 0, 0, 1],
  [1, 1, 1, 1],
];

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const cov = (u: number[], v: number[]) => {
  const mu = mean(u);
  const mv = mean(v);
  return u.reduce((s, x, j) => s + (x - mu) * (v[j]! - mv), 0) / (u.length - 1);
};
const sorted = (v: number[]) => [...v].sort((a, b) => a - b);

/** Moodle's quiz statistics, straight from their definitions, for a complete matrix of marks 0..1. */
export function independentStatistics(marks: number[][]) {
  const k = marks[0]!.length;
  const totals = marks.map((row) => row.reduce((s, x) => s + x, 0));
  const scores = totals.map((t) => (100 * t) / k);
  const items = Array.from({ length: k }, (_, i) => {
    const x = marks.map((row) => row[i]!);
    const o = marks.map((row, j) => totals[j]! - row[i]!);
    return {
      facility: 100 * mean(x),
      sd: 100 * Math.sqrt(cov(x, x)),
      discrimination: (100 * cov(x, o)) / Math.sqrt(cov(x, x) * cov(o, o)),
      efficiency: (100 * cov(x, o)) / cov(sorted(x), sorted(o)),
      covXT: cov(x, totals),
    };
  });
  const rootSum = items.reduce((s, it) => s + Math.sqrt(Math.max(it.covXT, 0)), 0);
  const sumVar = items.reduce(
    (s, _, i) =>
      s +
      cov(
        marks.map((r) => r[i]!),
        marks.map((r) => r[i]!),
      ),
    0,
  );
  const alpha = (k / (k - 1)) * (1 - sumVar / cov(totals, totals));
  return {
    mean: mean(scores),
    sd: Math.sqrt(cov(scores, scores)),
    alpha,
    items: items.map((it) => ({ ...it, effectiveWeight: (100 * Math.sqrt(it.covXT)) / rootSum })),
  };
}
