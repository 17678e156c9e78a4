// The screen of a sql question, laid out for one terminal size: task, schema, sample tables, the editor, key help
// and the last run's output; and the task view (Ctrl-T), the whole task, DDL and every sample row, scrolled.
// Pure: state and size in, lines out; the prompt (sql-editor.ts) draws them.
//
// Everything fits the rows (Inquirer can only redraw what is still on screen) and every line fits the columns
// (a line the terminal wraps breaks the redraw too). On the editor's screen, DDL that does not fit gives way to one
// line of columns per table and tables are cut with a note; the task view wraps long DDL lines itself and scrolls.
import type { QueryOutcome, SqlTable } from '../sandbox/sandbox.js';
import type { SqlValue } from '../core/sql-result.js';
import { sanitizeLine, sanitizeText } from '../core/sanitize.js';
import type { EditBuffer } from './edit-buffer.js';
import { highlightCode } from './highlight.js';
import { renderPrompt } from './render.js';
import {
  cutToWidth,
  displayWidth,
  expandTabs,
  padEndDisplay,
  padStartDisplay,
  splitGraphemes,
  wrapText,
  type TerminalSize,
} from './text.js';
import type { Theme } from './theme.js';

/** Rows a run shows: the candidate sees enough to check a query without flooding the screen. */
export const PREVIEW_ROWS = 20;

export type RunState =
  | { state: 'none' }
  | { state: 'running'; text: string }
  | { state: 'done'; text: string; outcome: QueryOutcome };

export type SampleTables = SqlTable[] | { ok: false; message: string };

export interface SqlScreenInput {
  prefix: string;
  label: string;
  prompt: string;
  version: string;
  schema: string;
  tables: SampleTables;
  buffer: EditBuffer;
  run: RunState;
  /** A one-off notice (an empty submit, no editor set), cleared by the next key. */
  notice?: string;
  /** Ctrl-E has an editor to open. */
  externalEditor: boolean;
  size: TerminalSize;
  theme: Theme;
  /** The first editor line shown last time, so the editor scrolls only when the cursor leaves it. */
  top: number;
}

export interface SqlScreen {
  /** Everything down to the cursor's line, which is last: its tail after the gutter is `cursorLine`. */
  content: string;
  /** Everything under the cursor's line. */
  bottom: string;
  /** The cursor line's text as drawn after the gutter, and the cursor's offset in it. */
  cursorLine: { text: string; cursor: number };
  top: number;
}

/** Fewest editor lines shown, and most before the rest of the screen gives way. */
const EDITOR_MIN = 3;
const EDITOR_MAX = 15;
/** Widest a table cell grows before it is cut. */
const CELL_MAX = 24;
const CELL_MIN = 3;
const CELL_GAP = '  ';
const BLOCK_GAP = '   ';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A value as the candidate reads it in a table cell: one line, no control characters, blobs in hex. */
export function cellText(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return sanitizeLine(value);
  const hex = Array.from(value.subarray(0, CELL_MAX), (b) => b.toString(16).padStart(2, '0')).join('');
  return `x'${hex.toUpperCase()}'`;
}

/**
 * Column widths that fit `width`: the widest columns give way first, down to a few characters; columns that
 * still do not fit are left out (`shown` says how many are kept).
 */
function fitColumns(natural: number[], width: number): { widths: number[]; shown: number } {
  const widths = natural.map((w) => Math.min(w, CELL_MAX));
  const total = () => widths.reduce((a, b) => a + b, 0) + CELL_GAP.length * Math.max(0, widths.length - 1);
  while (total() > width) {
    const widest = Math.max(...widths);
    if (widest <= CELL_MIN) break;
    widths[widths.indexOf(widest)] = widest - 1;
  }
  // Columns that still do not fit are left out, a final "…" column saying that more exist.
  const needed = (n: number) =>
    widths.slice(0, n).reduce((a, b) => a + b, 0) +
    CELL_GAP.length * Math.max(0, n - 1) +
    (n < widths.length ? CELL_GAP.length + 1 : 0);
  let shown = widths.length;
  while (shown > 1 && needed(shown) > width) shown--;
  return { widths: widths.slice(0, shown), shown };
}

