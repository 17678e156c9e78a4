// The sql question's screen at any terminal size: never taller than the rows nor wider than the columns (Inquirer
// cannot redraw what scrolled away or wrapped), the cursor's line always in view, tables cut rather than wrapped.
import fc from 'fast-check';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bufferOf, type EditBuffer } from '../../src/ui/edit-buffer.js';
import { layoutSqlScreen, renderDataTable, type SqlScreenInput } from '../../src/ui/sql-screen.js';
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
