// Text for a terminal of any size: widths measured in columns (CJK and emoji take two, colour codes none),
// wrapping at word boundaries, padding tables, and reflowing bank prose whose line breaks are only soft.
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/** What a terminal that does not say its size is taken to be, and what piped output is laid out for. */
export const DEFAULT_COLUMNS = 80;
export const DEFAULT_ROWS = 24;

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** The size of the terminal behind a stream, read when asked so each new screen follows a resize. */
export function terminalSize(stream: unknown): TerminalSize {
  const s = (stream ?? {}) as { isTTY?: boolean; columns?: unknown; rows?: unknown };
  const read = (v: unknown, fallback: number) =>
    s.isTTY === true && typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
  return { columns: read(s.columns, DEFAULT_COLUMNS), rows: read(s.rows, DEFAULT_ROWS) };
}

/** Columns a string takes on screen. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

export function padEndDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Cut to at most `width` columns on screen, ending in … when anything was cut (wide characters count as two). */
export function clipDisplay(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export function padStartDisplay(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/**
 * Wraps each line of `text` to `width` columns at spaces, indenting every line by `indent` (and the lines after the
 * first of each source line by `hanging` more). Only a word wider than the whole line is broken.
 */
export function wrapText(text: string, width: number, indent = '', hanging = ''): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return '';
      // A line's own leading spaces (a nested list item) count as indent, which wrapping would otherwise trim.
      const lead = indent + (/^[ \t]*/.exec(line)?.[0] ?? '');
      const room = Math.max(1, width - displayWidth(lead));
      const rest = Math.max(1, room - displayWidth(hanging));
      const [head = '', ...tail] = wrapAnsi(line.trimStart(), room, { hard: true, trim: true }).split('\n');
      // Continuation lines have less room when they hang; re-wrap them to it.
      const more =
        tail.length === 0 ? [] : wrapAnsi(tail.join(' '), rest, { hard: true, trim: true }).split('\n');
      return [lead + head, ...more.map((l) => lead + hanging + l)].join('\n');
    })
    .join('\n');
}

/** A list item's marker ("- ", "* ", "1. ", "2) ") with its leading spaces. */
const LIST_ITEM = /^(\s*(?:[-*+]|\d{1,3}[.)])\s+)/;
const TABLE_ROW = /^\s*\|/;
/** Four spaces or a tab: an indented code block, kept as written. */
const INDENTED_CODE = /^(?: {4}|\t)/;

/**
 * Joins the soft line breaks of Markdown-like prose: within a paragraph a single newline is a space. Blank lines
 * still separate paragraphs; list items and table rows keep their own lines (a list item's continuation lines are
 * joined to it); indented code is left as written. Fenced code is not prose: callers split it out first.
 */
export function joinSoftBreaks(prose: string): string {
  const out: string[] = [];
  let open = false; // whether the last output line may take the next line's words
  for (const raw of prose.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      out.push('');
      open = false;
    } else if (TABLE_ROW.test(line) || (INDENTED_CODE.test(line) && !open)) {
      out.push(line);
      open = false;
    } else if (LIST_ITEM.test(line)) {
      out.push(line);
      open = true;
    } else if (open) out[out.length - 1] = `${out[out.length - 1]!} ${line.trim()}`;
    else {
      out.push(line.trim());
      open = true;
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Joined prose wrapped to `width`: list items hang under their text, tables and indented code stay as written. */
export function reflowProse(prose: string, width: number, indent = ''): string {
  return joinSoftBreaks(prose)
    .split('\n')
    .map((line) => {
      if (TABLE_ROW.test(line) || INDENTED_CODE.test(line)) return indent + line;
      const marker = LIST_ITEM.exec(line)?.[1]?.trimStart();
      if (marker) return wrapText(line, width, indent, ' '.repeat(displayWidth(marker)));
      return wrapText(line, width, indent);
    })
    .join('\n');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The characters of a plain string as the terminal draws them: one entry per grapheme cluster. */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/**
 * Plain text cut to `width` columns, ending in "…" when something was cut, so one line of a table or of code never
 * spills onto the next. Cuts between characters, never inside one (a wide character that does not fit is left out).
 */
export function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const g of splitGraphemes(text)) {
    const w = displayWidth(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return `${out}…`;
}

/** Tabs as spaces to the next stop: a tab has no width a program can measure, so code is drawn without them. */
export function expandTabs(line: string, stop = 4): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const g of splitGraphemes(line)) {
    if (g === '\t') out += ' '.repeat(stop - (displayWidth(out) % stop));
    else out += g;
  }
  return out;
}
