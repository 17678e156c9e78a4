// Packing: the pool an assessment can draw from, the small-pool warning, and draws from bundles that match the banks'.
import { describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load-banks.js';
import { assessmentPool, packBundle, smallPools } from '../../src/bundle/pack.js';
import { bundleQuestions } from '../../src/bundle/read.js';
import { assessmentSchema, selectAssessmentItems } from '../../src/core/assessment.js';
import { createRandom } from '../../src/core/random.js';
import { SMALL_BANKS } from '../helpers/fixtures.js';

const questions = loadBanks({ paths: [SMALL_BANKS] }).banks.flatMap((b) => b.questions);
const assessment = (extra: object) =>
  assessmentSchema.parse({ format: 1, id: 'a', title: 'A', domains: [{ id: 'alpha', count: 2 }], ...extra });

describe('assessmentPool', () => {
  it.each([
    { domains: [{ id: 'alpha', count: 1 }], pool: ['alpha-one', 'alpha-two', 'alpha-three'] },
    { domains: [{ id: 'beta', questions: ['beta-two'] }], pool: ['beta-two'] },
    {
      domains: [
        { id: 'alpha', questions: ['alpha-two'] },
        { id: 'beta', count: 1 },
      ],
      pool: ['alpha-two', 'beta-one', 'beta-two'],
    },
  ])('$domains.0.id…: $pool', ({ domains, pool }) => {
    expect(assessmentPool(assessment({ domains }), questions).map((q) => q.id)).toEqual(pool);
  });
});

describe('smallPools', () => {
  it.each([
    { extra: { domains: [{ id: 'alpha', count: 1 }] }, warned: [] },
    { extra: { domains: [{ id: 'alpha', count: 2 }] }, warned: [{ domain: 'alpha', pool: 3, drawn: 2 }] },
    { extra: { domains: [{ id: 'alpha', count: 2 }], seedPolicy: 'same-for-all', seed: 1 }, warned: [] },
    { extra: { domains: [{ id: 'beta', questions: ['beta-one'] }] }, warned: [] },
    {
      extra: { domains: [{ id: 'alpha', count: 2 }], seedPolicy: 'same-for-all', seed: 1, adaptive: true },
      warned: [{ domain: 'alpha', pool: 3, drawn: 2 }],
    },
  ])('$extra → $warned', ({ extra, warned }) => {
    expect(smallPools(assessment(extra), questions)).toEqual(warned);
  });
});

describe('packBundle', () => {
  const same = assessment({
    domains: [
      { id: 'alpha', count: 2 },
      { id: 'beta', count: 1 },
    ],
    seedPolicy: 'same-for-all',
    seed: 99,
  });
  const pack = () =>
    packBundle({
      assessment: same,
      assessmentHash: 'f'.repeat(64),
      questions,
      titles: {},
      open: false,
      now: 0,
    });
  const content = (text: string) =>
    (JSON.parse(text) as { content: Parameters<typeof bundleQuestions>[0] }).content;

  it('a same-for-all seed draws the same questions from every bundle as from the banks', () => {
    const draw = (qs: typeof questions) =>
      selectAssessmentItems(same, qs, createRandom(99)).map((i) => i.questionId);
    const fromBanks = draw(questions);
    expect(draw(bundleQuestions(content(pack().text)))).toEqual(fromBanks);
    expect(draw(bundleQuestions(content(pack().text)))).toEqual(fromBanks);
  });

  it('records a map back to every bank option and never the key in the bundle', () => {
    const packed = pack();
    const bundle = content(packed.text);
    for (const entry of packed.record.pool) {
      const q = questions.find((x) => x.id === entry.id)!;
      expect(Object.values(entry.options).sort()).toEqual(q.options.map((o) => o.id).sort());
      const shown = bundle.questions.find((x) => x.id === entry.id)!;
      expect(shown.options.map((o) => o.id).sort()).toEqual(Object.keys(entry.options).sort());
      expect(shown).not.toHaveProperty('answer');
      expect(shown).not.toHaveProperty('explanation');
    }
  });
});
