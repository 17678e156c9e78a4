import { describe, expect, it } from 'vitest';
import { probability, sampleNormal } from '../../src/core/irt.js';
import { createRandom, randomInt, shuffle } from '../../src/core/random.js';
import {
  isSparse,
  itemStatistics,
  parseResponsesCsv,
  toSparse,
  type ResponseMatrix,
  type SparseResponses,
} from '../../src/core/statistics.js';

// Six candidates × four items, every item presented. T = total, O = T − x for the item in question.
//
//        q1 q2 q3 q4 | T
//   c1    1  1  1  1 | 4
//   c2    1  1  1  1 | 4
//   c3    0  1  1  1 | 3
//   c4    1  0  1  0 | 2
//   c5    0  0  0  1 | 1
//   c6    0  0  0  0 | 0
//
// Sample (co)variances divide by n − 1 = 5: Cov(x, y) = (Σxy − n·x̄·ȳ) / 5.
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

// q1: x = 1,1,0,1,0,0 (x̄ = 1/2)   O = 3,3,3,1,1,0 (Ō = 11/6)
//   Var(x) = (3 − 6·1/4)/5 = 3/10                    → facility 50, sd 100·√0.3 = 54.772
//   Var(O) = (9+9+9+1+1+0 − 6·121/36)/5 = (29 − 121/6)/5 = 53/30
//   Cov(x,O) = (3+3+1 − 6·(1/2)·(11/6))/5 = (7 − 5.5)/5 = 3/10
//   D = 100·0.3/√(0.3·53/30) = 30/√0.53 = 30/0.728011 = 41.208
//   sorted x = 0,0,0,1,1,1 with sorted O = 0,1,1,3,3,3: Σ = 9 → CovMax = (9 − 5.5)/5 = 7/10
//   E = 100·0.3/0.7 = 42.857;  Cov(x,T) = Cov(x,O) + Var(x) = 0.3 + 0.3 = 0.6
// q2: x = 1,1,1,0,0,0 (x̄ = 1/2)   O = 3,3,2,2,1,0 (Ō = 11/6)
//   Var(x) = 3/10;  Var(O) = (9+9+4+4+1+0 − 121/6)/5 = 41/30;  Cov(x,O) = (3+3+2 − 5.5)/5 = 1/2
//   D = 100·0.5/√(0.3·41/30) = 50/√0.41 = 50/0.640312 = 78.087
//   sorted pairing 0,0,0,1,1,1 × 0,1,2,2,3,3: Σ = 8, the same as observed → CovMax = 1/2, E = 100
//   Cov(x,T) = 0.5 + 0.3 = 0.8
// q3: x = 1,1,1,1,0,0 (x̄ = 2/3)   O = 3,3,2,1,1,0 (Ō = 5/3)
//   Var(x) = (4 − 6·4/9)/5 = 4/15 → facility 66.667, sd 100·√(4/15) = 51.640
//   Var(O) = (9+9+4+1+1+0 − 6·25/9)/5 = (24 − 50/3)/5 = 22/15
//   Cov(x,O) = (3+3+2+1 − 6·(2/3)·(5/3))/5 = (9 − 20/3)/5 = 7/15
//   D = 100·(7/15)/√((4/15)·(22/15)) = 700/√88 = 700/9.380832 = 74.620
//   sorted 0,0,1,1,1,1 × 0,1,1,2,3,3: Σ = 9 → CovMax = 7/15, E = 100;  Cov(x,T) = 7/15 + 4/15 = 11/15
// q4: x = 1,1,1,0,1,0 (x̄ = 2/3)   O = 3,3,2,2,0,0 (Ō = 5/3)
//   Var(x) = 4/15;  Var(O) = (9+9+4+4 − 50/3)/5 = 28/15;  Cov(x,O) = (3+3+2+0 − 20/3)/5 = 4/15
//   D = 100·(4/15)/√((4/15)·(28/15)) = 400/√112 = 400/10.583005 = 37.796
//   sorted 0,0,1,1,1,1 × 0,0,2,2,3,3: Σ = 10 → CovMax = (10 − 20/3)/5 = 2/3, E = 100·(4/15)/(2/3) = 40
//   Cov(x,T) = 4/15 + 4/15 = 8/15
// Effective weights: √0.6 = 0.774597, √0.8 = 0.894427, √(11/15) = 0.856349, √(8/15) = 0.730297;
//   Σ = 3.255670 → 23.792, 27.473, 26.303, 22.432.
const expectedItems = [
  {
    id: 'q1',
    facility: 50,
    sd: 54.7723,
    discrimination: 41.2082,
    efficiency: 42.8571,
    effectiveWeight: 23.7922,
  },
  { id: 'q2', facility: 50, sd: 54.7723, discrimination: 78.0869, efficiency: 100, effectiveWeight: 27.4729 },
  {
    id: 'q3',
    facility: 66.6667,
    sd: 51.6398,
    discrimination: 74.6203,
    efficiency: 100,
    effectiveWeight: 26.3033,
  },
  {
    id: 'q4',
    facility: 66.6667,
    sd: 51.6398,
    discrimination: 37.7964,
    efficiency: 40,
    effectiveWeight: 22.4315,
  },
];

