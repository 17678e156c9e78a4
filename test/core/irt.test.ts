import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  band,
  calibrate2PL,
  DEFAULT_PRIOR,
  difficultyPrior,
  eap,
  fisherInformation,
  fixedFormPrecision,
  marginalLogLik,
  nextItem,
  probability,
  quadrature,
  sampleNormal,
  scaledScore,
  simulate,
  type EapResponse,
  type ItemParams,
  type PoolItem,
} from '../../src/core/irt.js';
import { createRandom, randomInt, shuffle, type Random } from '../../src/core/random.js';
import { toSparse, type ResponseMatrix, type SparseResponses } from '../../src/core/statistics.js';
import { FIXTURES } from '../helpers/fixtures.js';

/** Responses of N simulees (θ ~ N(0, 1)) to items with known parameters; `missing` = share not presented. */
function simulateMatrix(
  items: readonly ItemParams[],
  n: number,
  random: Random,
  missing = 0,
): ResponseMatrix {
  const rows: (number | null)[][] = [];
  for (let j = 0; j < n; j++) {
    const theta = sampleNormal(random);
    rows.push(
      items.map(({ a, b }) => (random() < missing ? null : random() < probability(a, b, theta) ? 1 : 0)),
    );
  }
  return { itemIds: items.map((_, i) => `q${i + 1}`), rows };
}

function rmse(xs: readonly number[], ys: readonly number[]): number {
  return Math.sqrt(xs.reduce((s, x, i) => s + (x - ys[i]!) ** 2, 0) / xs.length);
}

/** Trapezoid rule on [−8, 8] with 4,001 points: the independent reference for every integral over θ. */
function trapezoid(f: (theta: number) => number): number {
  const points = 4001;
  const h = 16 / (points - 1);
  let sum = 0;
  for (let i = 0; i < points; i++) {
    const theta = -8 + i * h;
    sum += (i === 0 || i === points - 1 ? 0.5 : 1) * f(theta);
  }
  return sum * h;
}

const normalDensity = (theta: number): number => Math.exp(-0.5 * theta * theta) / Math.sqrt(2 * Math.PI);

describe('quadrature', () => {
  it.each([21, 61, 121])('%i points: weights sum to 1 and carry N(0, 1) moments', (points) => {
    const { nodes, weights } = quadrature(points);
    expect(nodes).toHaveLength(points);
    expect(nodes[0]).toBe(-6);
    expect(nodes[points - 1]).toBe(6);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(weights.reduce((s, w, q) => s + w * nodes[q]!, 0)).toBeCloseTo(0, 12);
    expect(weights.reduce((s, w, q) => s + w * nodes[q]! ** 2, 0)).toBeCloseTo(1, 6);
  });

  it('rejects fewer than two points', () => {
    expect(() => quadrature(1)).toThrow(RangeError);
  });
});

describe('item response function and information', () => {
  it.each([
    { a: 1, b: 0, theta: 0, p: 0.5, info: 0.25 },
    { a: 2, b: 1, theta: 1, p: 0.5, info: 1 },
    { a: 1.5, b: -1, theta: 0, p: 1 / (1 + Math.exp(-1.5)), info: 2.25 * 0.8175745 * 0.1824255 },
  ])('a=$a b=$b θ=$theta', ({ a, b, theta, p, info }) => {
    expect(probability(a, b, theta)).toBeCloseTo(p, 10);
    expect(fisherInformation(a, b, theta)).toBeCloseTo(info, 6);
  });
});

describe('eap', () => {
  /** The posterior mean and SD by direct integration of prior × likelihood. */
  function reference(responses: readonly EapResponse[]): { theta: number; se: number } {
    const density = (t: number): number =>
      responses.reduce(
        (d, r) => d * (r.correct ? probability(r.a, r.b, t) : 1 - probability(r.a, r.b, t)),
        1,
      ) * normalDensity(t);
    const z = trapezoid(density);
    const mean = trapezoid((t) => t * density(t)) / z;
    const second = trapezoid((t) => t * t * density(t)) / z;
    return { theta: mean, se: Math.sqrt(second - mean * mean) };
  }

  const random = createRandom(11);
  const long = Array.from({ length: 40 }, () => ({
    a: 0.8 + 1.4 * random(),
    b: -2 + 4 * random(),
    correct: random() < 0.6,
  }));

  it.each([
    { name: 'no responses', responses: [] },
    { name: 'one right', responses: [{ a: 1, b: 0, correct: true }] },
    { name: 'one wrong, hard', responses: [{ a: 2, b: 1.5, correct: false }] },
    {
      name: 'all right',
      responses: [0, 0.5, 1, 1.5, 2].map((b) => ({ a: 1.5, b, correct: true })),
    },
    {
      name: 'mixed',
      responses: [
        { a: 1.2, b: -1, correct: true },
        { a: 0.7, b: 0, correct: true },
        { a: 1.8, b: 0.5, correct: false },
        { a: 1, b: 1, correct: true },
        { a: 2.5, b: 2, correct: false },
      ],
    },
    { name: '40 random items', responses: long },
  ])('$name: θ and SE match direct integration within 1e-3', ({ responses }) => {
    const estimate = eap(responses);
    const expected = reference(responses);
    expect(Math.abs(estimate.theta - expected.theta)).toBeLessThan(1e-3);
    expect(Math.abs(estimate.se - expected.se)).toBeLessThan(1e-3);
  });

  it('moves up after a right answer and down after a wrong one', () => {
    expect(eap([]).theta).toBeCloseTo(0, 10);
    expect(eap([]).se).toBeCloseTo(1, 3);
    expect(eap([{ a: 1, b: 0, correct: true }]).theta).toBeGreaterThan(0);
    expect(eap([{ a: 1, b: 0, correct: false }]).theta).toBeLessThan(0);
  });
});