/** A result or sample table, every line at most `width` columns: header, rule, rows; numbers right-aligned. */
export function renderDataTable(
  columns: string[],
  rows: SqlValue[][],
  width: number,
  theme: Theme,
): string[] {
  const header = columns.map((c) => sanitizeLine(c));
  const cells = rows.map((r) => columns.map((_, i) => cellText(r[i] ?? null)));
  const natural = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i]!))));
  const { widths, shown } = fitColumns(natural, width);
  const more = shown < columns.length;
  // A column of numbers (NULLs aside) is right-aligned, so digits line up.
  const numeric = columns.map(
    (_, i) =>
      rows.some((r) => typeof r[i] === 'number') &&
      rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined),
  );
  const line = (texts: string[], style: (text: string, i: number) => string) =>
    texts
      .slice(0, shown)
      .map((t, i) => {
        const cut = cutToWidth(t, widths[i]!);
        const padded = numeric[i] ? padStartDisplay(cut, widths[i]!) : padEndDisplay(cut, widths[i]!);
        return style(padded, i);
      })
      .concat(more ? [theme.dim('…')] : [])
      .join(CELL_GAP)
      .trimEnd();
  return [
    line(header, (t) => theme.bold(t)),
    theme.dim(widths.map((w) => '─'.repeat(w)).join(CELL_GAP)),
    ...cells.map((r, ri) => line(r, (t, i) => (rows[ri]![i] === null ? theme.dim(t) : t))),
  ];
}

interface Block {
  lines: string[];
  width: number;
}

const block = (lines: string[]): Block => ({ lines, width: Math.max(0, ...lines.map(displayWidth)) });

/** Blocks side by side while they fit the width, then on the next band: small tables share the rows. */
function packBlocks(blocks: Block[], width: number): string[] {
  const out: string[] = [];
  let band: Block[] = [];
  const flush = () => {
    if (band.length === 0) return;
    const height = Math.max(...band.map((b) => b.lines.length));
    for (let i = 0; i < height; i++)
      out.push(
        band
          .map((b, j) =>
            j === band.length - 1 ? (b.lines[i] ?? '') : padEndDisplay(b.lines[i] ?? '', b.width),
          )
          .join(BLOCK_GAP)
          .trimEnd(),
      );
    band = [];
  };
  for (const b of blocks) {
    const used = band.reduce((a, x) => a + x.width + BLOCK_GAP.length, 0);
    if (band.length > 0 && used + b.width > width) flush();
    band.push(b);
  }
  flush();
  return out;
}

/** Lines cut to a height, the last one saying how many were left out. */
function cutLines(lines: string[], height: number, theme: Theme, what = 'lines'): string[] {
  if (lines.length <= height) return lines;
  if (height <= 0) return [];
  const kept = lines.slice(0, height - 1);
  const left = lines.length - kept.length;
  return [...kept, theme.dim(`… ${left} more ${left === 1 ? what.replace(/s$/, '') : what}`)];
}

/** The DDL as written (highlighted), one block per statement, statements side by side where they fit. */
function schemaLines(schema: string, width: number, theme: Theme): string[] {
  const statements: string[][] = [[]];
  for (const raw of sanitizeText(schema).replace(/\n+$/, '').split('\n')) {
    const text = expandTabs(raw.trimEnd());
    if (text === '' && statements.at(-1)!.length === 0) continue;
    statements.at(-1)!.push(text);
    if (/;\s*(--.*)?$/.test(text)) statements.push([]);
  }
  const blocks = statements
    .filter((s) => s.some((l) => l.trim() !== ''))
    .map((s) => {
      const lines = s.map((l) => {
        const cut = cutToWidth(l, width);
        return cut === l
          ? highlightCode(l, 'sql', theme)
          : `${highlightCode(cut.slice(0, -1), 'sql', theme)}…`;
      });
      return block(lines);
    });
  return packBlocks(blocks, width);
}

/**
 * One line per table naming its columns, `users(id, name, country)`, for a screen too small for the DDL: the
 * columns are what a query needs most, and Ctrl-T shows the DDL whole.
 */
function schemaSummary(tables: SqlTable[], width: number, theme: Theme): string[] {
  return tables.map((t) => {
    const name = sanitizeLine(t.name);
    const text = `${name}(${t.columns.map((c) => sanitizeLine(c)).join(', ')})`;
    const cut = cutToWidth(text, width);
    return cut === text ? `${theme.bold(name)}(${text.slice(name.length + 1)}` : cut;
  });
}