// Test level, on T as a percentage of 4: P = 100, 100, 75, 50, 25, 0.
//   mean = 350/6 = 58.333;  median = (75 + 50)/2 = 62.5
//   deviations P − 175/3 = (25/3)·u with u = 5, 5, 2, −1, −4, −7 (Σu = 0, so S1 = 0 about the mean)
//   Σu² = 25+25+4+1+16+49 = 120;  Σu³ = 125+125+8−1−64−343 = −150;  Σu⁴ = 625+625+16+1+256+2401 = 3924
//   in units of (25/3)^k:  k2 = 6·120/(6·5) = 24
//                          k3 = 36·(−150)/(6·5·4) = −45
//                          k4 = (252·3924 − 3·30·120²)/(6·5·4·3) = (988848 − 1296000)/360 = −853.2
//   sd = (25/3)·√24 = 8.333333·4.898979 = 40.825
//   skewness = −45/24^1.5 = −45/117.575508 = −0.38273
//   kurtosis = −853.2/24² = −853.2/576 = −1.48125
// Alpha: Σ Var(x_i) = 3/10 + 3/10 + 4/15 + 4/15 = 17/15;
//   T = 4,4,3,2,1,0: T̄ = 7/3, Var(T) = (46 − 6·49/9)/5 = (40/3)/5 = 8/3
//   α = (4/3)·(1 − (17/15)/(8/3)) = (4/3)·(1 − 17/40) = 23/30 = 0.76667
//   errorRatio = 100·√(7/30) = 100·0.483046 = 48.305;  sem = 48.305·40.825/100 = 19.720
describe('itemStatistics against the hand-worked table', () => {
  const stats = itemStatistics(hand);

  it.each(expectedItems)('item $id', (expected) => {
    const item = stats.items.find((i) => i.id === expected.id)!;
    expect(item.n).toBe(6);
    expect(item.facility).toBeCloseTo(expected.facility, 3);
    expect(item.sd).toBeCloseTo(expected.sd, 3);
    expect(item.discrimination).toBeCloseTo(expected.discrimination, 3);
    expect(item.efficiency).toBeCloseTo(expected.efficiency, 3);
    expect(item.effectiveWeight).toBeCloseTo(expected.effectiveWeight, 3);
    expect(item.randomGuess).toBeNull();
    expect(item.dubious).toBe(false);
    expect(item.reasons).toEqual([]);
  });

  it('effective weights sum to 100', () => {
    expect(stats.items.reduce((s, i) => s + (i.effectiveWeight ?? 0), 0)).toBeCloseTo(100, 10);
  });

  it.each([
    ['mean', 58.3333],
    ['median', 62.5],
    ['sd', 40.8248],
    ['skewness', -0.38273],
    ['kurtosis', -1.48125],
    ['alpha', 0.766667],
    ['errorRatio', 48.3046],
    ['sem', 19.7203],
  ] as const)('test %s', (key, value) => {
    expect(stats.attempts).toBe(6);
    expect(stats.test[key]).toBeCloseTo(value, 3);
  });
});