describe('marginalLogLik', () => {
  it('matches direct integration of every response pattern', () => {
    const items = [
      { a: 1.3, b: -0.4 },
      { a: 0.8, b: 0.9 },
    ];
    const matrix: ResponseMatrix = {
      itemIds: ['x', 'y'],
      rows: [
        [1, 1],
        [1, 0],
        [0, null],
        [null, null],
      ],
    };
    const pattern = (row: (number | null)[]): number =>
      Math.log(
        trapezoid(
          (t) =>
            normalDensity(t) *
            row.reduce<number>((d, x, i) => {
              if (x === null) return d;
              const p = probability(items[i]!.a, items[i]!.b, t);
              return d * (x === 1 ? p : 1 - p);
            }, 1),
        ),
      );
    const expected = matrix.rows.reduce((s, row) => s + pattern(row), 0);
    expect(marginalLogLik(matrix, items)).toBeCloseTo(expected, 4);
  });

  it('needs one parameter set per column', () => {
    expect(() => marginalLogLik({ itemIds: ['x'], rows: [] }, [])).toThrow(RangeError);
  });
});

describe('calibrate2PL', () => {
  it('recovers known parameters from 5,000 simulated candidates on 20 items', () => {
    // a spread over [0.6, 2.2] (permuted so a and b are unrelated), b evenly over [−2, 2]; 10% not presented.
    const truth = Array.from({ length: 20 }, (_, i) => ({
      a: 0.6 + (1.6 * ((i * 7) % 20)) / 19,
      b: -2 + (4 * i) / 19,
    }));
    const matrix = simulateMatrix(truth, 5000, createRandom(1), 0.1);
    const started = performance.now();
    const result = calibrate2PL(matrix);
    const elapsed = performance.now() - started;
    const rmseA = rmse(
      result.items.map((i) => i.a),
      truth.map((t) => t.a),
    );
    const rmseB = rmse(
      result.items.map((i) => i.b),
      truth.map((t) => t.b),
    );
    expect(result.model).toBe('2PL');
    expect(result.converged).toBe(true);
    expect(result.items.every((i) => i.calibrated && i.n > 4400)).toBe(true);
    expect(rmseA).toBeLessThan(0.15);
    expect(rmseB).toBeLessThan(0.2);
    // The standard errors are honest: squared z-scores of the truth average about 1.
    const z2 =
      result.items.reduce((s, item, i) => s + ((item.a - truth[i]!.a) / item.seA!) ** 2, 0) / truth.length +
      result.items.reduce((s, item, i) => s + ((item.b - truth[i]!.b) / item.seB!) ** 2, 0) / truth.length;
    console.info(
      `recovery: RMSE(a) ${rmseA.toFixed(4)}, RMSE(b) ${rmseB.toFixed(4)}, mean z² ${(z2 / 2).toFixed(2)}, ` +
        `${result.iterations} EM cycles, ${elapsed.toFixed(0)} ms`,
    );
    expect(z2 / 2).toBeGreaterThan(0.4);
    expect(z2 / 2).toBeLessThan(2);
  });

  describe('against brute-force maximisation of the marginal likelihood', () => {
    const truth = [
      { a: 1.6, b: -0.5 },
      { a: 0.9, b: 0.3 },
      { a: 1.3, b: 1 },
    ];
    const matrix = simulateMatrix(truth, 400, createRandom(5));

    /** Compass search from (1, 0) on all six parameters, halving the step down to 1e-6. */
    function bruteForce(): { params: ItemParams[]; logLik: number } {
      const x = truth.flatMap(() => [1, 0]);
      const objective = (v: number[]): number =>
        marginalLogLik(
          matrix,
          truth.map((_, i) => ({ a: v[2 * i]!, b: v[2 * i + 1]! })),
        );
      let best = objective(x);
      for (let step = 0.5; step > 1e-6; step /= 2) {
        let improved = true;
        while (improved) {
          improved = false;
          for (let p = 0; p < x.length; p++) {
            for (const dir of [1, -1]) {
              const trial = x.slice();
              trial[p] = trial[p]! + dir * step;
              const value = objective(trial);
              if (value > best) {
                best = value;
                x.splice(0, x.length, ...trial);
                improved = true;
              }
            }
          }
        }
      }
      return { params: truth.map((_, i) => ({ a: x[2 * i]!, b: x[2 * i + 1]! })), logLik: best };
    }

    let cached: ReturnType<typeof bruteForce> | undefined;
    // Computed on first use, not while vitest collects the tests.
    const optimum = (): ReturnType<typeof bruteForce> => (cached ??= bruteForce());

    it('plain MML (no penalty) reaches the brute-force optimum', () => {
      const reference = optimum();
      const result = calibrate2PL(matrix, { prior: null, minResponses: 1 });
      console.info(
        `brute force: logLik ${reference.logLik.toFixed(5)}, EM ${result.logLik.toFixed(5)} ` +
          `(EM − brute force = ${(result.logLik - reference.logLik).toExponential(2)}) after ` +
          `${result.iterations} cycles; params ${JSON.stringify(reference.params.map((p) => [p.a.toFixed(3), p.b.toFixed(3)]))} ` +
          `vs ${JSON.stringify(result.items.map((p) => [p.a.toFixed(3), p.b.toFixed(3)]))}`,
      );
      expect(result.converged).toBe(true);
      expect(result.logLik).toBeGreaterThanOrEqual(reference.logLik - 1e-3);
      expect(result.logLik).toBeCloseTo(marginalLogLik(matrix, result.items), 8);
      result.items.forEach((item, i) => {
        expect(Math.abs(item.a - reference.params[i]!.a)).toBeLessThan(0.02);
        expect(Math.abs(item.b - reference.params[i]!.b)).toBeLessThan(0.02);
      });
    });

    it('the default is plain MML; --prior (Bayes modal) costs almost nothing in likelihood', () => {
      // Three items and 400 candidates pin a down only loosely (SE ≈ 0.2–0.6), so the penalty's pull is
      // judged against the standard errors rather than in absolute terms.
      const reference = optimum();
      const plain = calibrate2PL(matrix, { minResponses: 1 });
      expect(plain).toEqual(calibrate2PL(matrix, { minResponses: 1, prior: null }));
      expect(plain.prior).toBeNull();
      const result = calibrate2PL(matrix, { minResponses: 1, prior: DEFAULT_PRIOR });
      expect(result.prior).toEqual({ logASd: 1, bSd: 3 });
      expect(result.logLik).toBeLessThan(plain.logLik);
      expect(result.logLik).toBeGreaterThanOrEqual(reference.logLik - 0.05);
      result.items.forEach((item, i) => {
        expect(Math.abs(item.a - reference.params[i]!.a)).toBeLessThan(0.5 * item.seA!);
        expect(Math.abs(item.b - reference.params[i]!.b)).toBeLessThan(0.5 * item.seB!);
      });
    });

    it('standard errors match the inverse of a finite-difference Hessian of the marginal log-likelihood', () => {
      const result = calibrate2PL(matrix, { minResponses: 1 });
      expect(result.seMethod).toBe('full');
      const expected = hessianStandardErrors(matrix, result.items);
      result.items.forEach((item, i) => {
        expect(Math.abs(item.seA! / expected[2 * i]! - 1)).toBeLessThan(0.02);
        expect(Math.abs(item.seB! / expected[2 * i + 1]! - 1)).toBeLessThan(0.02);
      });
    });
  });

  it('keeps prior values for items with too few responses', () => {
    const truth = [
      { a: 1.2, b: -0.5 },
      { a: 1, b: 0.5 },
      { a: 1.5, b: 0 },
    ];
    const matrix = simulateMatrix(truth, 300, createRandom(9));
    // The third item was shown to only 20 candidates.
    matrix.rows.forEach((row, r) => {
      if (r >= 20) row[2] = null;
    });
    const result = calibrate2PL(matrix, { priors: { q3: difficultyPrior('senior') } });
    expect(result.items[2]).toEqual({
      id: 'q3',
      a: 1,
      b: 1,
      seA: null,
      seB: null,
      n: 20,
      calibrated: false,
      reason: 'too-few-responses',
    });
    expect(result.items[0]!.reason).toBeNull();
    expect(result.items[0]!.calibrated).toBe(true);
    expect(result.items[0]!.seA).toBeGreaterThan(0);
    const unknown = calibrate2PL(matrix, { minResponses: 1000 });
    expect(unknown.items.map((i) => [i.a, i.b, i.calibrated])).toEqual([
      [1, 0, false],
      [1, 0, false],
      [1, 0, false],
    ]);
    expect(unknown.logLik).toBeCloseTo(marginalLogLik(matrix, unknown.items), 8);
    expect(unknown.seMethod).toBe('none');
  });

  it.each([
    { mark: 1, reason: 'all-correct' },
    { mark: 0, reason: 'all-wrong' },
  ])('leaves an item answered $reason out of the fit', ({ mark, reason }) => {
    const matrix = simulateMatrix(
      [
        { a: 1, b: 0 },
        { a: 1.4, b: -0.5 },
        { a: 0.8, b: 0.5 },
      ],
      300,
      createRandom(3),
    );
    const without = calibrate2PL(matrix);
    const withItem: ResponseMatrix = {
      itemIds: [...matrix.itemIds, 'constant'],
      rows: matrix.rows.map((row) => [...row, mark]),
    };
    const result = calibrate2PL(withItem, { priors: { constant: { a: 1, b: -1 } } });
    // It keeps its starting values, says why, and the other items are fitted exactly as without it.
    expect(result.items[3]).toEqual({
      id: 'constant',
      a: 1,
      b: -1,
      seA: null,
      seB: null,
      n: 300,
      calibrated: false,
      reason,
    });
    expect(result.items.slice(0, 3)).toEqual(without.items);
    expect(result.logLik).toBe(without.logLik);
  });

  it('stops on both the parameters and the log-likelihood, and says when the cycle cap stopped it', () => {
    const matrix = simulateMatrix(
      Array.from({ length: 8 }, (_, i) => ({ a: 0.8 + 0.15 * i, b: -1.5 + (3 * i) / 7 })),
      1500,
      createRandom(21),
    );
    const capped = calibrate2PL(matrix, { maxIterations: 2 });
    expect(capped).toMatchObject({ iterations: 2, converged: false });
    const cycles: number[] = [];
    const result = calibrate2PL(matrix, { onCycle: (cycle, logLik) => cycles.push(cycle, logLik) });
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThan(2000);
    expect(cycles).toHaveLength(2 * result.iterations);
    // Converged to 1e-6: a much tighter run moves no parameter by more than 1e-4.
    const tighter = calibrate2PL(matrix, { tolerance: 1e-10, logLikTolerance: 1e-12 });
    expect(tighter.converged).toBe(true);
    result.items.forEach((item, i) => {
      expect(Math.abs(item.a - tighter.items[i]!.a)).toBeLessThan(1e-4);
      expect(Math.abs(item.b - tighter.items[i]!.b)).toBeLessThan(1e-4);
    });
    expect(Math.abs(result.logLik - tighter.logLik)).toBeLessThan(1e-6);
    // The old stopping rule (parameters within 1e-3, once) stopped early.
    expect(calibrate2PL(matrix, { tolerance: 1e-3, logLikTolerance: Infinity }).iterations).toBeLessThan(
      result.iterations,
    );
  });

  it('uses the per-item approximation of the standard errors above the full-matrix limit, and says so', () => {
    const matrix = simulateMatrix(
      Array.from({ length: 6 }, (_, i) => ({ a: 1 + 0.1 * i, b: -1 + 0.4 * i })),
      800,
      createRandom(29),
    );
    const full = calibrate2PL(matrix);
    const perItem = calibrate2PL(matrix, { fullSeMaxItems: 5 });
    expect(full.seMethod).toBe('full');
    expect(perItem.seMethod).toBe('per-item');
    // Same estimates; ignoring the covariance between items makes the errors smaller.
    expect(perItem.items.map((i) => [i.a, i.b])).toEqual(full.items.map((i) => [i.a, i.b]));
    perItem.items.forEach((item, i) => {
      expect(item.seA!).toBeLessThanOrEqual(full.items[i]!.seA! * 1.0001);
      expect(item.seB!).toBeLessThanOrEqual(full.items[i]!.seB! * 1.0001);
    });
  });
});

