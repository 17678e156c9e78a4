// Terminal text by display width: wrapping at word boundaries, joining bank prose's soft breaks, padding tables.
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/core/scoring.js';
import { listPageSize } from '../../src/ui/prompts.js';
import { renderAbility, renderPrompt, renderSummary, renderTable } from '../../src/ui/render.js';
import {
  displayWidth,
  joinSoftBreaks,
  padEndDisplay,
  reflowProse,
  terminalSize,
  wrapText,
} from '../../src/ui/text.js';
import { createTheme } from '../../src/ui/theme.js';

const plain = createTheme(false);
const colour = createTheme(true);
const words = (text: string) => stripAnsi(text).split(/\s+/).filter(Boolean);

describe('displayWidth', () => {
  it.each([
    { text: 'abc', width: 3 },
    { text: '日本語', width: 6 },
    { text: '👩‍💻 dev', width: 6 },
    { text: colour.red('red'), width: 3 },
    { text: 'Zoë', width: 3 },
  ])('$text is $width columns', ({ text, width }) => expect(displayWidth(text)).toBe(width));
});

describe('wrapText', () => {
  it.each([
    {
      name: 'ASCII prose',
      text: 'The quick brown fox jumps over the lazy dog and keeps running far away',
      width: 20,
    },
    {
      name: 'CJK, two columns a character',
      text: '数据库 事务 隔离级别 可重复读 幻读 快照 隔离 序列化 锁',
      width: 12,
    },
    { name: 'emoji', text: '🚀 deploy 🚀 rollback 🔥 incident 🧯 postmortem 📈 metrics 📉', width: 16 },
    {
      name: 'ANSI colour does not count',
      text: `${colour.red('red words')} and ${colour.green('green words')} side by side in one line`,
      width: 18,
    },
  ])('$name: no line wider than the width, every word whole', ({ text, width }) => {
    const wrapped = wrapText(text, width);
    const lines = wrapped.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    expect(words(wrapped)).toEqual(words(text));
  });

  it('keeps colour on the words it belongs to', () => {
    const wrapped = wrapText(`${colour.red('one two three four five')} six`, 10);
    expect(wrapped.split('\n')[1]).toContain('\u001b[31m');
    expect(stripAnsi(wrapped)).toBe('one two\nthree four\nfive six');
  });

  it('indents every line and hangs continuation lines', () => {
    expect(wrapText('aaa bbb ccc ddd', 9, '  ', '  ')).toBe('  aaa bbb\n    ccc\n    ddd');
  });

  it('breaks only a word wider than the whole line', () => {
    const url = `https://example.com/${'x'.repeat(40)}`;
    const lines = wrapText(`see ${url} now`, 30).split('\n');
    expect(lines[0]).toBe('see');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    expect(lines.join('')).toContain(url);
  });
});

describe('joinSoftBreaks', () => {
  it.each([
    {
      name: 'a single newline is a space',
      text: 'What must th\ne node do?',
      joined: 'What must th e node do?',
    },
    {
      name: 'blank lines separate paragraphs',
      text: 'one\ntwo\n\nthree\nfour',
      joined: 'one two\n\nthree four',
    },
    {
      name: 'list items keep their lines; continuation joins its item',
      text: 'Pick one:\n- first item\n  continued\n- second\n1. numbered\n2) also',
      joined: 'Pick one:\n- first item continued\n- second\n1. numbered\n2) also',
    },
    {
      name: 'table rows stay as written',
      text: 'Given:\n| a | b |\n|---|---|\n| 1 | 2 |',
      joined: 'Given:\n| a | b |\n|---|---|\n| 1 | 2 |',
    },
    {
      name: 'indented code stays as written',
      text: 'Run:\n\n    npm test\n    npm run lint',
      joined: 'Run:\n\n    npm test\n    npm run lint',
    },
    { name: 'CRLF is a soft break too', text: 'one\r\ntwo', joined: 'one two' },
  ])('$name', ({ text, joined }) => expect(joinSoftBreaks(text)).toBe(joined));
});

