// The SQL editor's buffer: each key as a function from one buffer to the next, a row per case.
import { describe, expect, it } from 'vitest';
import {
  backspace,
  bufferOf,
  bufferText,
  cursorColumn,
  deleteForward,
  insertText,
  moveEnd,
  moveHome,
  moveLeft,
  moveRight,
  moveVertical,
  newline,
  type EditBuffer,
} from '../../src/ui/edit-buffer.js';

/** A buffer written with a "|" where the cursor is. */
function at(marked: string): EditBuffer {
  const lines = marked.split('\n');
  const row = lines.findIndex((l) => l.includes('|'));
  const col = lines[row]!.indexOf('|');
  lines[row] = lines[row]!.replace('|', '');
  return { lines, row, col };
}

/** The buffer written back with its cursor as "|". */
function shown(buffer: EditBuffer): string {
  const lines = [...buffer.lines];
  lines[buffer.row] = `${lines[buffer.row]!.slice(0, buffer.col)}|${lines[buffer.row]!.slice(buffer.col)}`;
  return lines.join('\n');
}

describe('editing keys', () => {
  it.each([
    {
      name: 'typing inserts at the cursor',
      from: 'SELCT|',
      key: (b: EditBuffer) => insertText(b, '!'),
      to: 'SELCT!|',
    },
    {
      name: 'typing in the middle',
      from: 'SEL|CT',
      key: (b: EditBuffer) => insertText(b, 'E'),
      to: 'SELE|CT',
    },
    { name: 'Enter splits the line', from: 'SELECT 1| FROM t', key: newline, to: 'SELECT 1\n| FROM t' },
    {
      name: 'a pasted block keeps its lines; the cursor ends after it',
      from: 'a|z',
      key: (b: EditBuffer) => insertText(b, 'SELECT id\r\nFROM t\nWHERE x'),
      to: 'aSELECT id\nFROM t\nWHERE x|z',
    },
    { name: 'a tab becomes spaces', from: '|x', key: (b: EditBuffer) => insertText(b, '\t'), to: '  |x' },
    {
      name: 'control characters never enter',
      from: '|',
      key: (b: EditBuffer) => insertText(b, 'a\u001b[2Jb\u0007c\u202e'),
      to: 'abc|',
    },
    { name: 'Backspace deletes before the cursor', from: 'ab|c', key: backspace, to: 'a|c' },
    {
      name: 'Backspace at a line start joins it to the line above',
      from: 'ab\n|cd',
      key: backspace,
      to: 'ab|cd',
    },
    { name: 'Backspace at the very start does nothing', from: '|ab', key: backspace, to: '|ab' },
    { name: 'Backspace removes a whole emoji', from: 'a👩‍💻|', key: backspace, to: 'a|' },
    { name: 'Delete removes the character after', from: 'a|bc', key: deleteForward, to: 'a|c' },
    { name: 'Delete at a line end joins the next line', from: 'ab|\ncd', key: deleteForward, to: 'ab|cd' },
    {
      name: 'Left at a line start goes to the end of the line above',
      from: 'ab\n|cd',
      key: moveLeft,
      to: 'ab|\ncd',
    },
    {
      name: 'Right at a line end goes to the start of the next',
      from: 'ab|\ncd',
      key: moveRight,
      to: 'ab\n|cd',
    },
    { name: 'Right steps over a wide character', from: '|日本', key: moveRight, to: '日|本' },
    { name: 'Home', from: 'abc|d', key: moveHome, to: '|abcd' },
    { name: 'End', from: 'a|bcd', key: moveEnd, to: 'abcd|' },
    {
      name: 'Up keeps the column',
      from: 'abcdef\nab|cd',
      key: (b: EditBuffer) => moveVertical(b, -1),
      to: 'ab|cdef\nabcd',
    },
    {
      name: 'Up on the first line goes to its start',
      from: 'ab|c',
      key: (b: EditBuffer) => moveVertical(b, -1),
      to: '|abc',
    },
    {
      name: 'Down on the last line goes to its end',
      from: 'a|bc',
      key: (b: EditBuffer) => moveVertical(b, 1),
      to: 'abc|',
    },
    {
      name: 'Down into a shorter line stops at its end',
      from: 'abcd|ef\nab',
      key: (b: EditBuffer) => moveVertical(b, 1),
      to: 'abcdef\nab|',
    },
  ])('$name', ({ from, key, to }) => {
    expect(shown(key(at(from)))).toBe(to);
  });

  it('Up and Down through a short line come back to the column they started from', () => {
    const start = at('SELECT id, na|me\nFROM\nWHERE name IS NOT NULL');
    const down = moveVertical(moveVertical(start, 1), 1);
    expect(shown(down)).toBe('SELECT id, name\nFROM\nWHERE name IS|' + ' NOT NULL');
    expect(cursorColumn(down)).toBe(13);
  });

  it('a buffer made from text holds it, cursor at the end', () => {
    const buffer = bufferOf('SELECT 1\r\nFROM t\n');
    expect(bufferText(buffer)).toBe('SELECT 1\nFROM t\n');
    expect({ row: buffer.row, col: buffer.col }).toEqual({ row: 2, col: 0 });
  });
});