describe('calibrate2PL on LSAT7 against mirt', () => {
  const fixture = JSON.parse(readFileSync(path.join(FIXTURES, 'irt', 'lsat7.json'), 'utf8')) as {
    itemIds: string[];
    patterns: Record<string, number>;
    published: { logLik: number; proportionCorrect: number[]; a: number[]; b: number[]; seA: number[] };
  };
  const rows = Object.entries(fixture.patterns).flatMap(([pattern, count]) =>
    Array.from({ length: count }, () => [...pattern].map(Number)),
  );
  const lsat7: ResponseMatrix = { itemIds: fixture.itemIds, rows };
  const published = fixture.published;

  it('the fixture is the published data set: 1,000 examinees and mirt’s proportions correct', () => {
    expect(rows).toHaveLength(1000);
    fixture.itemIds.forEach((_, i) => {
      const p = rows.reduce((s, r) => s + r[i]!, 0) / rows.length;
      expect(p).toBeCloseTo(published.proportionCorrect[i]!, 3);
    });
  });

  it('matches mirt’s 2PL: every a and b within 0.01, the log-likelihood within 0.01, SE(a) within 2%', () => {
    const result = calibrate2PL(lsat7);
    console.info(
      `LSAT7: logLik ${result.logLik.toFixed(4)} after ${result.iterations} cycles; ` +
        result.items
          .map((i) => `a ${i.a.toFixed(4)} b ${i.b.toFixed(4)} (${i.seA!.toFixed(4)}, ${i.seB!.toFixed(4)})`)
          .join('; '),
    );
    expect(result).toMatchObject({ converged: true, seMethod: 'full', prior: null });
    expect(Math.abs(result.logLik - published.logLik)).toBeLessThan(0.01);
    result.items.forEach((item, i) => {
      expect(Math.abs(item.a - published.a[i]!)).toBeLessThan(0.01);
      expect(Math.abs(item.b - published.b[i]!)).toBeLessThan(0.01);
      expect(Math.abs(item.seA! / published.seA[i]! - 1)).toBeLessThan(0.02);
    });
  });

  it('standard errors agree within 2% with the inverse of the observed information by finite differences', () => {
    const result = calibrate2PL(lsat7);
    const expected = hessianStandardErrors(lsat7, result.items);
    result.items.forEach((item, i) => {
      expect(Math.abs(item.seA! / expected[2 * i]! - 1)).toBeLessThan(0.02);
      expect(Math.abs(item.seB! / expected[2 * i + 1]! - 1)).toBeLessThan(0.02);
    });
    // The per-item blocks alone understate them.
    const perItem = calibrate2PL(lsat7, { fullSeMaxItems: 0 });
    expect(perItem.seMethod).toBe('per-item');
    expect(perItem.items.some((item, i) => item.seB! < 0.97 * expected[2 * i + 1]!)).toBe(true);
  });

  it('with the prior it is a Bayes modal estimate, pulled off the maximum', () => {
    const plain = calibrate2PL(lsat7);
    const modal = calibrate2PL(lsat7, { prior: DEFAULT_PRIOR });
    expect(modal.logLik).toBeLessThan(plain.logLik);
    expect(Math.abs(modal.items[4]!.b - plain.items[4]!.b)).toBeGreaterThan(0.02);
  });
});