describe('renderPrompt', () => {
  const source = [
    'A service hard-wrapped at 114 columns tells the reader what must the',
    'node do when the leader fails?',
    '```python',
    'def    f(x):   # spacing kept',
    '    return x  ',
    '```',
    'Then pick one.',
  ].join('\n');

  it('joins and re-wraps the prose; fenced code is kept line for line', () => {
    const out = renderPrompt(source, plain, 40);
    expect(out).toBe(
      [
        'A service hard-wrapped at 114 columns',
        'tells the reader what must the node do',
        'when the leader fails?',
        '',
        '│ def    f(x):   # spacing kept',
        '│     return x  ',
        '',
        'Then pick one.',
      ].join('\n'),
    );
  });

  it('continues a code line wider than the terminal on marked lines, every character kept', () => {
    const code =
      'curl -s "http://internal.example/api?x=1"   && echo   done; for i in $(seq 1 100); do echo $i; done';
    const out = renderPrompt(`Run:\n\`\`\`sh\n${code}\n\`\`\``, plain, 40).split('\n');
    const lines = out.slice(2);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of out) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(lines[0]!.startsWith('│ ')).toBe(true);
    for (const line of lines.slice(1)) expect(line.startsWith('│ ↪ ')).toBe(true);
    expect(lines.map((l, i) => l.slice(i === 0 ? 2 : 4)).join('')).toBe(code);
  });

  it('indents explanations and keeps list items hanging under their text', () => {
    const out = reflowProse('Because:\n- the first reason is long enough to wrap\n- short', 24, '  ');
    expect(out).toBe('  Because:\n  - the first reason is\n    long enough to wrap\n  - short');
  });
});

describe('tables and charts by display width', () => {
  it('renderTable lines up CJK and emoji names', () => {
    const table = renderTable(
      ['candidate', 'score'],
      [
        ['Zoë Lovelace', '80.0%'],
        ['山田太郎', '75.0%'],
        ['🦄 Unicorn', '70.0%'],
        ['plain', '65.0%'],
      ],
      plain,
    );
    const lines = table.split('\n');
    const column = (line: string) => displayWidth(line.slice(0, line.search(/\d+\.\d%/)));
    const columns = lines.slice(1).map(column);
    expect(new Set(columns).size).toBe(1);
    expect(column(lines[0]!.replace('score', '00.0%'))).toBe(columns[0]);
  });

  it('padEndDisplay pads to columns, not code units', () => {
    expect(displayWidth(padEndDisplay('日本', 6))).toBe(6);
    expect(padEndDisplay('日本', 6)).toBe('日本  ');
  });

  const summary = summarize([
    { domain: 'performance', difficulty: 'mid', correct: true },
    { domain: 'performance', difficulty: 'senior', correct: false },
    { domain: 'databases', difficulty: 'junior', correct: true },
  ]);
  const titles = { performance: 'Performance and scalability', databases: 'データベース' };

  it.each([80, 60, 40, 30])('the end screen at %i columns keeps every title whole and fits', (width) => {
    const out = renderSummary(summary, titles, plain, 'completed', width);
    expect(out).toContain('Performance and scalability');
    expect(out).toContain('データベース');
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    // The bars of both charts start in one column.
    const starts = out
      .split('\n')
      .filter((l) => /[█░]/.test(l))
      .map((l) => displayWidth(l.slice(0, l.search(/[█░]/))));
    expect(new Set(starts).size).toBe(1);
  });
});

describe('other end-screen text', () => {
  it.each([80, 50])('the ability estimate fits %i columns', (width) => {
    for (const line of renderAbility({ theta: 0.4, se: 0.3 }, plain, width).split('\n'))
      expect(displayWidth(line)).toBeLessThanOrEqual(width);
  });
});

describe('terminal size', () => {
  it.each([
    { stream: { isTTY: true, columns: 100, rows: 30 }, size: { columns: 100, rows: 30 } },
    { stream: { isTTY: false, columns: 100, rows: 30 }, size: { columns: 80, rows: 24 } },
    { stream: { isTTY: true }, size: { columns: 80, rows: 24 } },
    { stream: undefined, size: { columns: 80, rows: 24 } },
  ])('$stream → $size', ({ stream, size }) => expect(terminalSize(stream)).toEqual(size));

  it.each([
    { name: 'everything fits', message: 5, choices: ['a', 'b\nb', 'c'], rows: 24, page: 4 },
    {
      name: 'as many as the rows leave',
      message: 10,
      choices: Array.from({ length: 20 }, () => 'x'),
      rows: 24,
      page: 12,
    },
    {
      name: 'never less than the longest choice',
      message: 20,
      choices: ['a\nb\nc\nd\ne\nf\ng\nh', 'x'],
      rows: 24,
      page: 8,
    },
  ])('list page size: $name', ({ message, choices, rows, page }) =>
    expect(listPageSize(message, choices, rows)).toBe(page),
  );
});