describe('itemStatistics edge cases', () => {
  it('passes random-guess scores through', () => {
    const stats = itemStatistics(hand, { randomGuess: { q1: 25, q3: 50 } });
    expect(stats.items.map((i) => i.randomGuess)).toEqual([25, null, 50, null]);
  });

  it('uses only the attempts that saw an item, and scores attempts by the items they saw', () => {
    // q3 was shown to c1..c4 only. Totals: c1 = 2 of 3, c2 = 2 of 3, c3 = 1 of 3, c4 = 1 of 3, c5 = 1 of 2,
    // c6 = 0 of 2 → percentages 66.67, 66.67, 33.33, 33.33, 50, 0.
    const matrix: ResponseMatrix = {
      itemIds: ['q1', 'q2', 'q3'],
      rows: [
        [1, 1, 0],
        [1, 0, 1],
        [0, 1, 0],
        [0, 0, 1],
        [1, 0, null],
        [0, 0, null],
      ],
    };
    const stats = itemStatistics(matrix);
    expect(stats.items.map((i) => i.n)).toEqual([6, 6, 4]);
    expect(stats.items[2]!.facility).toBeCloseTo(50, 10);
    // q3: x = 0,1,0,1, O = 2,1,1,0 (x̄ = 1/2, Ō = 1): Cov(x,O) = (1 − 4·0.5·1)/3 = −1/3, negative.
    expect(stats.items[2]!.discrimination! < 0).toBe(true);
    expect(stats.items[2]!.reasons).toContain('negative-discrimination');
    expect(stats.test.mean).toBeCloseTo((66.6667 * 2 + 33.3333 * 2 + 50 + 0) / 6, 3);
    // Alpha needs a full matrix.
    expect(stats.test.alpha).toBeNull();
    expect(stats.test.errorRatio).toBeNull();
    expect(stats.test.sem).toBeNull();
  });

  it('flags dubious items with the reasons', () => {
    // 20 candidates: q-easy is right for all but one (95% → not flagged, 19/20 = 95 is inside [5, 95]),
    // q-all is right for everyone (100%), q-rev is answered right only by the weakest candidates.
    const rows: (number | null)[][] = [];
    for (let c = 0; c < 20; c++) {
      const strong = c < 10 ? 1 : 0;
      rows.push([c === 19 ? 0 : 1, 1, strong, strong, c < 15 ? 1 - strong : 0]);
    }
    const stats = itemStatistics({ itemIds: ['easy', 'all', 's1', 's2', 'rev'], rows });
    const byId = new Map(stats.items.map((i) => [i.id, i]));
    expect(byId.get('easy')!.facility).toBeCloseTo(95, 10);
    expect(byId.get('easy')!.reasons).not.toContain('too-easy');
    expect(byId.get('all')!.reasons).toEqual(['too-easy']);
    // No variance: discrimination and efficiency are undefined rather than 0.
    expect(byId.get('all')!.discrimination).toBeNull();
    expect(byId.get('all')!.efficiency).toBeNull();
    expect(byId.get('rev')!.dubious).toBe(true);
    expect(byId.get('rev')!.reasons).toEqual(['low-efficiency', 'negative-discrimination']);
    // It moves against the total, so it is left out of the effective weights.
    expect(byId.get('rev')!.effectiveWeight).toBeNull();
    expect(byId.get('s1')!.dubious).toBe(false);
  });

  it.each([
    { minAttempts: undefined, tooFew: false, reasons: ['low-efficiency', 'negative-discrimination'] },
    { minAttempts: 20, tooFew: false, reasons: ['low-efficiency', 'negative-discrimination'] },
    { minAttempts: 21, tooFew: true, reasons: [] },
    { minAttempts: 30, tooFew: true, reasons: [] },
  ])(
    'minAttempts $minAttempts: an item seen 20 times is judged unless below it',
    ({ minAttempts, tooFew, reasons }) => {
      const rows: (number | null)[][] = [];
      for (let c = 0; c < 20; c++) {
        const strong = c < 10 ? 1 : 0;
        rows.push([strong, strong, c < 15 ? 1 - strong : 0]);
      }
      const stats = itemStatistics({ itemIds: ['s1', 's2', 'rev'], rows }, { minAttempts });
      const rev = stats.items[2]!;
      expect(rev).toMatchObject({ tooFewAttempts: tooFew, reasons, dubious: reasons.length > 0 });
      // The figures themselves are the same either way.
      expect(rev.discrimination).toBe(
        itemStatistics({ itemIds: ['s1', 's2', 'rev'], rows }).items[2]!.discrimination,
      );
    },
  );

  it('flags a too-hard item', () => {
    const rows = Array.from({ length: 30 }, (_, c) => [c === 0 ? 1 : 0, c % 2]);
    const stats = itemStatistics({ itemIds: ['hard', 'mid'], rows });
    expect(stats.items[0]!.facility).toBeCloseTo(100 / 30, 10);
    expect(stats.items[0]!.reasons).toContain('too-hard');
  });

  it('returns nulls rather than NaN for tiny samples', () => {
    const stats = itemStatistics({ itemIds: ['a', 'b'], rows: [[1, 0]] });
    expect(stats.attempts).toBe(1);
    expect(stats.test.mean).toBe(50);
    expect(stats.test.sd).toBeNull();
    expect(stats.test.skewness).toBeNull();
    expect(stats.items[0]).toMatchObject({ n: 1, facility: 100, sd: null, discrimination: null });
    expect(itemStatistics({ itemIds: ['a'], rows: [] }).test.mean).toBeNull();
  });
});

