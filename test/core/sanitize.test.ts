import { describe, expect, it } from 'vitest';
import { sanitizeLine, sanitizeText, splitPrompt, terminalSafe } from '../../src/core/sanitize.js';

describe('sanitizeText', () => {
  it.each([
    { name: 'CSI colour', input: 'a\u001b[31mred\u001b[0m b', out: 'ared b' },
    { name: 'screen clear', input: '\u001b[2J\u001b[Hx', out: 'x' },
    { name: 'OSC 8 link', input: '\u001b]8;;https://evil.test\u0007click\u001b]8;;\u0007', out: 'click' },
    { name: 'OSC title with ST', input: '\u001b]0;owned\u001b\\ok', out: 'ok' },
    { name: 'carriage return overwrite', input: 'safe\rEVIL', out: 'safe\nEVIL' },
    { name: 'bidi override', input: 'abc\u202edcba\u2066x\u2069', out: 'abcdcbax' },
    { name: 'C1 CSI', input: 'a\u009b31mb', out: 'ab' },
    { name: 'bell and backspace', input: 'a\u0007\u0008b', out: 'ab' },
    { name: 'keeps newlines, tabs and unicode', input: 'é\tü\n日本', out: 'é\tü\n日本' },
  ])('$name', ({ input, out }) => expect(sanitizeText(input)).toBe(out));
});

describe('splitPrompt', () => {
  it('separates prose and fenced code', () => {
    expect(splitPrompt('Look:\n```sql\nSELECT 1;\n```\nWhy?\n')).toEqual([
      { kind: 'text', text: 'Look:', lang: '' },
      { kind: 'code', text: 'SELECT 1;', lang: 'sql' },
      { kind: 'text', text: 'Why?', lang: '' },
    ]);
  });
  it('leaves prompts without code alone', () => {
    expect(splitPrompt('Plain question?')).toEqual([{ kind: 'text', text: 'Plain question?', lang: '' }]);
  });
});

describe('sanitizeLine', () => {
  it.each([
    { name: 'newline faking a second line', input: 'Eve\n✓ ok.json: Mallory', out: 'Eve ✓ ok.json: Mallory' },
    { name: 'tabs and CRLF', input: 'a\tb\r\nc', out: 'a b c' },
    { name: 'escapes as sanitizeText', input: 'x\u001b]0;t\u0007y', out: 'xy' },
  ])('$name', ({ input, out }) => expect(sanitizeLine(input)).toBe(out));
});

describe('terminalSafe (everything written to a terminal)', () => {
  it.each([
    {
      name: 'keeps colours',
      input: '\u001b[1m\u001b[32mok\u001b[39m\u001b[22m',
      out: '\u001b[1m\u001b[32mok\u001b[39m\u001b[22m',
    },
    {
      name: 'keeps prompt cursor moves and erases',
      input: '\u001b[?25l\u001b[2K\u001b[1A\u001b[G\u001b[3;1Hx\u001b[?25h',
      out: '\u001b[?25l\u001b[2K\u001b[1A\u001b[G\u001b[3;1Hx\u001b[?25h',
    },
    {
      name: 'drops window titles (OSC, BEL or ST)',
      input: 'a\u001b]0;owned\u0007b\u001b]2;x\u001b\\c',
      out: 'abc',
    },
    { name: 'drops hyperlinks', input: '\u001b]8;;https://evil.test\u0007here\u001b]8;;\u0007', out: 'here' },
    { name: 'drops screen clears and device queries', input: '\u001b[2J\u001b[6n\u001b[3Jx', out: 'x' },
    { name: 'drops DCS and lone ESC', input: '\u001bPq#0\u001b\\x\u001b', out: 'x' },
    {
      name: 'drops C1, bidi, lone CR and other C0',
      input: 'a\u009b2Jb\u202ec\rd\u0000\u0007e',
      out: 'abcde',
    },
    { name: 'keeps newline, tab and CRLF as newline', input: 'a\tb\r\nc\n', out: 'a\tb\nc\n' },
  ])('$name', ({ input, out }) => expect(terminalSafe(input)).toBe(out));
});