/**
 * √diag of the inverse of −H, H the Hessian of the marginal log-likelihood in (a₁, b₁, a₂, b₂, …) by central
 * finite differences of marginalLogLik alone: the independent reference for the standard errors.
 */
function hessianStandardErrors(data: ResponseMatrix, items: readonly ItemParams[]): number[] {
  const x = items.flatMap((p) => [p.a, p.b]);
  const n = x.length;
  const f = (v: number[]): number =>
    marginalLogLik(
      data,
      items.map((_, i) => ({ a: v[2 * i]!, b: v[2 * i + 1]! })),
    );
  const h = 1e-3;
  const at = (i: number, di: number, j: number, dj: number): number => {
    const v = x.slice();
    v[i] = v[i]! + di;
    v[j] = v[j]! + dj;
    return f(v);
  };
  const info: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const hij = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
      info[i]![j] = -hij;
      info[j]![i] = -hij;
    }
  }
  // Gauss–Jordan inverse: small and plain, unlike the Cholesky in the code under test.
  const aug = info.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(aug[r]![c]!) > Math.abs(aug[pivot]![c]!)) pivot = r;
    [aug[c], aug[pivot]] = [aug[pivot]!, aug[c]!];
    const d = aug[c]![c]!;
    for (let k = 0; k < 2 * n; k++) aug[c]![k] = aug[c]![k]! / d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const m = aug[r]![c]!;
      for (let k = 0; k < 2 * n; k++) aug[r]![k] = aug[r]![k]! - m * aug[c]![k]!;
    }
  }
  return Array.from({ length: n }, (_, i) => Math.sqrt(aug[i]![n + i]!));
}