/** θ ~ N(0, 1) attempts at items with a in [0.6, 2.2], b in [−2.5, 2.5]; `missing` = share not presented. */
function simulateDense(items: number, attempts: number, missing: number, seed: number): ResponseMatrix {
  const random = createRandom(seed);
  const params = Array.from({ length: items }, () => ({ a: 0.6 + 1.6 * random(), b: -2.5 + 5 * random() }));
  const rows: (number | null)[][] = [];
  for (let r = 0; r < attempts; r++) {
    const theta = sampleNormal(random);
    rows.push(
      params.map(({ a, b }) => (random() < missing ? null : random() < probability(a, b, theta) ? 1 : 0)),
    );
  }
  return { itemIds: params.map((_, i) => `q${i + 1}`), rows };
}

/** The same responses, built row by row in a shuffled presentation order rather than through toSparse. */
function shuffledSparse(matrix: ResponseMatrix, seed: number): SparseResponses {
  const random = createRandom(seed);
  return {
    itemIds: matrix.itemIds.slice(),
    rows: matrix.rows.map((row) => {
      const presented = shuffle(
        row.flatMap((x, i) => (x === null ? [] : [i])),
        random,
      );
      return {
        items: Uint32Array.from(presented),
        marks: Uint8Array.from(presented, (i) => row[i]!),
      };
    }),
  };
}

