// Packing: the pool an assessment can draw from, the small-pool warning, draws from bundles that match the banks',
// and what of a hands-on question travels in a bundle.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load-banks.js';
import { assessmentPool, packBundle, smallPools } from '../../src/bundle/pack.js';
import { bundleQuestions, openBundle, readBundleFile } from '../../src/bundle/read.js';
import { visibleHash, type BundleContent } from '../../src/bundle/schema.js';
import { assessmentSchema, selectAssessmentItems } from '../../src/core/assessment.js';
import { UsageError } from '../../src/core/errors.js';
import { createRandom } from '../../src/core/random.js';
import { FIXTURES, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';

const HANDS_ON = path.join(FIXTURES, 'banks', 'hands-on', 'authoring.yaml');

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

describe('packBundle with hands-on questions (sql, lines, order)', () => {
  const handsOn = loadBanks({ paths: [HANDS_ON] }).banks.flatMap((b) => b.questions);
  const byType = (type: string) => handsOn.filter((q) => q.type === type);
  const all = assessmentSchema.parse({
    format: 1,
    id: 'hands',
    title: 'Hands-on',
    domains: [{ id: 'authoring', questions: handsOn.map((q) => q.id) }],
  });
  const packHandsOn = (extra: { open?: boolean; passphrase?: string } = {}) =>
    packBundle({
      assessment: all,
      assessmentHash: 'e'.repeat(64),
      questions: handsOn,
      titles: {},
      open: extra.open ?? false,
      ...(extra.passphrase !== undefined ? { passphrase: extra.passphrase } : {}),
      now: 0,
    });
  const PASSPHRASE = 'correct horse battery staple';

  /** The content of a packed bundle as `take` reads it, plain or encrypted. */
  const unsealed = (text: string, passphrase?: string) => {
    const file = path.join(tempDir(), 'bundle.json');
    writeFileSync(file, text);
    return openBundle(readBundleFile(file, 'bundle.json'), 'bundle.json', passphrase);
  };

  /** Key material of the hands-on questions, as it would appear in JSON text. */
  const keyMaterial = () => {
    const body = (s: string) => JSON.stringify(s.trim()).slice(1, -1);
    const out: { secret: string; what: string }[] = [];
    for (const q of byType('sql')) {
      const { sample, check, reference, mistakes } = q.sql!;
      // Every row of the check data that the sample does not also hold.
      for (const row of check!.match(/\([^()]*\)/g) ?? [])
        if (!sample.includes(row)) out.push({ secret: row, what: `check row of ${q.id}` });
      out.push({ secret: body(check!), what: `check data of ${q.id}` });
      out.push({ secret: body(reference!), what: `reference of ${q.id}` });
      for (const m of mistakes) {
        out.push({ secret: body(m.query), what: `mistake of ${q.id}` });
        out.push({ secret: body(m.why), what: `mistake reason of ${q.id}` });
      }
    }
    for (const q of handsOn)
      out.push({ secret: body(q.explanation).slice(0, 60), what: `explanation of ${q.id}` });
    return out;
  };

  it('the fixture holds every hands-on type, and check rows the sample does not', () => {
    expect(new Set(handsOn.map((q) => q.type))).toEqual(new Set(['sql', 'lines', 'order']));
    expect(keyMaterial().filter((k) => k.what.startsWith('check row')).length).toBeGreaterThan(5);
  });

  it.each([
    { kind: 'plain', passphrase: undefined },
    { kind: 'encrypted', passphrase: PASSPHRASE },
  ])(
    'a sealed $kind bundle holds no check data, reference, mistake, explanation or key',
    ({ passphrase }) => {
      const packed = packHandsOn(passphrase === undefined ? {} : { passphrase });
      const content = unsealed(packed.text, passphrase);
      // The bytes on disk and, for an encrypted bundle, the content the candidate's machine decrypts.
      const texts = [packed.text, JSON.stringify(content)];
      for (const text of texts) {
        const leaks = keyMaterial()
          .filter((k) => text.includes(k.secret))
          .map((k) => k.what);
        expect(leaks).toEqual([]);
        for (const field of ['"check"', '"reference"', '"mistakes"', '"answer"', '"explanation"'])
          expect(text).not.toContain(`${field}:`);
      }
      // The lines key (line 4) is nowhere: the lines question carries its code and nothing else.
      const lines = content.questions.find((q) => q.type === 'lines')!;
      expect(Object.keys(lines).sort()).toEqual(
        ['code', 'contentHash', 'difficulty', 'domain', 'id', 'options', 'prompt', 'type'].sort(),
      );
      expect(lines.options).toEqual([]);
      expect(packed.record.pool.find((p) => p.id === lines.id)!.options).toEqual({});
    },
  );

  it('take rebuilds every type from the bundle alone: code, sql schema and sample, order steps', () => {
    const questions = bundleQuestions(unsealed(packHandsOn({ passphrase: PASSPHRASE }).text, PASSPHRASE));
    for (const bank of handsOn) {
      const q = questions.find((x) => x.id === bank.id)!;
      expect(q.answer).toEqual([]);
      expect(q.explanation).toBe('');
      // What the candidate sees hashes the same from the bundle as from the banks.
      expect(visibleHash(q)).toBe(visibleHash(bank));
      if (bank.type === 'sql') {
        expect(q.sql).toEqual({
          schema: bank.sql!.schema,
          sample: bank.sql!.sample,
          ordered: false,
          mistakes: [],
        });
        expect(q.sql).not.toHaveProperty('check');
        expect(q.sql).not.toHaveProperty('reference');
        expect(q.code).toBeUndefined();
      }
      if (bank.type === 'lines') {
        expect(q.code).toEqual(bank.code);
        expect(q.code!.language).toBe('python');
        expect(q.sql).toBeUndefined();
      }
      if (bank.type === 'order')
        expect(q.options.map((o) => o.text).sort()).toEqual(bank.options.map((o) => o.text).sort());
    }
  });

  it('the visible hash covers the code and the sql schema and sample, never the check data or the key', () => {
    const [lines] = byType('lines');
    const [sql] = byType('sql');
    const changed = [
      { ...lines!, code: { text: `${lines!.code!.text}# more\n`, language: 'python' } },
      {
        ...sql!,
        sql: { ...sql!.sql!, sample: `${sql!.sql!.sample}INSERT INTO customers VALUES (9, 'Zoe');\n` },
      },
      { ...sql!, sql: { ...sql!.sql!, schema: sql!.sql!.schema.replace('TEXT', 'BLOB') } },
    ];
    for (const q of changed)
      expect(visibleHash(q)).not.toBe(visibleHash(handsOn.find((x) => x.id === q.id)!));
    const same = [
      { ...lines!, answer: ['5'] },
      { ...sql!, sql: { ...sql!.sql!, check: '', reference: 'SELECT 1', mistakes: [] } },
    ];
    for (const q of same) expect(visibleHash(q)).toBe(visibleHash(handsOn.find((x) => x.id === q.id)!));
  });

  it('order steps get fresh opaque ids and a fresh order in every bundle; the record maps them back', () => {
    const [order] = byType('order');
    const orders = new Set<string>();
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const packed = packHandsOn();
      const shown = (JSON.parse(packed.text) as { content: BundleContent }).content.questions.find(
        (q) => q.id === order!.id,
      )!;
      const entry = packed.record.pool.find((p) => p.id === order!.id)!;
      expect(shown.options.map((o) => entry.options[o.id])).toEqual(
        shown.options.map((o) => order!.options.find((b) => b.text === o.text)!.id),
      );
      orders.add(shown.options.map((o) => o.text).join('|'));
      for (const o of shown.options) ids.add(o.id);
    }
    // 4 steps: 24 orders, so twelve bundles in one order would be a broken shuffle, not chance (24^-11).
    expect(orders.size).toBeGreaterThan(1);
    expect(ids.size).toBe(12 * order!.options.length);
  });

  it('an open bundle carries the lines and order keys, and refuses sql tasks', () => {
    const noSql = assessmentSchema.parse({
      ...all,
      domains: [{ id: 'authoring', questions: [...byType('lines'), ...byType('order')].map((q) => q.id) }],
    });
    const packed = packBundle({
      assessment: noSql,
      assessmentHash: 'e'.repeat(64),
      questions: handsOn,
      titles: {},
      open: true,
      now: 0,
    });
    const content = (JSON.parse(packed.text) as { content: BundleContent }).content;
    const [lines] = byType('lines');
    const [order] = byType('order');
    expect(content.questions.find((q) => q.id === lines!.id)!.answer).toEqual(lines!.answer);
    const shownOrder = content.questions.find((q) => q.id === order!.id)!;
    const entry = packed.record.pool.find((p) => p.id === order!.id)!;
    expect(shownOrder.answer!.map((id) => entry.options[id])).toEqual(order!.answer);

    expect(() => packHandsOn({ open: true })).toThrow(UsageError);
    expect(() => packHandsOn({ open: true })).toThrow(
      /an open bundle cannot hold sql tasks \(authoring-sql-customers-without-orders, .*\).*pack it sealed/,
    );
  });
});