/** The same responses, built row by row in a shuffled presentation order rather than through toSparse. */
function shuffledSparse(matrix: ResponseMatrix, random: Random): SparseResponses {
  return {
    itemIds: matrix.itemIds.slice(),
    rows: matrix.rows.map((row) => {
      const presented = shuffle(
        row.flatMap((x, i) => (x === null ? [] : [i])),
        random,
      );
      return { items: Uint32Array.from(presented), marks: Uint8Array.from(presented, (i) => row[i]!) };
    }),
  };
}

/** Attempts (θ ~ N(0, 1)) each presented `length` distinct items drawn at random from the pool. */
function simulateSparse(
  pool: readonly ItemParams[],
  attempts: number,
  length: number,
  random: Random,
): SparseResponses {
  // One buffer for all attempts; each row a view, as toSparse builds them.
  const items = new Uint32Array(attempts * length);
  const marks = new Uint8Array(attempts * length);
  const order = pool.map((_, i) => i);
  const rows: SparseResponses['rows'] = [];
  for (let r = 0; r < attempts; r++) {
    const theta = sampleNormal(random);
    const at = r * length;
    // Partial Fisher–Yates: the first `length` slots are a uniform random form, in presentation order.
    for (let s = 0; s < length; s++) {
      const j = s + randomInt(random, pool.length - s);
      [order[s], order[j]] = [order[j]!, order[s]!];
      const { a, b } = pool[order[s]!]!;
      items[at + s] = order[s]!;
      marks[at + s] = random() < probability(a, b, theta) ? 1 : 0;
    }
    rows.push({ items: items.subarray(at, at + length), marks: marks.subarray(at, at + length) });
  }
  return { itemIds: pool.map((_, i) => `q${i + 1}`), rows };
}