describe('sparse responses', () => {
  it('toSparse keeps the presented items and marks, row by row', () => {
    const sparse = toSparse({
      itemIds: ['a', 'b', 'c'],
      rows: [
        [1, null, 0],
        [null, null, null],
        [0, 1, 1],
      ],
    });
    expect(sparse.itemIds).toEqual(['a', 'b', 'c']);
    expect(sparse.rows.map((r) => [...r.items])).toEqual([[0, 2], [], [0, 1, 2]]);
    expect(sparse.rows.map((r) => [...r.marks])).toEqual([[1, 0], [], [0, 1, 1]]);
    expect(isSparse(sparse)).toBe(true);
    expect(isSparse(hand)).toBe(false);
  });

  it('gives identical results on the hand-worked table', () => {
    expect(itemStatistics(toSparse(hand))).toEqual(itemStatistics(hand));
    expect(itemStatistics(shuffledSparse(hand, 1))).toEqual(itemStatistics(hand));
    // Complete, so alpha is reported from the sparse form too.
    expect(itemStatistics(toSparse(hand)).test.alpha).toBeCloseTo(23 / 30, 12);
  });

  it.each([
    { name: 'with 30% of marks missing', missing: 0.3 },
    { name: 'complete', missing: 0 },
  ])('gives identical results on a simulated data set $name', ({ missing }) => {
    const matrix = simulateDense(25, 400, missing, 21);
    const dense = itemStatistics(matrix, { randomGuess: { q1: 25 } });
    // Every sum is an exact integer, so even a different order within each attempt changes nothing.
    expect(itemStatistics(toSparse(matrix), { randomGuess: { q1: 25 } })).toEqual(dense);
    expect(itemStatistics(shuffledSparse(matrix, 2), { randomGuess: { q1: 25 } })).toEqual(dense);
    expect(dense.test.alpha === null).toBe(missing > 0);
  });

  it('treats an attempt that saw nothing like a row of blanks', () => {
    const matrix: ResponseMatrix = {
      itemIds: ['a', 'b'],
      rows: [
        [1, 0],
        [null, null],
        [0, 0],
        [1, 1],
      ],
    };
    const sparse = toSparse(matrix);
    expect(sparse.rows[1]!.items).toHaveLength(0);
    expect(itemStatistics(sparse)).toEqual(itemStatistics(matrix));
    expect(itemStatistics(sparse).attempts).toBe(3);
    expect(itemStatistics(sparse).test.alpha).toBeNull();
  });

  it.each([
    {
      name: 'an index outside the pool',
      rows: [{ items: Uint32Array.of(0, 2), marks: Uint8Array.of(1, 0) }],
      error: /item index 2 is outside 0\.\.1/,
    },
    {
      name: 'an item twice in one attempt',
      rows: [{ items: Uint32Array.of(1, 1), marks: Uint8Array.of(1, 0) }],
      error: /attempt 1: question b listed twice/,
    },
    {
      name: 'marks and items of different lengths',
      rows: [{ items: Uint32Array.of(0, 1), marks: Uint8Array.of(1) }],
      error: /2 items but 1 marks/,
    },
    {
      name: 'a mark above 1',
      rows: [
        { items: Uint32Array.of(0), marks: Uint8Array.of(1) },
        { items: Uint32Array.of(1), marks: Uint8Array.of(2) },
      ],
      error: /attempt 2, question b: mark 2 is outside 0..1/,
    },
    {
      name: 'a negative fractional mark',
      rows: [{ items: Uint32Array.of(0, 1), marks: Float64Array.of(0.5, -0.25) }],
      error: /attempt 1, question b: mark -0.25 is outside 0..1/,
    },
  ])('rejects $name', ({ rows, error }) => {
    expect(() => itemStatistics({ itemIds: ['a', 'b'], rows })).toThrow(error);
  });

  it('rejects a dense mark outside 0..1, and keeps fractional ones', () => {
    expect(() => toSparse({ itemIds: ['a', 'b'], rows: [[1, 1.5]] })).toThrow(
      /attempt 1, question b: mark 1.5 is outside 0..1/,
    );
    expect(Array.from(toSparse({ itemIds: ['a', 'b'], rows: [[1, 0.5]] }).rows[0]!.marks)).toEqual([1, 0.5]);
  });

  it('handles 100,000 attempts × 40 items from a 2,000-item pool', () => {
    const random = createRandom(31);
    const pool = Array.from({ length: 2000 }, () => ({ a: 0.6 + 1.6 * random(), b: -2.5 + 5 * random() }));
    const attempts = 100_000;
    const length = 40;
    // One buffer for all attempts; each row a view, as toSparse builds them.
    const items = new Uint32Array(attempts * length);
    const marks = new Uint8Array(attempts * length);
    const order = pool.map((_, i) => i);
    const rows: SparseResponses['rows'] = [];
    for (let r = 0; r < attempts; r++) {
      const theta = sampleNormal(random);
      const at = r * length;
      // Partial Fisher–Yates: the first 40 slots are a uniform random form, in presentation order.
      for (let s = 0; s < length; s++) {
        const j = s + randomInt(random, pool.length - s);
        [order[s], order[j]] = [order[j]!, order[s]!];
        const { a, b } = pool[order[s]!]!;
        items[at + s] = order[s]!;
        marks[at + s] = random() < probability(a, b, theta) ? 1 : 0;
      }
      rows.push({ items: items.subarray(at, at + length), marks: marks.subarray(at, at + length) });
    }
    const sparse: SparseResponses = { itemIds: pool.map((_, i) => `q${i + 1}`), rows };

    itemStatistics({ itemIds: sparse.itemIds, rows: rows.slice(0, 1000) }); // warm-up
    const started = performance.now();
    const stats = itemStatistics(sparse);
    const elapsed = performance.now() - started;
    console.info(
      `itemStatistics on 100,000 × 40 sparse responses from 2,000 items: ${elapsed.toFixed(0)} ms`,
    );

    expect(stats.attempts).toBe(attempts);
    expect(stats.items).toHaveLength(2000);
    expect(stats.items.reduce((s, i) => s + i.n, 0)).toBe(attempts * length);
    // Each item is seen by 2,000 attempts on average (binomial SD ≈ 44).
    expect(stats.items.every((i) => i.n > 1700 && i.n < 2300)).toBe(true);
    // Facility falls as difficulty rises; discrimination is positive for an item that fits the model.
    const facility = stats.items.map((i) => i.facility!);
    const rank = (xs: number[]): number[] => {
      const sorted = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
      const ranks = new Array<number>(xs.length);
      sorted.forEach(([, i], r) => (ranks[i] = r));
      return ranks;
    };
    const rf = rank(facility);
    const rb = rank(pool.map((p) => p.b));
    const n = pool.length;
    const spearman = 1 - (6 * rf.reduce((s, r, i) => s + (r - rb[i]!) ** 2, 0)) / (n * (n * n - 1));
    expect(spearman).toBeLessThan(-0.95);
    expect(stats.items.filter((i) => i.discrimination! > 0).length).toBeGreaterThan(0.99 * n);
    expect(stats.items.reduce((s, i) => s + (i.effectiveWeight ?? 0), 0)).toBeCloseTo(100, 6);
    expect(stats.test.mean).toBeGreaterThan(30);
    expect(stats.test.mean).toBeLessThan(70);
    expect(stats.test.sd).toBeGreaterThan(5);
    // Not every attempt saw every item.
    expect(stats.test.alpha).toBeNull();
    expect(elapsed).toBeLessThan(3000);
  });
});

