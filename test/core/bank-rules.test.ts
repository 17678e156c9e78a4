import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { similarPairs } from '../../src/core/bank-rules.js';

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** The rule as written: every pair compared. */
function allPairs(sets: Set<string>[], threshold: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let j = 0; j < sets.length; j++)
    for (let i = 0; i < j; i++) if (jaccard(sets[i]!, sets[j]!) >= threshold) pairs.push([i, j]);
  return pairs;
}

describe('similarPairs (near-duplicate prompts by prefix filtering)', () => {
  it('finds exactly the pairs that comparing every pair finds', () => {
    const word = fc.constantFrom(
      'join',
      'index',
      'lock',
      'row',
      'table',
      'query',
      'cache',
      'key',
      'page',
      'log',
    );
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(word, { maxLength: 8 }), { maxLength: 30 }),
        fc.constantFrom(0.5, 0.7, 0.85, 1),
        (lists, threshold) => {
          const sets = lists.map((l) => new Set(l)).sort((a, b) => a.size - b.size);
          const sorted = (p: [number, number][]) => [...p].sort((x, y) => x[1] - y[1] || x[0] - y[0]);
          expect(sorted(similarPairs(sets, threshold))).toEqual(sorted(allPairs(sets, threshold)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('20,000 distinct prompts finish (the bench measures how fast)', () => {
    const sets = Array.from(
      { length: 20_000 },
      (_, i) => new Set(Array.from({ length: 12 }, (_, k) => `w${(i * 7919 + k * 104729) % 50_000}`)),
    );
    expect(similarPairs(sets, 0.85)).toEqual([]);
  });
});
