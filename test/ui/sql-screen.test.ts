// The sql question's screen at any terminal size: never taller than the rows nor wider than the columns (Inquirer
// cannot redraw what scrolled away or wrapped), the cursor's line always in view, tables cut rather than wrapped;
// and the task view (Ctrl-T), where every DDL line and every sample row can be scrolled to.
import fc from 'fast-check';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bufferOf, type EditBuffer } from '../../src/ui/edit-buffer.js';
import {
  layoutSqlScreen,
  layoutTaskView,
  renderDataTable,
  type SqlScreenInput,
} from '../../src/ui/sql-screen.js';
import { displayWidth } from '../../src/ui/text.js';
import { createTheme } from '../../src/ui/theme.js';

const theme = createTheme(true);
const SCHEMA = [
  'CREATE TABLE customers (',
  '  id INTEGER PRIMARY KEY,',
  '  name TEXT NOT NULL,',
  '  email TEXT UNIQUE, -- may be NULL for customers who signed up by phone',
  '  created_at TEXT NOT NULL',
  ');',
  'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), total REAL);',
  'CREATE TABLE order_lines (order_id INTEGER, product TEXT, quantity INTEGER, price REAL);',
].join('\n');
const row = (i: number) => [i, `Customer number ${i} 名前`, i % 3 === 0 ? null : i * 1.25, 'x'.repeat(i)];
const TABLES = [
  {
    name: 'customers',
    columns: ['id', 'name', 'total', 'note'],
    rows: Array.from({ length: 12 }, (_, i) => row(i)),
  },
  {
    name: 'orders',
    columns: ['id', 'customer_id', 'total'],
    rows: [
      [10, 1, 25.5],
      [11, 1, null],
    ],
  },
  {
    name: 'order_lines',
    columns: ['order_id', 'product', 'quantity', 'price'],
    rows: [[10, 'Widget', 2, 9.99]],
  },
];

function input(size: { columns: number; rows: number }, buffer: EditBuffer, output: boolean): SqlScreenInput {
  return {
    prefix: '?',
    label: '12/40 · sql · 1:02:03 left',
    prompt:
      'Return the id and name of every customer who has never placed an order, with the number of order lines of ' +
      'their most recent order. Columns: id, name, lines. Rows ordered by id.',
    version: '3.53.2',
    schema: SCHEMA,
    tables: TABLES,
    buffer,
    run: output
      ? {
          state: 'done',
          text: 'SELECT 1',
          outcome: {
            ok: true,
            columns: ['id', 'name', 'total', 'note'],
            rows: Array.from({ length: 20 }, (_, i) => row(i)),
            rowCount: 57,
            truncated: true,
          },
        }
      : { state: 'none' },
    externalEditor: false,
    size,
    theme,
    top: 0,
  };
}