let schemaCache: { key: string; lines: string[] } | undefined;

function cachedSchemaLines(schema: string, width: number, theme: Theme): string[] {
  const key = `${width}:${theme.level}:${schema}`;
  if (schemaCache?.key !== key) schemaCache = { key, lines: schemaLines(schema, width, theme) };
  return schemaCache.lines;
}

/** The sample tables, each showing at most `rows` rows, side by side where they fit. */
function sampleLines(tables: SqlTable[], width: number, rows: number, theme: Theme): string[] {
  const blocks = tables.map((t) => {
    const shown = t.rows.slice(0, rows);
    const title = `${theme.bold(sanitizeLine(t.name))}${theme.dim(` · ${plural(t.rows.length, 'row')}`)}`;
    const lines = [
      cutToWidth(title, width) === title ? title : cutToWidth(sanitizeLine(t.name), width),
      ...renderDataTable(t.columns, shown, width, theme),
    ];
    if (shown.length < t.rows.length) lines.push(theme.dim(`… ${t.rows.length - shown.length} more`));
    return block(lines);
  });
  return packBlocks(blocks, width);
}

/**
 * Laid-out sample tables by table set, width and height: every key press draws the screen again, and finding how
 * many rows fit takes a few layouts of each table, so each size is laid out once.
 */
const sampleCache = new WeakMap<object, Map<string, string[]>>();

/** As many sample rows per table as the height allows (all when they fit), cut by lines only as a last resort. */
function fittedSample(tables: SampleTables, width: number, height: number, theme: Theme): string[] {
  let sizes = sampleCache.get(tables);
  if (!sizes) sampleCache.set(tables, (sizes = new Map<string, string[]>()));
  const key = `${width}:${height}:${theme.level}`;
  let lines = sizes.get(key);
  if (!lines) sizes.set(key, (lines = fitSample(tables, width, height, theme)));
  return lines;
}

function fitSample(tables: SampleTables, width: number, height: number, theme: Theme): string[] {
  if (!Array.isArray(tables))
    return cutLines(
      wrapText(theme.red(`The sample data could not be shown: ${sanitizeLine(tables.message)}`), width).split(
        '\n',
      ),
      height,
      theme,
    );
  if (tables.length === 0) return [theme.dim('(no tables)')];
  const most = Math.max(0, ...tables.map((t) => t.rows.length));
  for (let rows = most; rows >= 0; rows--) {
    const lines = sampleLines(tables, width, rows, theme);
    if (lines.length <= height) return lines;
  }
  return cutLines(sampleLines(tables, width, 0, theme), height, theme);
}

/** Said before the sandbox's message; a timeout's message ("stopped after 2 s") says it all. */
const OUTCOME_LABEL: Record<Exclude<QueryOutcome, { ok: true }>['kind'], string> = {
  error: 'SQLite error: ',
  refused: 'Not run: ',
  timeout: '',
  'too-large': 'Too large: ',
  setup: 'The sample data could not be built: ',
};

/** What the last run printed: a status line, then the rows or the message. */
function outputLines(run: RunState, draft: string, width: number, theme: Theme): string[] {
  if (run.state === 'none') return [];
  if (run.state === 'running') return [theme.dim('Running on the sample data…')];
  const stale = run.text !== draft ? theme.dim(' · an earlier draft') : '';
  const { outcome } = run;
  if (!outcome.ok) {
    const message = sanitizeLine(outcome.message);
    const label = OUTCOME_LABEL[outcome.kind];
    const text = label ? `${label}${message}` : `${message.charAt(0).toUpperCase()}${message.slice(1)}`;
    return wrapText(`${theme.red(text)}${stale}`, width, '', '  ').split('\n');
  }
  const count =
    outcome.rows.length < outcome.rowCount
      ? `first ${outcome.rows.length} of ${plural(outcome.rowCount, 'row')}`
      : plural(outcome.rowCount, 'row');
  return [
    theme.bold(cutToWidth(`Result on the sample data: ${count}`, width - displayWidth(stale))) + stale,
    ...renderDataTable(outcome.columns, outcome.rows, width, theme),
  ];
}

/**
 * The key help, as many of its items as fit the width: each item in its long form while the items after it still
 * fit in their short forms, so a narrow terminal keeps every key rather than the first few explained at length.
 */
