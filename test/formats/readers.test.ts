// Each reader on fixtures written from the format's published documentation: what maps to what, and where every
// construct that cannot be represented is reported.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAiken, writeAiken } from '../../src/formats/aiken.js';
import { escapeGift, parseGift } from '../../src/formats/gift.js';
import { parseMarkdown, writeMarkdown } from '../../src/formats/markdown.js';
import { parseMoodleXml, writeMoodleXml, XmlInputError } from '../../src/formats/moodle-xml.js';
import {
  htmlToMarkdown,
  markdownToHtml,
  splitReferences,
  type ParsedQuestions,
} from '../../src/formats/common.js';
import { FIXTURES } from '../helpers/fixtures.js';

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'convert', name), 'utf8');
const byName = (parsed: ParsedQuestions, name: string) => parsed.questions.find((q) => q.name === name);

describe('GIFT reader (Moodle GIFT format page)', () => {
  const parsed = parseGift(fixture('gift-docs.gift'));

  it.each([
    ["Grant's tomb", 'single', ['Grant', 'Jefferson', 'no one'], [2]],
    ['isolation-level', 'single', ['READ COMMITTED', 'READ UNCOMMITTED', 'SERIALIZABLE'], [0]],
    ['escapes', 'single', ['1', '{}', '1~2', '#1 = a'], [0]],
    ['btree-range', 'single', ['B-tree', 'Hash'], [0]],
    ['two-of-three', 'multiple', ['Atomicity', 'Isolation', 'Availability'], [0, 1]],
    ['missing-word', 'single', ['lots of money', 'nothing', 'a small amount'], [1]],
  ])('%s: %s with its options and key', (name, type, options, keys) => {
    const q = byName(parsed, name);
    expect(q).toMatchObject({ type, keys });
    expect(q?.options.map((o) => o.text)).toEqual(options);
  });

  it('unescapes \\= \\{ \\} \\: \\~ \\# in the prompt', () => {
    expect(byName(parsed, 'escapes')?.prompt).toBe(
      'Which value does the JSON object {"a": 1} hold for the key a?',
    );
  });

  it('$CATEGORY gives the category path below $course$/top', () => {
    expect(byName(parsed, 'isolation-level')?.category).toEqual(['Databases', 'Transactions']);
    expect(byName(parsed, 'btree-range')?.category).toEqual(['Databases', 'Indexes']);
  });

  it('general and per-answer feedback become the explanation; its URL a reference', () => {
    const q = byName(parsed, 'isolation-level')!;
    expect(q.explanation).toContain('PostgreSQL documents the anomalies each level allows');
    expect(q.explanation).toContain('"READ UNCOMMITTED": It allows dirty reads.');
    expect(q.references).toEqual(['https://www.postgresql.org/docs/current/transaction-iso.html']);
  });

  it('[html] text becomes Markdown with its <pre><code> as a fenced block', () => {
    expect(byName(parsed, 'btree-range')?.prompt).toBe(
      'Which index type serves a range query such as\n```sql\nSELECT * FROM t WHERE x BETWEEN 1 AND 9;\n```',
    );
  });

  it('keeps [markdown] text as written; the missing word form shows a blank', () => {
    expect(byName(parsed, 'isolation-level')?.prompt).toBe(
      'Which isolation level stops *dirty reads* but not *non-repeatable reads*?',
    );
    expect(byName(parsed, 'missing-word')?.prompt).toBe('Moodle costs _____ to download from moodle.org.');
    expect(byName(parsed, 'short-answer')).toMatchObject({ type: 'text', accepted: ['four', '4'] });
    expect(byName(parsed, 'sun-rises')).toMatchObject({ type: 'true-false', truth: true });
  });

  it('reports every construct it cannot represent at its line and column', () => {
    expect(parsed.skipped.map((s) => [s.line, s.column, s.rule])).toEqual([
      [34, 38, 'unsupported-partial-credit'],
      [37, 2, 'unsupported-matching'],
      [44, 46, 'unsupported-numerical'],
      [46, 55, 'unsupported-essay'],
      [50, 10, 'unsupported-image'],
    ]);
    // Every question in the file is either converted or reported.
    expect(parsed.questions.length + parsed.skipped.length).toBe(13);
  });

  it('reads a file saved on Windows (BOM, CRLF) like any other', () => {
    const windows = parseGift(fixture('windows.gift'));
    expect(fixture('windows.gift').startsWith('\uFEFF')).toBe(true);
    expect(fixture('windows.gift')).toContain('\r\n');
    expect(windows.skipped).toEqual([]);
    expect(windows.questions.map((q) => [q.at.line, q.name, q.category])).toEqual([
      [4, 'safe-method', ['APIs']],
      [6, 'tf', ['APIs']],
    ]);
    expect(windows.questions[1]).toMatchObject({
      type: 'true-false',
      truth: true,
      references: ['https://www.rfc-editor.org/rfc/rfc9110#section-3.3'],
    });
    expect(windows.questions.every((q) => !q.prompt.includes('\r'))).toBe(true);
  });

  it('a question right after $CATEGORY with no blank line is reported, as Moodle would swallow it', () => {
    const parsed = parseGift('$CATEGORY: $course$/top/A\n::q::Text{=a ~b}\n\n::r::Next{=c ~d}\n');
    expect(parsed.questions.map((q) => [q.name, q.category])).toEqual([['r', ['A']]]);
    expect(parsed.skipped).toMatchObject([{ line: 2, column: 1, rule: 'gift-syntax' }]);
  });

  it('escapes what GIFT reserves, and line breaks as \\n', () => {
    expect(escapeGift('a=b {c} ~d #e f:g \\h\ni')).toBe('a\\=b \\{c\\} \\~d \\#e f\\:g \\\\h\\ni');
  });
});

