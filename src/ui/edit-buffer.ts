// The text of a multi-line editor and its cursor, as immutable values: every key is a function from one buffer to
// the next, so the SQL editor's behaviour is testable without a terminal.
import { sanitizeText } from '../core/sanitize.js';
import { displayWidth, splitGraphemes } from './text.js';

export interface EditBuffer {
  /** Never empty: an empty buffer is one empty line. */
  readonly lines: readonly string[];
  /** The cursor: a line index and a UTF-16 offset into that line, always between two characters. */
  readonly row: number;
  readonly col: number;
  /** The screen column Up and Down aim for, kept while moving through shorter lines. */
  readonly goal?: number;
}

/** What a Tab inserts: SQL does not care, and spaces have a width the screen can measure. */
const TAB = '  ';

/** A buffer holding `text`, the cursor at its end. */
export function bufferOf(text: string): EditBuffer {
  const lines = clean(text).split('\n');
  const row = lines.length - 1;
  return { lines, row, col: lines[row]!.length };
}

export function bufferText(buffer: EditBuffer): string {
  return buffer.lines.join('\n');
}

/** Typed or pasted text as it may enter the buffer: newlines normalised, tabs as spaces, no control characters. */
function clean(text: string): string {
  return sanitizeText(text.replace(/\r\n?/g, '\n')).replace(/\t/g, TAB);
}

const line = (buffer: EditBuffer, row = buffer.row): string => buffer.lines[row] ?? '';

/** Inserts text at the cursor (several lines when it holds newlines); the cursor ends after it. */
export function insertText(buffer: EditBuffer, text: string): EditBuffer {
  const parts = clean(text).split('\n');
  if (parts.length === 1 && parts[0] === '') return buffer;
  const current = line(buffer);
  const before = current.slice(0, buffer.col);
  const after = current.slice(buffer.col);
  const last = parts.length - 1;
  const inserted = parts.map((p, i) => (i === 0 ? before : '') + p + (i === last ? after : ''));
  const lines = [...buffer.lines.slice(0, buffer.row), ...inserted, ...buffer.lines.slice(buffer.row + 1)];
  const col = (last === 0 ? before.length : 0) + parts[last]!.length;
  return { lines, row: buffer.row + last, col };
}

export function newline(buffer: EditBuffer): EditBuffer {
  return insertText(buffer, '\n');
}

/** The offset of the character boundary before `col` (a whole grapheme back: an emoji is one step). */
function previousBoundary(text: string, col: number): number {
  const chars = splitGraphemes(text.slice(0, col));
  return col - (chars.at(-1)?.length ?? 0);
}

function nextBoundary(text: string, col: number): number {
  const chars = splitGraphemes(text.slice(col));
  return col + (chars[0]?.length ?? 0);
}

export function backspace(buffer: EditBuffer): EditBuffer {
  const { row, col } = buffer;
  if (col > 0) {
    const current = line(buffer);
    const from = previousBoundary(current, col);
    return replaceLine(buffer, current.slice(0, from) + current.slice(col), from);
  }
  if (row === 0) return buffer;
  // At the start of a line: join it to the one above.
  const above = line(buffer, row - 1);
  const lines = [...buffer.lines.slice(0, row - 1), above + line(buffer), ...buffer.lines.slice(row + 1)];
  return { lines, row: row - 1, col: above.length };
}

export function deleteForward(buffer: EditBuffer): EditBuffer {
  const { row, col } = buffer;
  const current = line(buffer);
  if (col < current.length)
    return replaceLine(buffer, current.slice(0, col) + current.slice(nextBoundary(current, col)), col);
  if (row === buffer.lines.length - 1) return buffer;
  const lines = [
    ...buffer.lines.slice(0, row),
    current + line(buffer, row + 1),
    ...buffer.lines.slice(row + 2),
  ];
  return { lines, row, col };
}

function replaceLine(buffer: EditBuffer, text: string, col: number): EditBuffer {
  const lines = [...buffer.lines];
  lines[buffer.row] = text;
  return { lines, row: buffer.row, col };
}

export function moveLeft(buffer: EditBuffer): EditBuffer {
  if (buffer.col > 0) return { ...at(buffer), col: previousBoundary(line(buffer), buffer.col) };
  if (buffer.row === 0) return at(buffer);
  return { lines: buffer.lines, row: buffer.row - 1, col: line(buffer, buffer.row - 1).length };
}

export function moveRight(buffer: EditBuffer): EditBuffer {
  if (buffer.col < line(buffer).length) return { ...at(buffer), col: nextBoundary(line(buffer), buffer.col) };
  if (buffer.row === buffer.lines.length - 1) return at(buffer);
  return { lines: buffer.lines, row: buffer.row + 1, col: 0 };
}

export function moveHome(buffer: EditBuffer): EditBuffer {
  return { lines: buffer.lines, row: buffer.row, col: 0 };
}

export function moveEnd(buffer: EditBuffer): EditBuffer {
  return { lines: buffer.lines, row: buffer.row, col: line(buffer).length };
}

/** Up (-1) or Down (+1) one line, to the screen column the cursor had before moving through shorter lines. */
export function moveVertical(buffer: EditBuffer, delta: -1 | 1): EditBuffer {
  const goal = buffer.goal ?? displayWidth(line(buffer).slice(0, buffer.col));
  const row = buffer.row + delta;
  if (row < 0) return { lines: buffer.lines, row: 0, col: 0 };
  if (row >= buffer.lines.length) return moveEnd(buffer);
  const target = line(buffer, row);
  let col = 0;
  for (const char of splitGraphemes(target)) {
    if (displayWidth(target.slice(0, col + char.length)) > goal) break;
    col += char.length;
  }
  return { lines: buffer.lines, row, col, goal };
}

/** The buffer without the column goal: any move but Up and Down forgets it. */
function at(buffer: EditBuffer): EditBuffer {
  return { lines: buffer.lines, row: buffer.row, col: buffer.col };
}

/** The cursor's screen column in its line. */
export function cursorColumn(buffer: EditBuffer): number {
  return displayWidth(line(buffer).slice(0, buffer.col));
}
