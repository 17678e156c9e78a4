// Bank loading against malformed fixtures: every problem at its file:line:column, all at once.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadBanks,
  loadValidBanksFromYaml as loadValidBanks,
  MAX_BANK_BYTES,
} from '../../src/bank/load-banks.js';
import { BankError } from '../../src/core/errors.js';
import { FIXTURES, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';

const MALFORMED = path.join(FIXTURES, 'banks', 'malformed');
const located = (file: string, strict = false) =>
  loadBanks({ paths: [path.join(MALFORMED, file)], cwd: MALFORMED, strict }).problems.map(
    (p) => `${p.line}:${p.column} ${p.rule}`,
  );

describe('loadBanks', () => {
  it('loads valid banks into normalised questions with a content hash', () => {
    const { banks, problems, files, questions } = loadBanks({ paths: [SMALL_BANKS] });
    expect(problems).toEqual([]);
    expect(files).toBe(2);
    expect(questions).toBe(5);
    const tf = banks[0]!.questions.find((q) => q.id === 'alpha-three')!;
    expect(tf.options.map((o) => o.id)).toEqual(['true', 'false']);
    expect(tf.answer).toEqual(['true']);
    expect(banks[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    { file: 'yaml-syntax.yaml', expected: ['4:1 yaml-syntax'] },
    { file: 'duplicate-key.yaml', expected: ['4:1 duplicate-key'] },
    {
      file: 'wrong-types.yaml',
      expected: [
        '1:9 invalid-value',
        '2:9 invalid-value',
        '8:11 invalid-value',
        '10:11 wrong-type',
        '11:13 wrong-type',
        '12:13 invalid-value',
        '13:18 invalid-value',
        '14:18 invalid-value',
      ],
    },
    {
      file: 'structure.yaml',
      expected: [
        '13:7 unexpected-options',
        '28:13 duplicate-option-id',
        '30:13 multiple-key',
        '34:11 missing-options',
        '38:13 answer-type',
      ],
    },
    {
      file: 'hands-on.yaml',
      expected: [
        '15:17 unknown-key',
        '19:11 missing-field',
        '35:13 order-key',
        '44:7 order-steps',
        '50:11 missing-field',
        '57:13 unexpected-answer',
        '65:11 unexpected-field',
        '73:11 missing-answer',
      ],
    },
  ])('$file', ({ file, expected }) => {
    expect(located(file)).toEqual(expected);
  });

  it('--strict adds the content rules', () => {
    expect(located('strict.yaml', true)).toEqual([
      '7:3 longest-key',
      '10:15 undeclared-tag',
      '16:15 above-option',
      '20:15 duplicate-option-text',
      '22:18 short-explanation',
      '23:18 reference-https',
      '28:13 near-duplicate',
    ]);
    expect(located('strict.yaml', false)).toEqual([]);
  });

  it('--strict adds the hands-on content rules', () => {
    expect(located('hands-on-strict.yaml', true)).toEqual([
      '11:13 sql-columns',
      '17:7 few-mistakes',
      '22:11 few-mistakes',
      '37:11 code-length',
      '46:11 code-length',
      '97:24 order-giveaway',
      '98:24 order-giveaway',
      '99:24 order-giveaway',
      '110:7 order-as-key',
      '122:7 order-as-key',
    ]);
    expect(located('hands-on-strict.yaml', false)).toEqual([]);
  });

  it('--strict key-position leaves order questions out: every option of one is in its key', () => {
    const dir = tempDir();
    const order = (i: number) => `  - id: order-${i}
    type: order
    difficulty: mid
    tags: [t]
    prompt: Arrange ${['boot', 'deploy', 'backup', 'restore', 'migrate', 'rotate'][i]} steps in order
    options:
${['b', 'c', 'a'].map((o) => `      - {id: s${o}, text: step ${o}${i}}`).join('\n')}
    answer: [sa, sb, sc]
    explanation: This explanation is long enough to pass the minimum length rule because it has more than eighty characters.
    references: [https://example.org/]`;
    writeFileSync(
      path.join(dir, 'order.yaml'),
      [
        'format: 1\ndomain: order\ntitle: Order\nsubtopics: {t: T}\nquestions:',
        ...[0, 1, 2, 3, 4, 5].map(order),
      ].join('\n'),
    );
    expect(loadBanks({ paths: [dir], cwd: dir, strict: true }).problems).toEqual([]);
  });

  // A bank of option questions with three options each (equal lengths, so only the position rule can fire):
  // one row per question, the source positions of its keys.
  const positionBank = (keyPositions: number[][]) =>
    [
      'format: 1\ndomain: positions\ntitle: Positions\nsubtopics: {t: T}\nquestions:',
      ...keyPositions.map(
        (keys, i) => `  - id: q${i}
    type: ${keys.length === 1 ? 'single' : 'multiple'}
    difficulty: mid
    tags: [t]
    prompt: Question number ${i} ${'word'.repeat(i + 1)} asks about item ${i}
    options:
${[0, 1, 2].map((o) => `      - {id: o${o}, text: opt${o}}`).join('\n')}
    answer: ${keys.length === 1 ? `o${keys[0]}` : `[${keys.map((k) => `o${k}`).join(', ')}]`}
    explanation: This explanation is long enough to pass the minimum length rule because it has more than eighty characters.
    references: [https://example.org/]`,
      ),
    ].join('\n');

  it.each([
    {
      keys: [[0], [0], [0], [0], [1], [0, 2]],
      expected: ['6:3 a key is option 1 in 5 of 6 option questions (83%'],
    },
    {
      keys: [[0], [0], [1], [2], [1], [0, 2]],
      expected: ['6:3 a key is option 1 in 3 of 6 option questions (50%'],
    },
    {
      keys: [[0], [2], [1], [2], [1], [0, 2]],
      expected: ['6:3 a key is option 3 in 3 of 6 option questions (50%'],
    },
    { keys: [[0], [1], [2], [0], [1], [2], [2], [0, 1]], expected: [] }, // 3 of 8 at each position
    { keys: [[0], [0], [0], [0]], expected: [] }, // too few questions to spread
  ])('--strict key-position: keys at $keys', ({ keys, expected }) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'positions.yaml'), positionBank(keys));
    const { problems } = loadBanks({ paths: [dir], cwd: dir, strict: true });
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`.slice(0, expected[0]?.length))).toEqual(
      expected,
    );
    problems.forEach((p) => expect(p.rule).toBe('key-position'));
  });

  it('messages name the file relative to cwd', () => {
    const [problem] = loadBanks({
      paths: [path.join(MALFORMED, 'yaml-syntax.yaml')],
      cwd: FIXTURES,
    }).problems;
    expect(problem!.file).toBe(path.join('banks', 'malformed', 'yaml-syntax.yaml'));
  });

  it('finds duplicate ids across files', () => {
    const dir = tempDir();
    const bank = (domain: string) =>
      `format: 1\ndomain: ${domain}\ntitle: T\nsubtopics: {t: T}\nquestions:\n  - id: same-id\n    type: true-false\n    difficulty: mid\n    tags: [t]\n    prompt: p\n    answer: true\n    explanation: e\n    references: [https://example.org/]\n`;
    writeFileSync(path.join(dir, 'a.yaml'), bank('a'));
    writeFileSync(path.join(dir, 'b.yaml'), bank('b'));
    const { problems } = loadBanks({ paths: [dir], cwd: dir });
    expect(problems).toEqual([
      {
        file: 'b.yaml',
        line: 6,
        column: 9,
        rule: 'duplicate-id',
        message: 'question id "same-id" is already used in a.yaml',
      },
    ]);
  });

  it('refuses alias bombs and oversized files with a located message', () => {
    const dir = tempDir();
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    writeFileSync(path.join(dir, 'bomb.yaml'), bomb.join('\n'));
    writeFileSync(path.join(dir, 'huge.yaml'), Buffer.alloc(MAX_BANK_BYTES + 1, 0x20));
    const { problems } = loadBanks({ paths: [dir], cwd: dir });
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual([
      'bomb.yaml:1:1 yaml-aliases',
      'huge.yaml:1:1 file-too-large',
    ]);
  });

  it('loadValidBanks throws a BankError carrying every problem', () => {
    expect(() => loadValidBanks([MALFORMED], MALFORMED)).toThrow(BankError);
    try {
      loadValidBanks([MALFORMED], MALFORMED);
    } catch (error) {
      expect((error as BankError).problems.length).toBeGreaterThan(10);
    }
  });
});

describe('problem messages', () => {
  it('say what is wrong in plain words', () => {
    const messages = loadBanks({
      paths: [path.join(MALFORMED, 'wrong-types.yaml')],
      cwd: MALFORMED,
    }).problems.map((p) => p.message);
    expect(messages).toContain('question "wt-one" tags: tags must be a list');
    expect(messages).toContain('question "wt-one" prompt: prompt must be a string');
    expect(messages).toContain('format: format must be 1');
  });
});
