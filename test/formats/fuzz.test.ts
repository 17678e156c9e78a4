// Every reader on generated and mangled input: none throws (XML refuses with a located XmlInputError), every skipped
// item is located inside the file, and whatever is converted is a bank that passes the schema and structural rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankSchema } from '../../src/core/bank-schema.js';
import { structuralProblems } from '../../src/core/bank-rules.js';
import { parseAiken } from '../../src/formats/aiken.js';
import type { ParsedQuestions } from '../../src/formats/common.js';
import { parseGift } from '../../src/formats/gift.js';
import { parseMarkdown } from '../../src/formats/markdown.js';
import { parseMoodleXml, XmlInputError } from '../../src/formats/moodle-xml.js';
import { toBanks } from '../../src/formats/to-bank.js';

const pieces: Record<string, string[]> = {
  gift: [
    '::q::',
    '{',
    '}',
    '=',
    '~',
    '#',
    '####',
    '%50%',
    '%-100%',
    '->',
    '\\',
    '\\:',
    '\\n',
    '[html]',
    '[markdown]',
    '<p>',
    '<pre>',
    '$CATEGORY: $course$/top/A/B',
    '// c',
    'T',
    'TRUE',
    'text',
    ' ',
    '\n',
    '\n\n',
    '\r\n',
    '\uFEFF',
    'https://a.example/x',
  ],
  xml: [
    '<quiz>',
    '</quiz>',
    '<question type="multichoice">',
    '<question type="truefalse">',
    '<question type="shortanswer">',
    '<question type="category">',
    '</question>',
    '<name><text>n</text></name>',
    '<questiontext format="html"><text>',
    '</text></questiontext>',
    '<answer fraction="100"><text>a</text></answer>',
    '<answer fraction="0"><text>b</text></answer>',
    '<answer fraction="50"><text>c</text></answer>',
    '<single>false</single>',
    '<![CDATA[<p>x</p>]]>',
    '&amp;',
    '&lt;',
    '&#65;',
    '<category><text>$course$/top/D</text></category>',
    '<tags><tag><text>difficulty:mid</text></tag></tags>',
    'text',
    '\n',
    '<!-- c -->',
  ],
  aiken: [
    'Question?',
    'A. one',
    'B) two',
    'C. three',
    'ANSWER: A',
    'ANSWER: C',
    'ANSWER: Z',
    '\n',
    '\n\n',
    '\r\n',
    'text',
  ],
  markdown: [
    '#### Q1. ',
    '## Title',
    '- [x] ',
    '- [ ] ',
    '```',
    '```sql',
    'text',
    '**Explanation:** ',
    '[Reference](https://a.example/r)',
    '![i](x.png)',
    '\n',
    '\n\n',
    '  ',
    'True',
    'False',
  ],
};

const word = fc.constantFrom(
  'alpha',
  'b = c',
  'x\\{y\\}',
  'R&D',
  '<b>',
  '`code`',
  'a\\: b',
  '50%',
  'T',
  'ünï',
  '->',
);
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const anyPiece = (kind: string) => fc.constantFrom(...pieces[kind]!);