function helpLine(externalEditor: boolean, scroll: string, width: number, theme: Theme): string {
  const items: [long: string, short: string][] = [
    ['Ctrl-R run on the sample', 'Ctrl-R run'],
    ['Ctrl-D submit', 'Ctrl-D submit'],
    ['Ctrl-T schema & data', 'Ctrl-T schema'],
    [externalEditor ? 'Ctrl-E $EDITOR' : 'Ctrl-E editor', 'Ctrl-E editor'],
    ['Ctrl-C quit', 'Ctrl-C quit'],
  ];
  const room = width - displayWidth(scroll);
  const join = (parts: string[]) => parts.join(' · ');
  const chosen: string[] = [];
  for (const [i, [long, short]] of items.entries()) {
    const rest = items.slice(i + 1).map(([, s]) => s);
    const item = displayWidth(join([...chosen, long, ...rest])) <= room ? long : short;
    if (displayWidth(join([...chosen, item])) > room) break;
    chosen.push(item);
  }
  return theme.dim(join(chosen) + scroll);
}

interface EditorView {
  above: string[];
  gutter: string;
  cursorLine: { text: string; cursor: number };
  below: string[];
  top: number;
}

/** One editor line that is not the cursor's: cut to the room with "…". */
function plainCodeLine(text: string, room: number, theme: Theme): string {
  const cut = cutToWidth(text, room);
  return cut === text
    ? highlightCode(text, 'sql', theme)
    : `${highlightCode(cut.slice(0, -1), 'sql', theme)}${theme.dim('…')}`;
}

/**
 * The cursor's line scrolled sideways so the cursor stays in view: "…" at either end marks text out of view.
 * One column is kept free at the right for the cursor after the last character.
 */
function cursorWindow(text: string, col: number, room: number): { text: string; cursor: number } {
  const chars = splitGraphemes(text);
  const widths = chars.map(displayWidth);
  let index = 0;
  for (let offset = 0; offset < col && index < chars.length; index++) offset += chars[index]!.length;
  const fits = (from: number, to: number) => widths.slice(from, to).reduce((a, b) => a + b, 0);
  if (fits(0, chars.length) <= room - 1) return { text, cursor: col };
  // The first character shown: as far left as keeps the cursor inside, behind a "…" when not the first.
  let start = 0;
  while (start < index && (start > 0 ? 1 : 0) + fits(start, index) > room - 2) start++;
  const lead = start > 0 ? '…' : '';
  let end = start;
  const limit = room - 1 - displayWidth(lead);
  while (end < chars.length && fits(start, end + 1) <= limit) end++;
  if (end < chars.length) {
    // Make room for the "…" that says the line goes on.
    while (end > index && fits(start, end) + 1 > limit) end--;
  }
  const tail = end < chars.length ? '…' : '';
  const shown = lead + chars.slice(start, end).join('') + tail;
  return { text: shown, cursor: lead.length + chars.slice(start, index).join('').length };
}

function editorView(buffer: EditBuffer, rows: number, top: number, width: number, theme: Theme): EditorView {
  const numberWidth = Math.max(2, String(buffer.lines.length).length);
  const gutter = (n: number, current: boolean) => {
    const number = padStartDisplay(String(n), numberWidth);
    return `${current ? theme.cyan(number) : theme.dim(number)} ${theme.dim('│')} `;
  };
  const room = Math.max(4, width - numberWidth - 3);
  let first = Math.min(top, buffer.row, Math.max(0, buffer.lines.length - rows));
  first = Math.max(first, buffer.row - rows + 1, 0);
  const last = Math.min(buffer.lines.length, first + rows);
  const above: string[] = [];
  const below: string[] = [];
  for (let r = first; r < last; r++) {
    if (r === buffer.row) continue;
    (r < buffer.row ? above : below).push(
      gutter(r + 1, false) + plainCodeLine(buffer.lines[r]!, room, theme),
    );
  }
  const window = cursorWindow(buffer.lines[buffer.row] ?? '', buffer.col, room);
  return { above, gutter: gutter(buffer.row + 1, true), cursorLine: window, below, top: first };
}

/**
 * Shares the rows out: the task, the key help and a few editor lines always; then the rest of the draft, the last
 * run's rows (up to half of what is left), and schema and sample data in what remains, cut to fit.
 */