describe('Moodle XML reader (Moodle XML format page)', () => {
  const parsed = parseMoodleXml(fixture('moodle-xml-docs.xml'));

  it('multichoice with CDATA, entities, inline code and a <pre><code> block', () => {
    const q = byName(parsed, 'ETag & If-None-Match')!;
    expect(q.type).toBe('single');
    expect(q.prompt).toBe(
      'A client sends `If-None-Match: "v2"` and the resource\'s ETag is still `"v2"`. What does the server answer?\n```http\nGET /items/7 HTTP/1.1\nIf-None-Match: "v2"\n```',
    );
    expect(q.options.map((o) => o.text)).toEqual([
      '`304 Not Modified`',
      '200 OK with the body',
      '412 Precondition Failed',
    ]);
    expect(q.keys).toEqual([0]);
    expect(q.category).toEqual(['HTTP APIs', 'Caching']);
    // Entity-escaped HTML in the feedback: &amp;amp; is a literal "&", &#167; a section sign.
    expect(q.explanation).toContain('still fresh & usable: see [RFC 9110 §13.1.2]');
    expect(q.explanation).toContain('"`304 Not Modified`": No body is sent.');
    expect(q.references).toEqual(['https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2']);
  });

  it('a multiple-answer question whose right answers share 100% (3 × 33.33333) is multiple choice', () => {
    expect(byName(parsed, 'safe-methods')).toMatchObject({
      type: 'multiple',
      keys: [0, 1, 2],
      difficulty: 'junior',
      tags: ['methods'],
    });
  });

  it('truefalse and shortanswer', () => {
    expect(byName(parsed, 'put-idempotent')).toMatchObject({ type: 'true-false', truth: true });
    expect(byName(parsed, 'status-conflict')).toMatchObject({
      type: 'text',
      accepted: ['409', '409 Conflict'],
    });
  });

  it('reports matching, numerical, cloze, partial credit, images and essays at their <question>', () => {
    expect(parsed.skipped.map((s) => [s.line, s.column, s.rule])).toEqual([
      [58, 3, 'unsupported-matching'],
      [63, 3, 'unsupported-numerical'],
      [68, 3, 'unsupported-cloze'],
      [72, 3, 'unsupported-partial-credit'],
      [79, 3, 'unsupported-image'],
      [86, 3, 'unsupported-essay'],
    ]);
  });

  it.each([
    ['xxe.xml', 2, 1, 'xml-doctype'],
    ['billion-laughs.xml', 2, 1, 'xml-doctype'],
    ['undeclared-entity.xml', 3, 42, 'xml-entity'],
    ['malformed.xml', 4, 18, 'xml-syntax'],
  ])('refuses %s at %i:%i (%s)', (name, line, column, rule) => {
    let error: unknown;
    try {
      parseMoodleXml(fixture(name));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlInputError);
    expect(error).toMatchObject({ at: { line, column }, rule });
  });

  it('writes code blocks as <pre><code> in CDATA, references as links in the general feedback', () => {
    const { text } = writeMoodleXml({
      domain: 'databases',
      questions: [
        {
          id: 'cdata-end',
          domain: 'databases',
          type: 'single',
          difficulty: 'senior',
          tags: ['sql'],
          prompt: 'What does this print?\n\n```js\nconsole.log("]]>" < 1 && true);\n```',
          options: [
            { id: 'a', text: '`false`' },
            { id: 'b', text: 'an error' },
          ],
          answer: ['a'],
          explanation: 'The comparison converts the string to NaN.',
          references: ['https://tc39.es/ecma262/#sec-islessthan'],
        },
        {
          id: 'cdata-answer',
          domain: 'databases',
          type: 'text',
          difficulty: 'mid',
          tags: ['sql'],
          prompt: 'Type the three characters that end a CDATA section, between a and b.',
          options: [],
          answer: ['a]]>b'],
          explanation: 'XML 1.0 section 2.7.',
          references: ['https://www.w3.org/TR/xml/#sec-cdata-sect'],
        },
      ],
    });
    expect(text).toContain(
      '<pre><code class="language-js">console.log(&quot;]]&gt;&quot; &lt; 1 &amp;&amp; true);</code></pre>',
    );
    // Short answers are not HTML: "]]>" in one ends the CDATA section and opens another.
    expect(text).toContain('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(text).toContain('<a href="https://tc39.es/ecma262/#sec-islessthan">');
    expect(text).toContain('<tag><text>difficulty:senior</text></tag>');
    expect(parseMoodleXml(text).questions[1]?.accepted).toEqual(['a]]>b']);
    expect(parseMoodleXml(text).questions[0]?.prompt).toBe(
      'What does this print?\n```js\nconsole.log("]]>" < 1 && true);\n```',
    );
  });
});

describe('Aiken reader and writer (Moodle Aiken format page)', () => {
  it('reads both documented examples ("A." and "A)") and locates broken questions', () => {
    const parsed = parseAiken(fixture('aiken-docs.txt'));
    expect(parsed.questions.map((q) => [q.prompt, q.options.length, q.keys])).toEqual([
      ['What is the correct answer to this question?', 4, [3]],
      ['Which LMS has the most quiz import formats?', 6, [0]],
    ]);
    expect(parsed.skipped.map((s) => [s.line, s.column, s.message])).toEqual([
      [20, 1, 'ANSWER: C names no option'],
      [22, 1, 'no "ANSWER: X" line after the options'],
    ]);
  });

  it('writes single choice only and lists the rest', () => {
    const base = { domain: 'd', difficulty: 'mid' as const, tags: ['t'], explanation: 'x', references: [] };
    const written = writeAiken({
      questions: [
        {
          ...base,
          id: 'one',
          type: 'single',
          prompt: 'Pick',
          options: [
            { id: 'a', text: 'A1' },
            { id: 'b', text: 'B1' },
          ],
          answer: ['b'],
        },
        {
          ...base,
          id: 'two',
          type: 'multiple',
          prompt: 'Pick',
          options: [
            { id: 'a', text: 'A' },
            { id: 'b', text: 'B' },
          ],
          answer: ['a'],
        },
        {
          ...base,
          id: 'three',
          type: 'single',
          prompt: 'Pick\n\n```\ncode\n```',
          options: [
            { id: 'a', text: 'A' },
            { id: 'b', text: 'B' },
          ],
          answer: ['a'],
        },
      ],
    });
    expect(written.text).toBe('Pick\nA. A1\nB. B1\nANSWER: B\n');
    expect(written.skipped.map((s) => [s.id, s.rule])).toEqual([
      ['two', 'unwritable-type'],
      ['three', 'unwritable-multiline'],
    ]);
  });
});

describe('checklist Markdown reader and writer', () => {
  const parsed = parseMarkdown(fixture('checklist.md'));

  it('reads #### Qn. headings, code fences, [x] keys, explanations and reference links', () => {
    expect(parsed.title).toBe('SQL');
    expect(parsed.questions.map((q) => [q.at.line, q.type, q.keys])).toEqual([
      [3, 'single', [1]],
      [11, 'single', [0]],
      [23, 'multiple', [0, 1]],
    ]);
    expect(parsed.questions[0]).toMatchObject({
      references: ['https://www.postgresql.org/docs/current/sql-select.html#SQL-HAVING'],
    });
    expect(parsed.questions[0]?.explanation).toBeUndefined();
    expect(parsed.questions[1]?.prompt).toBe(
      'What does this query return?\n\n```sql\nSELECT COUNT(*) FROM (VALUES (1), (NULL)) AS t(x);\n```',
    );
    expect(parsed.questions[1]?.explanation).toBe(
      '`COUNT(*)` counts rows, including rows whose values are NULL.',
    );
    expect(parsed.skipped.map((s) => [s.line, s.rule])).toEqual([
      [29, 'unsupported-image'],
      [36, 'markdown-syntax'],
    ]);
  });

  it('writes what it reads back', () => {
    const base = { domain: 'd', difficulty: 'mid' as const, tags: ['t'] };
    const written = writeMarkdown({
      title: 'SQL',
      questions: [
        {
          ...base,
          id: 'q',
          type: 'multiple',
          prompt: 'Which are DDL?\n\n```sql\nCREATE TABLE t (x int);\n```',
          options: [
            { id: 'a', text: '`CREATE`' },
            { id: 'b', text: '`SELECT`' },
            { id: 'c', text: '`DROP`' },
          ],
          answer: ['a', 'c'],
          explanation: 'CREATE and DROP define schema objects.',
          references: ['https://www.postgresql.org/docs/current/ddl.html'],
        },
        {
          ...base,
          id: 't',
          type: 'text',
          prompt: 'Name it',
          options: [],
          answer: ['x'],
          explanation: 'x',
          references: [],
        },
      ],
    });
    expect(written.skipped.map((s) => s.id)).toEqual(['t']);
    const back = parseMarkdown(written.text);
    expect(back.questions[0]).toMatchObject({
      type: 'multiple',
      prompt: 'Which are DDL?\n\n```sql\nCREATE TABLE t (x int);\n```',
      keys: [0, 2],
      explanation: 'CREATE and DROP define schema objects.',
      references: ['https://www.postgresql.org/docs/current/ddl.html'],
    });
  });
});

describe('shared text conversions', () => {
  it.each([
    ['<p>a &lt; b</p><p>c<br>d</p>', 'a < b\n\nc\nd'],
    ['<p>Use <code>x &amp;&amp; y</code></p>', 'Use `x && y`'],
    ['<pre>  indented\n\n  kept</pre>', '```\n  indented\n\n  kept\n```'],
    ['<p>Run</p><pre>x</pre><p>then</p>', 'Run\n```\nx\n```\nthen'],
    ['<ul><li>one</li><li>two</li></ul>', '- one\n- two'],
    [
      '<p>See <a href="https://a.example/x?a=1&amp;b=2">docs</a></p>',
      'See [docs](https://a.example/x?a=1&b=2)',
    ],
  ])('htmlToMarkdown(%j)', (html, md) => {
    expect(htmlToMarkdown(html)).toBe(md);
  });

  it('markdownToHtml and back keeps paragraphs, line breaks, inline code and code blocks', () => {
    const md = 'One & two\nthree `<x>`\n\nfour\n```sql\nSELECT 1 < 2;\n\n  -- done\n```\nEnd';
    expect(htmlToMarkdown(markdownToHtml(md))).toBe(md);
  });

  it('splitReferences takes a trailing References block, else every URL', () => {
    expect(splitReferences('Why.\n\nReferences:\n- https://a.example/1\n- https://b.example/2')).toEqual({
      explanation: 'Why.',
      references: ['https://a.example/1', 'https://b.example/2'],
    });
    expect(splitReferences('See https://a.example/1, then https://a.example/1.')).toEqual({
      explanation: 'See https://a.example/1, then https://a.example/1.',
      references: ['https://a.example/1'],
    });
  });
});
