import { describe, expect, it } from 'vitest';
import { sanitizeText, splitPrompt } from '../../src/core/sanitize.js';

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