export function layoutSqlScreen(input: SqlScreenInput): SqlScreen {
  const { theme, size, buffer } = input;
  const width = size.columns - 1;
  // One row spare: the line the cursor leaves under the screen must not scroll the top away.
  const rows = size.rows - 1;
  const head = [
    `${input.prefix} ${theme.dim(cutToWidth(sanitizeLine(input.label), width - 2))}`,
    ...renderPrompt(input.prompt, theme, width).split('\n'),
  ];
  const draft = buffer.lines.join('\n');
  const output = outputLines(input.run, draft, width, theme);
  const notice = input.notice ? wrapText(theme.yellow(input.notice), width).split('\n') : [];
  const title = cutToWidth(`Schema · SQLite ${input.version}`, width);
  const sampleTitle = theme.bold('Sample data');
  const schema = cachedSchemaLines(input.schema, width, theme);

  const fixed = 1 + notice.length + Math.min(1, output.length);
  const editorWant = Math.min(EDITOR_MAX, Math.max(EDITOR_MIN, buffer.lines.length + 1));
  let left = rows - fixed - EDITOR_MIN;
  // The task always shows whole unless the terminal is too small for anything else.
  const headShown = cutLines(head, Math.max(1, left), theme);
  left -= headShown.length;
  const showTables = left >= 4;
  if (showTables) left -= 2; // the two titles
  const give = (want: number, cap = Infinity) => {
    const n = Math.max(0, Math.min(want, cap, left));
    left -= n;
    return n;
  };
  const editorRows = EDITOR_MIN + give(editorWant - EDITOR_MIN);
  let outputRows = Math.min(1, output.length) + give(output.length - 1, Math.ceil(left / 2));
  let schemaShown: string[] = [];
  let sampleShown: string[] = [];
  let schemaTitle = theme.bold(title);
  if (showTables) {
    // Schema and sample share what is left, each at least half of it when the other wants more.
    const half = Math.floor(left / 2);
    const sample = fittedSample(input.tables, width, Infinity, theme);
    const schemaRows = Math.min(schema.length, Math.max(half, left - sample.length));
    // DDL that does not fit gives way to the tables' columns, one line each, rather than its first few lines.
    const summary =
      Array.isArray(input.tables) && input.tables.length > 0 && schema.length > schemaRows
        ? schemaSummary(input.tables, width, theme)
        : undefined;
    schemaShown = cutLines(summary ?? schema, schemaRows, theme);
    left -= schemaShown.length;
    sampleShown = fittedSample(input.tables, width, left, theme);
    left -= sampleShown.length;
    // Something is left out: the title says where to see it all, when the width allows.
    const hint = ' · Ctrl-T: full schema and data';
    if (
      (summary !== undefined || schemaShown.length < schema.length || sampleShown.length < sample.length) &&
      displayWidth(title) + displayWidth(hint) <= width
    )
      schemaTitle = theme.bold(title) + theme.dim(hint);
  }
  outputRows += give(output.length - outputRows);

  const editor = editorView(buffer, editorRows, input.top, width, theme);
  const lineCount = buffer.lines.length;
  const scroll =
    lineCount > editorRows
      ? ` · lines ${editor.top + 1}–${Math.min(lineCount, editor.top + editorRows)} of ${lineCount}`
      : '';
  const content = [
    ...headShown,
    ...(showTables ? [schemaTitle, ...schemaShown, sampleTitle, ...sampleShown] : []),
    ...editor.above,
    `${editor.gutter}${highlightCode(editor.cursorLine.text, 'sql', theme)} `,
  ];
  const bottom = [
    ...editor.below,
    helpLine(input.externalEditor, scroll, width, theme),
    ...notice,
    ...cutLines(output, outputRows, theme, 'rows'),
  ];
  return {
    content: content.join('\n'),
    bottom: bottom.join('\n'),
    cursorLine: { text: `${editor.cursorLine.text} `, cursor: editor.cursorLine.cursor },
    top: editor.top,
  };
}

export type TaskViewInput = Pick<
  SqlScreenInput,
  'prefix' | 'label' | 'prompt' | 'version' | 'schema' | 'tables' | 'size' | 'theme'
> & {
  /** The first body line shown last time; clamped to the body, so "the end" can be asked with Infinity. */
  top: number;
};