describe('sparse responses', () => {
  // statistics.test.ts's hand-worked table: six candidates × four items.
  const hand: ResponseMatrix = {
    itemIds: ['q1', 'q2', 'q3', 'q4'],
    rows: [
      [1, 1, 1, 1],
      [1, 1, 1, 1],
      [0, 1, 1, 1],
      [1, 0, 1, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ],
  };

  it('gives identical results on the hand-worked tables', () => {
    const items = [
      { a: 1.3, b: -0.4 },
      { a: 0.8, b: 0.9 },
    ];
    const patterns: ResponseMatrix = {
      itemIds: ['x', 'y'],
      rows: [
        [1, 1],
        [1, 0],
        [0, null],
        [null, null],
      ],
    };
    expect(marginalLogLik(toSparse(patterns), items)).toBe(marginalLogLik(patterns, items));
    const params = hand.itemIds.map((_, i) => ({ a: 0.8 + 0.2 * i, b: 0.5 - 0.3 * i }));
    expect(marginalLogLik(toSparse(hand), params)).toBe(marginalLogLik(hand, params));
    const options = { minResponses: 1 };
    expect(calibrate2PL(toSparse(hand), options)).toEqual(calibrate2PL(hand, options));
  });

  it('gives identical results on a simulated data set with missing marks', () => {
    const truth = Array.from({ length: 12 }, (_, i) => ({
      a: 0.7 + 0.1 * i,
      b: -1.5 + (3 * ((i * 5) % 12)) / 11,
    }));
    const matrix = simulateMatrix(truth, 1500, createRandom(17), 0.4);
    const dense = calibrate2PL(matrix);
    expect(dense.converged).toBe(true);
    expect(calibrate2PL(toSparse(matrix))).toEqual(dense);
    expect(marginalLogLik(toSparse(matrix), dense.items)).toBe(marginalLogLik(matrix, dense.items));
    // Another order within each attempt only reorders floating-point sums.
    const shuffled = calibrate2PL(shuffledSparse(matrix, createRandom(18)));
    expect(shuffled.iterations).toBe(dense.iterations);
    expect(shuffled.logLik).toBeCloseTo(dense.logLik, 6);
    shuffled.items.forEach((item, i) => {
      const expected = dense.items[i]!;
      expect(item.n).toBe(expected.n);
      for (const key of ['a', 'b', 'seA', 'seB'] as const) {
        expect(Math.abs(item[key]! - expected[key]!)).toBeLessThan(1e-5);
      }
    });
  });

  it('rejects a dense mark other than 0 or 1', () => {
    expect(() => calibrate2PL({ itemIds: ['x'], rows: [[2]] })).toThrow(RangeError);
  });

  it('calibrates 100,000 attempts × 40 items from a 2,000-item pool', () => {
    const random = createRandom(23);
    const pool = Array.from({ length: 2000 }, () => ({ a: 0.6 + 1.6 * random(), b: -2.5 + 5 * random() }));
    const sparse = simulateSparse(pool, 100_000, 40, random);
    const started = performance.now();
    // Three EM cycles from the logit starting values already bring every item close; running on to the default
    // tolerance takes about 30 cycles (half a minute or more here), too long for the suite.
    const result = calibrate2PL(sparse, { maxIterations: 3 });
    const elapsed = performance.now() - started;
    const rmseA = rmse(
      result.items.map((i) => i.a),
      pool.map((p) => p.a),
    );
    const rmseB = rmse(
      result.items.map((i) => i.b),
      pool.map((p) => p.b),
    );
    const meanSeB = result.items.reduce((s, i) => s + i.seB!, 0) / pool.length;
    console.info(
      `calibrate2PL on 100,000 × 40 sparse responses from 2,000 items, ${result.iterations} EM cycles: ` +
        `${elapsed.toFixed(0)} ms; RMSE(a) ${rmseA.toFixed(3)}, RMSE(b) ${rmseB.toFixed(3)}, mean SE(b) ${meanSeB.toFixed(3)}`,
    );
    expect(result.iterations).toBe(3);
    expect(result.converged).toBe(false);
    expect(result.seMethod).toBe('per-item');
    expect(result.items.reduce((s, i) => s + i.n, 0)).toBe(4_000_000);
    expect(result.items.every((i) => i.calibrated && i.seA! > 0 && i.seB! > 0)).toBe(true);
    expect(Number.isFinite(result.logLik) && result.logLik < 0).toBe(true);
    // About 2,000 responses per item: SE(b) ≈ 0.05–0.1, and the estimates are within a few SEs of the truth.
    expect(meanSeB).toBeLessThan(0.15);
    expect(rmseA).toBeLessThan(0.2);
    expect(rmseB).toBeLessThan(0.2);
  }, 180_000);
});

describe('nextItem', () => {
  const pool: PoolItem[] = [
    { id: 'api-easy', domain: 'api', a: 1, b: -2 },
    { id: 'api-mid', domain: 'api', a: 1.2, b: 0 },
    { id: 'api-sharp', domain: 'api', a: 2.5, b: 0.2 },
    { id: 'db-mid', domain: 'db', a: 1, b: 0.1 },
    { id: 'db-hard', domain: 'db', a: 1.5, b: 2 },
    { id: 'ops-mid', domain: 'ops', a: 0.9, b: -0.1 },
  ];
  const byInformation = (theta: number, exclude: string[] = []): string[] =>
    pool
      .filter((p) => !exclude.includes(p.id))
      .sort((p, q) => fisherInformation(q.a, q.b, theta) - fisherInformation(p.a, p.b, theta))
      .map((p) => p.id);

  it.each([-2, -0.5, 0, 0.3, 1.8, 3])('with k = 1 picks the most informative item at θ = %f', (theta) => {
    const pick = nextItem({ candidates: pool, administered: [], theta, k: 1, random: createRandom(1) });
    expect(pick?.id).toBe(byInformation(theta)[0]);
  });

  it('skips administered items and returns null when the pool is used up', () => {
    const pick = nextItem({
      candidates: pool,
      administered: ['api-sharp'],
      theta: 0,
      k: 1,
      random: createRandom(1),
    });
    expect(pick?.id).toBe(byInformation(0, ['api-sharp'])[0]);
    const all = new Set(pool.map((p) => p.id));
    expect(nextItem({ candidates: pool, administered: all, theta: 0, random: createRandom(1) })).toBeNull();
  });

  it('randomesque: chooses only among the k most informative, and all of them', () => {
    const top3 = byInformation(0.5).slice(0, 3);
    const seen = new Set<string>();
    const random = createRandom(4);
    for (let draw = 0; draw < 300; draw++) {
      seen.add(nextItem({ candidates: pool, administered: [], theta: 0.5, k: 3, random })!.id);
    }
    expect([...seen].sort()).toEqual(top3.sort());
  });

  it.each<{ administered: string[]; targets: Record<string, number>; domain: string }>([
    // Nothing given yet; no target for ops, so api (0.5) vs db (0.5): equal gaps, tie to the name.
    { administered: [], targets: { api: 1, db: 1 }, domain: 'api' },
    // api 2 of 3 (0.667 vs 0.5), db 0 of 3 (0 vs 0.25), ops 1 of 3 (0.333 vs 0.25): db is furthest below.
    { administered: ['api-easy', 'api-mid', 'ops-mid'], targets: { api: 2, db: 1, ops: 1 }, domain: 'db' },
    // api 1 of 3 (gap 0.5 − 0.333 = 0.167), db 2 of 3 (0.25 − 0.667 < 0), ops 0 of 3 (gap 0.25): ops.
    { administered: ['api-easy', 'db-mid', 'db-hard'], targets: { api: 2, db: 1, ops: 1 }, domain: 'ops' },
    // db 2 of 4 (0.5 vs 0.8) is furthest below but used up; then ops (0 vs 0.1) before api (0.5 vs 0.1).
    {
      administered: ['db-mid', 'db-hard', 'api-easy', 'api-mid'],
      targets: { api: 1, db: 8, ops: 1 },
      domain: 'ops',
    },
    // Only untargeted domains remain.
    { administered: ['api-easy', 'api-mid', 'api-sharp'], targets: { api: 1 }, domain: 'db' },
  ])('content balancing → $domain', ({ administered, targets, domain }) => {
    const pick = nextItem({
      candidates: pool,
      administered,
      theta: 0,
      targets,
      k: 1,
      random: createRandom(1),
    });
    expect(pick?.domain).toBe(domain);
    // Within the domain, still the most informative.
    const inDomain = byInformation(0, administered).find(
      (id) => pool.find((p) => p.id === id)!.domain === domain,
    );
    expect(pick?.id).toBe(inDomain);
  });

  it('handles a 10,000-item pool in a few milliseconds', () => {
    const random = createRandom(8);
    const domains = ['api', 'db', 'ops', 'sec', 'net'];
    const big: PoolItem[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `i${i}`,
      domain: domains[i % domains.length]!,
      a: 0.5 + 2 * random(),
      b: -3 + 6 * random(),
    }));
    const administered = new Set(big.slice(0, 40).map((p) => p.id));
    const targets = { api: 0.3, db: 0.3, ops: 0.2, sec: 0.1, net: 0.1 };
    nextItem({ candidates: big, administered, theta: 0, targets, random }); // warm-up
    const times: number[] = [];
    for (let run = 0; run < 21; run++) {
      const started = performance.now();
      nextItem({ candidates: big, administered, theta: run / 10 - 1, targets, random });
      times.push(performance.now() - started);
    }
    const median = times.sort((p, q) => p - q)[10]!;
    console.info(`nextItem over 10,000 items: median ${median.toFixed(2)} ms`);
    expect(median).toBeLessThan(10);
  });
});