const giftAnswer = fc
  .tuple(fc.constantFrom('=', '~', '~%50%', '~%-100%', '=%50%', '~%33.33333%'), words, fc.option(words))
  .map(([m, t, f]) => `${m}${t}${f ? `#${f}` : ''}`);
const giftQuestion = fc
  .tuple(
    fc.option(words),
    fc.constantFrom('', '[markdown]', '[html]'),
    words,
    fc.oneof(
      fc.array(giftAnswer, { minLength: 1, maxLength: 9 }).map((a) => a.join('\n\t')),
      fc.constantFrom('T', 'FALSE', '#3:1', '', 'T#no#yes'),
    ),
    fc.option(words),
  )
  .map(([n, f, t, a, g]) => `${n ? `::${n}::` : ''}${f}${t}{\n\t${a}${g ? `\n\t####${g}` : ''}\n}`);
const gift = fc
  .array(
    fc.oneof(
      giftQuestion,
      giftQuestion,
      words.map((w) => `$CATEGORY: $course$/top/${w}`),
    ),
    { maxLength: 6 },
  )
  .map((qs) => qs.join('\n\n'));

const xmlText = fc.constantFrom(
  'a',
  'b &amp; c',
  '<![CDATA[<p>x <code>y</code></p>]]>',
  '&lt;pre&gt;z&lt;/pre&gt;',
  'x]]&gt;',
  'true',
  'false',
);
const xmlAnswer = fc
  .tuple(fc.constantFrom('100', '0', '50', '-100', '33.33333', 'x'), xmlText)
  .map(([f, t]) => `<answer fraction="${f}"><text>${t}</text></answer>`);
const xmlQuestion = fc
  .tuple(
    fc.constantFrom('multichoice', 'multichoice', 'truefalse', 'shortanswer', 'matching', 'category'),
    xmlText,
    fc.array(xmlAnswer, { maxLength: 10 }),
    fc.constantFrom('', '<single>false</single>', '<single>true</single>'),
    fc.constantFrom('', '<tags><tag><text>difficulty:senior</text></tag><tag><text>x y</text></tag></tags>'),
  )
  .map(
    ([type, text, answers, single, tags]) =>
      `<question type="${type}"><name><text>${text}</text></name><category><text>$course$/top/${text}</text></category>` +
      `<questiontext format="html"><text>${text}</text></questiontext>${single}${answers.join('')}${tags}</question>`,
  );
const xml = fc
  .array(xmlQuestion, { maxLength: 6 })
  .map((qs) => `<?xml version="1.0"?>\n<quiz>\n${qs.join('\n')}\n</quiz>\n`);

const aikenQuestion = fc
  .tuple(
    words,
    fc.array(words, { minLength: 1, maxLength: 9 }),
    fc.constantFrom('A', 'B', 'C', 'Z'),
    fc.constantFrom('.', ')'),
  )
  .map(
    ([q, opts, key, sep]) =>
      `${q}\n${opts.map((o, i) => `${String.fromCharCode(65 + i)}${sep} ${o}`).join('\n')}\nANSWER: ${key}`,
  );
const aiken = fc.array(aikenQuestion, { maxLength: 6 }).map((qs) => qs.join('\n\n'));

const mdQuestion = fc
  .tuple(
    words,
    fc.option(fc.constantFrom('```sql\nSELECT 1;\n```', '![i](x.png)', 'more text')),
    fc.array(fc.tuple(fc.boolean(), words), { minLength: 1, maxLength: 9 }),
    fc.option(
      fc.constantFrom(
        '**Explanation:** why',
        '[Reference](https://a.example/r)',
        'References:\n- https://a.example/q',
      ),
    ),
  )
  .map(
    ([h, extra, opts, after]) =>
      `#### Q1. ${h}\n\n${extra ?? ''}\n\n${opts.map(([x, t]) => `- [${x ? 'x' : ' '}] ${t}`).join('\n')}\n\n${after ?? ''}`,
  );
const markdown = fc.array(mdQuestion, { maxLength: 6 }).map((qs) => `## Title\n\n${qs.join('\n\n')}`);

const structured: Record<string, fc.Arbitrary<string>> = { gift, xml, aiken, markdown };

/** Structured files, the same with a piece inserted somewhere (mangled), and free-form strings. */
const input = (kind: string) =>
  fc.oneof(
    { arbitrary: structured[kind]!, weight: 3 },
    {
      arbitrary: fc
        .tuple(structured[kind]!, fc.nat(), anyPiece(kind))
        .map(
          ([text, at, piece]) =>
            text.slice(0, at % (text.length + 1)) + piece + text.slice(at % (text.length + 1)),
        ),
      weight: 2,
    },
    { arbitrary: fc.array(anyPiece(kind), { maxLength: 60 }).map((p) => p.join('')), weight: 1 },
    { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  );

const parsers: [string, (text: string) => ParsedQuestions][] = [
  ['gift', parseGift],
  ['xml', parseMoodleXml],
  ['aiken', parseAiken],
  ['markdown', parseMarkdown],
];

describe.each(parsers)('%s reader on generated input', (kind, parse) => {
  it('never throws unexpectedly; locates what it skips; converts only into valid banks', () => {
    fc.assert(
      fc.property(input(kind), (text) => {
        let parsed: ParsedQuestions;
        try {
          parsed = parse(text);
        } catch (error) {
          expect(error).toBeInstanceOf(XmlInputError);
          expect((error as XmlInputError).at.line).toBeGreaterThanOrEqual(1);
          return;
        }
        const lines = text.replace(/\r\n?/g, '\n').split('\n').length;
        for (const s of [...parsed.skipped, ...parsed.questions.map((q) => q.at)]) {
          expect(s.line).toBeGreaterThanOrEqual(1);
          expect(s.line).toBeLessThanOrEqual(lines);
          expect(s.column).toBeGreaterThanOrEqual(1);
        }
        const { banks, rejected } = toBanks(parsed.questions, 'fuzz', 'Fuzz');
        expect(rejected.length + banks.reduce((n, b) => n + b.bank.questions.length, 0)).toBe(
          parsed.questions.length,
        );
        for (const { bank } of banks) {
          const checked = bankSchema.safeParse(bank);
          expect(checked.error?.issues ?? []).toEqual([]);
        }
        const structural = structuralProblems(
          banks.map(({ bank }) => ({
            file: bank.domain,
            domain: bank.domain,
            subtopics: bank.subtopics,
            questions: bank.questions,
            ids: bank.questions.map((q) => q.id),
          })),
        );
        expect(structural).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