describe('the sql screen', () => {
  it('fits every terminal size, keeps the cursor line in view and ends the content with it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 200 }),
        fc.integer({ min: 10, max: 70 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        fc.boolean(),
        (columns, rows, lineCount, at, output) => {
          const text = Array.from(
            { length: lineCount },
            (_, i) => `SELECT ${i} AS c${i}, 'a fairly long literal ${i}'`,
          );
          const buffer = { ...bufferOf(text.join('\n')), row: at % lineCount, col: 3 };
          const screen = layoutSqlScreen(input({ columns, rows }, buffer, output));
          const lines = [...screen.content.split('\n'), ...screen.bottom.split('\n')];
          expect(lines.length).toBeLessThanOrEqual(rows - 1);
          for (const line of lines) expect(displayWidth(line)).toBeLessThan(columns);
          const last = stripVTControlCharacters(screen.content.split('\n').at(-1)!);
          expect(last).toMatch(new RegExp(`^ *${buffer.row + 1} │ `));
          expect(last.endsWith(screen.cursorLine.text)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shows everything on a large terminal: the whole schema, every sample row, the 20 rows run', () => {
    const screen = layoutSqlScreen(input({ columns: 160, rows: 80 }, bufferOf('SELECT 1'), true));
    const text = stripVTControlCharacters(`${screen.content}\n${screen.bottom}`);
    expect(text).toContain('-- may be NULL for customers who signed up by phone');
    expect(text).toContain('Customer number 11 名前');
    expect(text).toContain('first 20 of 57 rows');
    expect(text).not.toMatch(/… \d+ more/);
    // Nothing is left out, so the title points nowhere else.
    expect(text).not.toContain('Ctrl-T: full schema and data');
  });

  it('names each table and its columns when the DDL does not fit, and points to the full schema', () => {
    const screen = layoutSqlScreen(input({ columns: 80, rows: 24 }, bufferOf('SELECT 1'), false));
    const lines = stripVTControlCharacters(screen.content).split('\n');
    const title = lines.findIndex((l) => l.startsWith('Schema · SQLite'));
    expect(lines[title]).toBe('Schema · SQLite 3.53.2 · Ctrl-T: full schema and data');
    expect(lines.slice(title + 1, title + 4)).toEqual([
      'customers(id, name, total, note)',
      'orders(id, customer_id, total)',
      'order_lines(order_id, product, quantity, price)',
    ]);
    expect(lines[title + 4]).toBe('Sample data');
    expect(stripVTControlCharacters(screen.bottom)).toContain('Ctrl-T schema & data');
    // No raw DDL line is left on the screen.
    expect(lines.join('\n')).not.toContain('CREATE TABLE');
  });

  it('cuts wide cells and drops the columns that do not fit, never wrapping a row', () => {
    const plain = createTheme(false);
    const narrow = renderDataTable(
      ['id', 'a rather long column name', 'c', 'd'],
      [[1, 'x'.repeat(80), 'yyyyyyyyyyyy', 'zzzzzzzzzzzz']],
      30,
      plain,
    );
    for (const line of narrow) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    // The widest columns give way first; every column is still there.
    expect(narrow[0]).toMatch(/^id {2}a rath… {2}c +d$/);
    expect(narrow[2]).toMatch(/^ 1 {2}x+… {2}y+… {2}z+…$/);

    const six = renderDataTable(
      ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'],
      [[1, 2, 3, 4, 5, 6]],
      20,
      plain,
    );
    for (const line of six) expect(displayWidth(line)).toBeLessThanOrEqual(20);
    // Columns that cannot fit even cut are left out, a last "…" saying so.
    expect(six[0]).toBe('al…  br…  ch…  …');
    expect(six[2]).toBe('  1    2    3  …');
  });
});

/** The task view's body lines at `top`, as the candidate reads them: without the label and the status line. */
function viewAt(size: { columns: number; rows: number }, top: number) {
  const view = layoutTaskView({ ...input(size, bufferOf(''), false), top });
  const lines = stripVTControlCharacters(view.content).split('\n');
  return { ...view, lines, body: lines.slice(lines.length - 1 - Math.min(view.page, view.total), -1) };
}

describe('the task view', () => {
  it('fits every terminal size, and scrolling page by page reaches every DDL line and every sample row', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 200 }), fc.integer({ min: 10, max: 70 }), (columns, rows) => {
        const size = { columns, rows };
        const seen: string[] = [];
        let top = 0;
        for (;;) {
          const view = viewAt(size, top);
          const lines = view.content.split('\n');
          expect(lines.length).toBeLessThanOrEqual(rows - 1);
          for (const line of lines) expect(displayWidth(line)).toBeLessThan(columns);
          expect(view.top).toBe(Math.min(top, Math.max(0, view.total - view.page)));
          seen.push(...view.body);
          if (view.top + view.page >= view.total) break;
          top += view.page;
        }
        // Lines wrapped to the width (continued under themselves, indented) are read joined again: no word is lost.
        const all = seen.join('\n');
        const words = (text: string) => text.trim().replace(/\s+/g, ' ');
        for (const line of SCHEMA.split('\n')) expect(words(all)).toContain(words(line));
        // Every row of every sample table (tables may stand side by side): its id and the next cell's start.
        for (const r of TABLES[0]!.rows) expect(all).toMatch(new RegExp(`(^|\\s)${r[0]} +Cu`, 'm'));
        expect(all).toMatch(/(^|\s)10 +1 +25\.5/m);
        expect(all).toMatch(/(^|\s)11 +1 +NULL/m);
        expect(all).toMatch(/(^|\s)10 +Wi/m);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the scroll within the body: before the start is the start, past the end is the last page', () => {
    const size = { columns: 80, rows: 24 };
    const first = viewAt(size, -5);
    expect(first.top).toBe(0);
    expect(first.body[0]).toBe(first.lines[1]);
    expect(first.body).toHaveLength(first.page);
    expect(first.lines.at(-1)).toBe(
      `lines 1–${first.page} of ${first.total} · ↑↓ PgUp PgDn scroll · Esc or Ctrl-T back to the query`,
    );

    const end = viewAt(size, Infinity);
    expect(end.top).toBe(end.total - end.page);
    expect(end.lines.at(-1)).toMatch(new RegExp(`^lines ${end.top + 1}–${end.total} of ${end.total} · `));
    // The last line of the body is the last sample table's last row.
    expect(end.body.at(-1)).toMatch(/^ +10 +Widget +2 +9\.99$/);
    expect(viewAt(size, end.total + 100).top).toBe(end.top);

    // A terminal tall enough for everything shows it all, with only the way back.
    const tall = viewAt({ columns: 160, rows: 120 }, 3);
    expect(tall.top).toBe(0);
    expect(tall.lines.at(-1)).toBe('Esc or Ctrl-T back to the query');
    expect(tall.lines.join('\n')).toContain('-- may be NULL for customers who signed up by phone');
  });
});