describe('difficultyPrior, scaledScore and band', () => {
  it.each([
    ['junior', -1],
    ['mid', 0],
    ['senior', 1],
  ] as const)('%s → b = %i', (level, b) => {
    expect(difficultyPrior(level)).toEqual({ a: 1, b });
  });

  it.each([
    { theta: 0, score: 150, level: 'mid' },
    { theta: 1, score: 200, level: 'senior' },
    { theta: 0.5, score: 175, level: 'senior' },
    { theta: 0.4999, score: 175, level: 'mid' },
    { theta: -0.5, score: 125, level: 'mid' },
    { theta: -0.5001, score: 125, level: 'junior' },
    { theta: -2.01, score: 50, level: 'junior' },
    { theta: 3.5, score: 300, level: 'senior' },
    { theta: -3.5, score: 0, level: 'junior' },
    { theta: 9, score: 300, level: 'senior' },
  ])('θ = $theta → $score, $level', ({ theta, score, level }) => {
    expect(scaledScore(theta)).toBe(score);
    expect(band(theta)).toBe(level);
  });
});

describe('simulate', () => {
  // A well-spread pool: 200 items, a in [1, 2], b in [−3, 3], four domains.
  const random = createRandom(7);
  const pool: PoolItem[] = Array.from({ length: 200 }, (_, i) => ({
    id: `i${i}`,
    domain: ['api', 'db', 'ops', 'sec'][i % 4]!,
    a: 1 + random(),
    b: -3 + 6 * random(),
  }));
  const L = 40;

  it('adaptive reaches the fixed form’s RMSE with at most half the questions', () => {
    const started = performance.now();
    const bySe = simulate({ pool, fixedLength: L, simulees: 1000, seed: 3, seTarget: 0.3 });
    const halfLength = simulate({
      pool,
      fixedLength: L,
      simulees: 1000,
      seed: 3,
      seTarget: 0,
      maxLength: L / 2,
      targets: { api: 1, db: 1, ops: 1, sec: 1 },
    });
    const elapsed = performance.now() - started;
    const show = (r: { meanLength: number; rmse: number; bias: number; correlation: number }): string =>
      `length ${r.meanLength.toFixed(1)}, RMSE ${r.rmse.toFixed(3)}, bias ${r.bias.toFixed(3)}, r ${r.correlation.toFixed(3)}`;
    console.info(
      `simulate: fixed ${show(bySe.fixed)}; adaptive (SE ≤ 0.3) ${show(bySe.adaptive)}; ` +
        `adaptive (${L / 2} items, balanced) ${show(halfLength.adaptive)}; ${elapsed.toFixed(0)} ms`,
    );
    // The same simulees and fixed-form draws whatever the adaptive settings.
    expect(halfLength.fixed).toEqual(bySe.fixed);
    expect(bySe.fixed.meanLength).toBe(L);
    expect(bySe.adaptive.meanLength).toBeLessThanOrEqual(L / 2);
    expect(bySe.adaptive.rmse).toBeLessThanOrEqual(bySe.fixed.rmse * 1.02);
    expect(halfLength.adaptive.meanLength).toBe(L / 2);
    expect(halfLength.adaptive.rmse).toBeLessThanOrEqual(bySe.fixed.rmse * 1.02);
    for (const r of [bySe.fixed, bySe.adaptive, halfLength.adaptive]) {
      expect(Math.abs(r.bias)).toBeLessThan(0.05);
      expect(r.correlation).toBeGreaterThan(0.9);
    }
  });

  it('fixedFormPrecision is the RMSE the fixed form reaches, so adaptive mode asked for it is shorter', () => {
    // The shipped banks' provisional parameters: a = 1, b = −1, 0 or 1.
    const provisional: PoolItem[] = Array.from({ length: 150 }, (_, i) => ({
      id: `p${i}`,
      domain: ['api', 'db', 'ops'][i % 3]!,
      a: 1,
      b: (i % 3) - 1,
    }));
    for (const [items, length] of [
      [pool, 20],
      [provisional, 20],
      [provisional, 40],
    ] as const) {
      const target = fixedFormPrecision(items, length);
      expect(fixedFormPrecision(items, length)).toBe(target);
      const report = simulate({
        pool: items,
        fixedLength: length,
        simulees: 2000,
        seed: 5,
        seTarget: target,
      });
      console.info(
        `fixed form of ${length}: precision ${target.toFixed(3)}, simulated RMSE ${report.fixed.rmse.toFixed(3)}; ` +
          `adaptive at that SE: ${report.adaptive.meanLength.toFixed(1)} questions, RMSE ${report.adaptive.rmse.toFixed(3)}`,
      );
      // The expected RMSE, within the sampling error of 2,000 simulees.
      expect(Math.abs(target / report.fixed.rmse - 1)).toBeLessThan(0.05);
      expect(report.adaptive.meanLength).toBeLessThan(0.9 * length);
      expect(report.adaptive.rmse).toBeLessThan(1.06 * report.fixed.rmse);
    }
    expect(fixedFormPrecision(pool, 40)).toBeLessThan(fixedFormPrecision(pool, 20));
  });

  it('is reproducible from its seed', () => {
    const options = { pool, fixedLength: 10, simulees: 50, seed: 12 };
    expect(simulate(options)).toEqual(simulate(options));
    expect(simulate(options)).not.toEqual(simulate({ ...options, seed: 13 }));
  });
});
