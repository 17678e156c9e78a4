import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/bank-schema.js';
import { createRandom, shuffle } from '../../src/core/random.js';
import { eligibleQuestions, selectQuestions } from '../../src/core/selection.js';

function q(
  id: string,
  domain: string,
  difficulty: 'junior' | 'mid' | 'senior',
  type: Question['type'] = 'single',
): Question {
  const options =
    type === 'true-false'
      ? [
          { id: 'true', text: 'True' },
          { id: 'false', text: 'False' },
        ]
      : [1, 2, 3, 4].map((n) => ({ id: `o${n}`, text: `O${n}` }));
  return {
    id,
    domain,
    difficulty,
    type,
    tags: ['t'],
    prompt: id,
    options,
    answer: ['o1'],
    explanation: '',
    references: [],
  };
}

const pool: Question[] = [
  ...Array.from({ length: 30 }, (_, i) =>
    q(`db-${i}`, 'databases', (['junior', 'mid', 'senior'] as const)[i % 3]!),
  ),
  ...Array.from({ length: 6 }, (_, i) =>
    q(`api-${i}`, 'apis', (['junior', 'mid', 'senior'] as const)[i % 3]!),
  ),
  q('tf-1', 'apis', 'mid', 'true-false'),
];

describe('selectQuestions', () => {
  it.each([
    { spec: { topics: [], difficulty: 'mixed' as const, count: 10 }, n: 10 },
    { spec: { topics: ['apis'], difficulty: 'mixed' as const, count: 100 }, n: 7 },
    { spec: { topics: ['databases'], difficulty: 'senior' as const, count: 100 }, n: 10 },
    { spec: { topics: ['nope'], difficulty: 'mixed' as const, count: 5 }, n: 0 },
  ])('$spec -> $n questions', ({ spec, n }) => {
    const items = selectQuestions(pool, spec, createRandom(1));
    expect(items).toHaveLength(n);
    expect(new Set(items.map((i) => i.questionId)).size).toBe(n);
    for (const item of items) {
      if (spec.topics.length) expect(spec.topics).toContain(item.domain);
      if (spec.difficulty !== 'mixed') expect(item.difficulty).toBe(spec.difficulty);
    }
  });

  it('is reproducible: same seed, same questions and option order; another seed differs', () => {
    const spec = { topics: [], difficulty: 'mixed' as const, count: 12 };
    const a = selectQuestions(pool, spec, createRandom(42));
    expect(selectQuestions(pool, spec, createRandom(42))).toEqual(a);
    expect(selectQuestions(pool, spec, createRandom(43))).not.toEqual(a);
  });

  it('gives each chosen topic a fair share rather than drawing in proportion to bank size', () => {
    const items = selectQuestions(pool, { topics: [], difficulty: 'mixed', count: 10 }, createRandom(5));
    expect(items.filter((i) => i.domain === 'apis')).toHaveLength(5);
  });

  it('shuffles options but keeps True before False', () => {
    const items = selectQuestions(pool, { topics: ['apis'], difficulty: 'mixed', count: 7 }, createRandom(3));
    expect(items.find((i) => i.questionId === 'tf-1')!.optionOrder).toEqual(['true', 'false']);
    const orders = new Set(items.filter((i) => i.questionId !== 'tf-1').map((i) => i.optionOrder.join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('eligibleQuestions filters by topic and difficulty', () => {
    expect(eligibleQuestions(pool, { topics: ['apis'], difficulty: 'junior' }).map((x) => x.id)).toEqual([
      'api-0',
      'api-3',
    ]);
  });
});

describe('random', () => {
  it('shuffle is a permutation and leaves its input alone', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffle(input, createRandom(9));
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('is roughly uniform', () => {
    const random = createRandom(123);
    const buckets = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(random() * 10)]!++;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});