describe('parseResponsesCsv', () => {
  it('reads ids, marks and blanks', () => {
    expect(parseResponsesCsv('q1,q2,"q,3"\n1,0,\n,1,1\n')).toEqual({
      itemIds: ['q1', 'q2', 'q,3'],
      rows: [
        [1, 0, null],
        [null, 1, 1],
      ],
    });
  });

  it('reads fractional marks 0..1 and "-" for not presented', () => {
    expect(parseResponsesCsv('a,b,c\n0.5,.25,-\n1.0,0,0.333\n')).toEqual({
      itemIds: ['a', 'b', 'c'],
      rows: [
        [0.5, 0.25, null],
        [1, 0, 0.333],
      ],
    });
  });

  it('accepts CRLF, a BOM, padding, quoted marks and blank lines', () => {
    expect(parseResponsesCsv('\uFEFFa, b\r\n 1 ,"0"\r\n\r\n0,1')).toEqual({
      itemIds: ['a', 'b'],
      rows: [
        [1, 0],
        [0, 1],
      ],
    });
  });

  it.each([
    { name: 'empty file', text: '', error: /empty file/, line: 1, column: 1 },
    {
      name: 'bad mark',
      text: 'a,b\n1,0\n1,2\n',
      error: /invalid mark "2" for question b/,
      line: 3,
      column: 3,
    },
    { name: 'text mark', text: 'a,b\n1,yes\n', error: /invalid mark "yes"/, line: 2, column: 3 },
    {
      name: 'mark above 1',
      text: 'a,b\n1.5,1\n',
      error: /invalid mark "1.5" for question a/,
      line: 2,
      column: 1,
    },
    { name: 'negative mark', text: 'a,b\n1,-0.5\n', error: /invalid mark "-0.5"/, line: 2, column: 3 },
    {
      name: 'too many fields',
      text: 'a,b\n1,0,1\n',
      error: /expected 2 fields, found 3/,
      line: 2,
      column: 5,
    },
    { name: 'too few fields', text: 'a,b,c\n1,0\n', error: /expected 3 fields, found 2/, line: 2, column: 3 },
    { name: 'duplicate id', text: 'a,b,a\n1,0,1\n', error: /duplicate question id "a"/, line: 1, column: 5 },
    { name: 'empty id', text: 'a,,c\n', error: /empty question id/, line: 1, column: 3 },
    { name: 'unterminated quote', text: 'a,b\n1,"0\n', error: /unterminated/, line: 2, column: 3 },
    { name: 'junk after quote', text: 'a,b\n"1"x,0\n', error: /after closing quote/, line: 2, column: 4 },
    {
      name: 'line after a quoted newline',
      text: '"a\nb",c\n1,0\n1,9',
      error: /invalid mark/,
      line: 4,
      column: 3,
    },
  ])('rejects $name at line $line, column $column', ({ text, error, line, column }) => {
    const result = parseResponsesCsv(text);
    expect(result).toMatchObject({ line, column });
    expect('error' in result && result.error).toMatch(error);
  });
});
