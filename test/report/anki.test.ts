import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadValidBanksFromYaml } from '../../src/bank/load-banks.js';
import type { Question } from '../../src/core/bank-schema.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { ankiNotes, ankiText } from '../../src/report/anki.js';

describe('ankiText', () => {
  it.each([
    ['plain', 'plain'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['"quoted" field', '&quot;quoted&quot; field'],
    ["it's", 'it&#39;s'],
    ['two\nlines', 'two<br>lines'],
    ['windows\r\nline', 'windows<br>line'],
    ['a\tb', 'a&#9;b'],
    ['\u001b[31mred\u001b[0m', 'red'],
    ['&lt; already escaped', '&amp;lt; already escaped'],
  ])('%j -> %j', (input, output) => {
    expect(ankiText(input)).toBe(output);
  });
});

describe('ankiNotes', () => {
  const hostile: Question = {
    id: 'hostile',
    domain: 'security',
    type: 'single',
    difficulty: 'mid',
    tags: ['xss', 'output-encoding'],
    prompt: '"Quoted" start with a\ttab\nand a <b>tag</b>\n```html\n<img src=x onerror=alert(1)>\n```',
    options: [
      { id: 'a', text: 'Encode <, >, & and "' },
      { id: 'b', text: 'Strip\tnothing' },
    ],
    answer: ['a'],
    explanation: 'Line one.\nLine two with\ta tab.',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
    ],
  };

  it('keeps each note on one line of exactly three tab-separated fields, whatever the bank text holds', () => {
    const lines = ankiNotes([hostile, { ...hostile, id: 'second' }]).split('\n');
    expect(lines.pop()).toBe('');
    const notes = lines.filter((l) => !l.startsWith('#'));
    expect(notes).toHaveLength(2);
    const [front, back, tags] = notes[0]!.split('\t');
    expect(notes[0]!.split('\t')).toHaveLength(3);
    expect(front!.startsWith('"')).toBe(false); // a leading quote would make Anki read a quoted multi-line field
    expect(front).toContain('&quot;Quoted&quot; start with a&#9;tab<br>and a &lt;b&gt;tag&lt;/b&gt;');
    expect(front).toContain('<pre><code>&lt;img src=x onerror=alert(1)&gt;</code></pre>');
    expect(front).toContain('<li>Encode &lt;, &gt;, &amp; and &quot;</li><li>Strip&#9;nothing</li>');
    expect(back).toContain('<b>Encode &lt;, &gt;, &amp; and &quot;</b>');
    expect(back).toContain('Line one.<br>Line two with&#9;a tab.');
    expect(tags).toBe('backend-quiz security security::xss security::output-encoding');
    expect(front).not.toMatch(/<(?!\/?(div|pre|code|ul|li|i|br)>)/); // no tag from the bank survives unescaped
  });

  it('starts with the headers Anki reads', () => {
    expect(ankiNotes([]).split('\n').slice(0, 2)).toEqual(['#separator:tab', '#html:true']);
  });
});

describe('ankiNotes for hands-on questions', () => {
  const hands = new Map(
    loadValidBanksFromYaml([path.join(FIXTURES, 'banks', 'hands-on', 'grading.yaml')], FIXTURES).flatMap(
      (b) => b.questions.map((q) => [q.id, q] as const),
    ),
  );
  const note = (id: string) => {
    const [front, back] = ankiNotes([hands.get(id)!])
      .trimEnd()
      .split('\n')
      .at(-1)!
      .split('\t');
    return { front: front!, back: back! };
  };

  it('shows the numbered code of a lines question and names the lines on the back', () => {
    const { front, back } = note('hands-lines-sql-injection');
    expect(front).toContain('<pre><code>1  @app.get(&quot;/orders&quot;)<br>2  def orders():');
    expect(front).toContain('<br>6      return jsonify(');
    expect(back).toContain('<b>line 5</b>');
  });

  it('lists the steps of an order question in an order that gives nothing away, and the order on the back', () => {
    const { front, back } = note('hands-order-tls-handshake');
    expect(front).toContain(
      '<ul><li>Certificate and CertificateVerify</li><li>ClientHello</li><li>Finished from the client</li><li>ServerHello</li></ul>',
    );
    expect(back).toContain(
      '<b>ClientHello → ServerHello → Certificate and CertificateVerify → Finished from the client</b>',
    );
  });

  it('shows the schema of a sql task and the reference query, lines kept, on the back', () => {
    const { front, back } = note('hands-customers-without-orders');
    expect(front).toContain(
      '<pre><code>CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);<br>',
    );
    expect(back).toContain('<pre><code>SELECT c.id, c.name FROM customers c<br>WHERE NOT EXISTS');
    expect(front).not.toContain('NOT EXISTS');
  });
});
