// Limits on input files, checked in linear time: duplicate keys (YAML and JSON), aliases per document, encodings.
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findDuplicateJsonKey } from '../../src/bank/json-keys.js';
import { encodingProblem } from '../../src/bank/read-input.js';
import { readAnswers } from '../../src/bank/read-answers.js';
import { documentProblems, MAX_ALIAS_COUNT } from '../../src/bank/yaml-limits.js';

describe('findDuplicateJsonKey', () => {
  it.each([
    { text: '{"a": 1, "b": 2}', found: undefined },
    { text: '{"a": 1,\n "a": 2}', found: { key: 'a', line: 2, column: 2 } },
    { text: '{"a": {"x": 1}, "b": {"x": 2}}', found: undefined },
    { text: '[{"a": 1}, {"a": 2}]', found: undefined },
    { text: '{"a": ["a", "a"], "c": "a"}', found: undefined },
    { text: '{"o": {"k": 1, "k": 2}}', found: { key: 'k', line: 1, column: 16 } },
    { text: '{"\\u0061": 1, "a": 2}', found: { key: 'a', line: 1, column: 15 } },
    { text: '{"q\\"": 1, "q\\"": 2}', found: { key: 'q"', line: 1, column: 12 } },
  ])('$text', ({ text, found }) => {
    JSON.parse(text); // every case is valid JSON
    expect(findDuplicateJsonKey(text)).toEqual(found);
  });

  it('scans 200,000 keys (linear; the bench measures the answers file)', () => {
    const text = `{${Array.from({ length: 200_000 }, (_, i) => `"k${i}": ${i}`).join(',')},"k5":0}`;
    expect(findDuplicateJsonKey(text)?.key).toBe('k5');
  });
});

describe('documentProblems', () => {
  const problems = (text: string) => documentProblems(parseDocument(text, { uniqueKeys: false }));

  it('finds each repeated key in each mapping, located at the repeat', () => {
    const text = 'a: 1\nb:\n  x: 1\n  x: 2\na: 3\n';
    expect(problems(text).map((p) => [p.rule, text.slice(p.offset, p.offset + 1)])).toEqual([
      ['duplicate-key', 'x'],
      ['duplicate-key', 'a'],
    ]);
  });

  it('tells 1 and "1" apart, as YAML does', () => {
    expect(problems('1: a\n"1": b\n')).toEqual([]);
  });

  it(`refuses more than ${MAX_ALIAS_COUNT} aliases in one document, however they are spread`, () => {
    const keys = Array.from({ length: MAX_ALIAS_COUNT + 1 }, (_, i) => `k${i}: *a`).join('\n');
    expect(problems(`base: &a 1\n${keys}\n`).map((p) => p.rule)).toEqual(['yaml-aliases']);
    const ok = Array.from({ length: MAX_ALIAS_COUNT }, (_, i) => `k${i}: *a`).join('\n');
    expect(problems(`base: &a 1\n${ok}\n`)).toEqual([]);
  });

  it('counts the expanded size of nested aliases (a billion laughs)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 6; i++)
      lines.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      );
    expect(problems(lines.join('\n')).map((p) => p.message)).toEqual([
      expect.stringMatching(/^aliases expand to \d+ values; at most 100000 are allowed per file$/),
    ]);
  });

  it('readAnswers: 50,000 keys with one repeated, found at its line (200,000 are in the bench)', () => {
    const text = `${Array.from({ length: 50_000 }, (_, i) => `q${i}: b`).join('\n')}\nq7: c\n`;
    const { problems: found } = readAnswers(text, 'big.yaml');
    expect(found).toEqual([expect.objectContaining({ line: 50_001, column: 1, rule: 'duplicate-key' })]);
  });
});

describe('encodingProblem', () => {
  const utf16 = 'the file is UTF-16; save it as UTF-8';
  const utf32 = 'the file is UTF-32; save it as UTF-8';
  it.each([
    { name: 'UTF-8', bytes: Buffer.from('format: 1\n'), problem: undefined },
    { name: 'UTF-8 with BOM', bytes: Buffer.from('\ufeffformat: 1\n'), problem: undefined },
    { name: 'UTF-16LE BOM', bytes: Buffer.from('\ufeffformat', 'utf16le'), problem: utf16 },
    { name: 'UTF-16BE BOM', bytes: Buffer.from([0xfe, 0xff, 0, 0x66]), problem: utf16 },
    { name: 'UTF-16LE without BOM', bytes: Buffer.from('format', 'utf16le'), problem: utf16 },
    { name: 'UTF-32LE BOM', bytes: Buffer.from([0xff, 0xfe, 0, 0, 0x66, 0, 0, 0]), problem: utf32 },
    { name: 'UTF-32BE without BOM', bytes: Buffer.from([0, 0, 0, 0x66, 0, 0, 0, 0x6f]), problem: utf32 },
    { name: 'empty', bytes: Buffer.alloc(0), problem: undefined },
  ])('$name', ({ bytes, problem }) => expect(encodingProblem(bytes)).toBe(problem));
});