export interface TaskView {
  /** The whole screen: label, the body's lines in view, the status line last. */
  content: string;
  top: number;
  /** Lines of the body in all, and how many are in view at once (a page). */
  total: number;
  page: number;
}

/** The DDL line by line as written, highlighted; a line wider than the screen wraps under itself, indented. */
function fullSchemaLines(schema: string, width: number, theme: Theme): string[] {
  return sanitizeText(schema)
    .replace(/\n+$/, '')
    .split('\n')
    .flatMap((raw) => {
      const text = expandTabs(raw.trimEnd());
      if (displayWidth(text) <= width) return [highlightCode(text, 'sql', theme)];
      // Highlighted whole before wrapping, so a comment's continuation stays a comment.
      const hanging = width >= 20 ? '  ' : '';
      return wrapText(highlightCode(text, 'sql', theme), width, '', hanging).split('\n');
    });
}

const taskBodyCache = new WeakMap<object, Map<string, string[]>>();

/** The task view's body: the prompt, the whole DDL and every sample row, laid out once per table set and size. */
function taskBody(input: TaskViewInput, width: number): string[] {
  const { theme, tables } = input;
  let sizes = taskBodyCache.get(tables);
  if (!sizes) taskBodyCache.set(tables, (sizes = new Map<string, string[]>()));
  const key = `${width}:${theme.level}:${input.version}:${input.prompt}:${input.schema}`;
  let lines = sizes.get(key);
  if (!lines) {
    lines = [
      ...renderPrompt(input.prompt, theme, width).split('\n'),
      '',
      theme.bold(cutToWidth(`Schema · SQLite ${input.version}`, width)),
      ...fullSchemaLines(input.schema, width, theme),
      '',
      theme.bold('Sample data'),
      ...fitSample(tables, width, Infinity, theme),
    ];
    sizes.set(key, lines);
  }
  return lines;
}

/**
 * The task view: the label, then as much of the body (task, DDL, sample tables) as the rows allow from `top`, and a
 * status line saying where it is and which keys scroll and go back.
 */
export function layoutTaskView(input: TaskViewInput): TaskView {
  const { theme, size } = input;
  const width = size.columns - 1;
  // As the editor's screen: one row spare, so the line under the cursor never scrolls the top away.
  const rows = size.rows - 1;
  const label = `${input.prefix} ${theme.dim(cutToWidth(sanitizeLine(input.label), width - 2))}`;
  const showLabel = rows >= 3;
  const page = Math.max(1, rows - 1 - (showLabel ? 1 : 0));
  const body = taskBody(input, width);
  const total = body.length;
  const top = Math.max(0, Math.min(Number.isFinite(input.top) ? input.top : total, total - page));
  const shown = body.slice(top, top + page);
  const last = top + shown.length;
  // The longest status that fits: where the view is comes first, then the keys.
  const where = total > page ? [`lines ${top + 1}–${last} of ${total}`] : [];
  const scroll = total > page ? ['↑↓ PgUp PgDn scroll'] : [];
  const status = [
    [...where, ...scroll, 'Esc or Ctrl-T back to the query'],
    [...where, ...scroll, 'Esc back'],
    [...where, 'Esc back'],
  ]
    .map((parts) => parts.join(' · '))
    .find((text, i, all) => displayWidth(text) <= width || i === all.length - 1)!;
  const lines = [...(showLabel ? [label] : []), ...shown, theme.dim(cutToWidth(status, width))];
  return { content: lines.join('\n'), top, total, page };
}

/** What stays on screen once the query is submitted: the label, the task and the query with line numbers. */
export function renderSubmitted(
  input: Pick<SqlScreenInput, 'prefix' | 'label' | 'prompt' | 'size' | 'theme'>,
  query: string,
): string {
  const { theme } = input;
  const width = input.size.columns - 1;
  const lines = query.split('\n');
  const numberWidth = Math.max(2, String(lines.length).length);
  return [
    `${input.prefix} ${theme.dim(cutToWidth(sanitizeLine(input.label), width - 2))}`,
    renderPrompt(input.prompt, theme, width),
    theme.bold('Your query:'),
    ...lines.map(
      (l, i) =>
        `${theme.dim(padStartDisplay(String(i + 1), numberWidth))} ${theme.dim('│')} ${plainCodeLine(l, width - numberWidth - 3, theme)}`,
    ),
  ].join('\n');
}
