// The SQL editor prompt through @inquirer/testing, running queries in the real sandbox (built dist/ child process):
// what the candidate sees after each key, where the cursor is, what Ctrl-R shows and what Ctrl-D submits.
import { render } from '@inquirer/testing';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, SQLITE_VERSION, type SqlSetup } from '../../src/sandbox/sandbox.js';
import { bufferOf } from '../../src/ui/edit-buffer.js';
import { editExternally, sqlEditor, type SqlDraft, type SqlEditorConfig } from '../../src/ui/sql-editor.js';
import { MAX_SQL_ANSWER_LENGTH } from '../../src/core/assessment-rules.js';
import { PREVIEW_ROWS, type SampleTables } from '../../src/ui/sql-screen.js';
import type { TerminalSize } from '../../src/ui/text.js';
import { createTheme } from '../../src/ui/theme.js';
import { tempDir } from '../helpers/fixtures.js';

const SETUP: SqlSetup = {
  schema: [
    'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);',
    'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total REAL);',
  ].join('\n'),
  data: [
    "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Brian'), (3, 'Chen');",
    // A name holding a screen clear and a bell: data must never reach the terminal as control bytes.
    "INSERT INTO customers VALUES (4, 'Eve' || char(27) || '[2J' || char(7) || 'X');",
    'INSERT INTO orders VALUES (10, 1, 25.5), (11, 1, 8.0), (12, 3, NULL);',
  ].join('\n'),
};

let sandbox: Sandbox;
let tables: SampleTables;
beforeAll(async () => {
  sandbox = new Sandbox();
  tables = await sandbox.tables(SETUP);
});
afterAll(() => sandbox.close());

const theme = createTheme(false);

async function editor(
  options: { size?: TerminalSize; edit?: SqlEditorConfig['edit']; draft?: SqlDraft } = {},
  signal?: AbortSignal,
) {
  const draft = options.draft ?? { buffer: bufferOf(''), run: { state: 'none' }, top: 0 };
  const config: SqlEditorConfig = {
    label: '2/5 · sql · 9:30 left',
    prompt: 'Return the id and name of every customer who has never placed an order.\nColumns: id, name.',
    version: SQLITE_VERSION,
    schema: SETUP.schema,
    tables,
    run: (sql) => sandbox.run(SETUP, sql, { preview: PREVIEW_ROWS }),
    edit: options.edit,
    draft,
    size: options.size ?? { columns: 100, rows: 40 },
    theme,
  };
  const rendered = await render(sqlEditor, config, signal ? { signal } : undefined);
  // Bytes as the terminal sends them: a paste arrives as one chunk.
  const paste = (text: string) => (rendered.input as unknown as NodeJS.WritableStream).write(text);
  return { draft, paste, ...rendered };
}

/** Lets the redraw queued after a burst of keys happen. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never saw ${what}`);
}

// eslint-disable-next-line no-control-regex -- what must never reach the terminal: a screen clear, a bell
const CONTROL_BYTES = /\u001b\[2J|\u0007/;

/** The terminal cursor's column (0-based) after the last drawing: Inquirer ends it with "ESC [ n G". */
function cursorColumn(raw: string): number {
  // eslint-disable-next-line no-control-regex -- reading the cursor moves Inquirer wrote
  const moves = [...raw.matchAll(/\u001b\[(\d+)G/g)];
  return Number(moves.at(-1)?.[1]) - 1;
}

/** The editor's lines as drawn: "  1 │ text". */
function editorLines(screen: string): string[] {
  return screen
    .split('\n')
    .filter((l) => /^ *\d+ │/.test(l))
    .map((l) => l.trimEnd());
}

describe('the SQL editor', () => {
  it('shows the label, task, dialect, schema, sample tables and key help', async () => {
    const { getScreen } = await editor();
    await settle();
    const screen = getScreen();
    expect(screen).toContain('2/5 · sql · 9:30 left');
    expect(screen).toContain('Return the id and name of every customer who has never placed an order.');
    expect(screen).toContain(`SQLite ${SQLITE_VERSION}`);
    expect(screen).toContain(
      'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total REAL);',
    );
    expect(screen).toMatch(/customers · 4 rows\s+orders · 3 rows/);
    expect(screen).toMatch(/ 2 {2}Brian/);
    expect(screen).toContain('Ctrl-R run on the sample');
    expect(screen).toContain('Ctrl-D submit');
    // The sample's control bytes are stripped: the name is shown, the screen clear and bell are not sent.
    expect(screen).toMatch(/ 4 {2}EveX/);
    expect(getScreen({ raw: true })).not.toMatch(CONTROL_BYTES);
  });

  it('types text, starts new lines with Enter and keeps the cursor where the editing happens', async () => {
    const { events, getScreen } = await editor();
    await settle();
    events.type('SELECT id, name');
    events.keypress('enter');
    events.type('FROM customers');
    await settle();
    expect(editorLines(getScreen())).toEqual([' 1 │ SELECT id, name', ' 2 │ FROM customers']);
    // After "FROM customers" on line 2: the gutter " 2 │ " is 5 columns, the text 14.
    expect(cursorColumn(getScreen({ raw: true }))).toBe(5 + 14);

    events.keypress('up');
    events.keypress('end');
    events.type(', total');
    events.keypress('left');
    events.keypress('left');
    events.keypress('backspace');
    events.keypress('delete');
    await settle();
    expect(editorLines(getScreen())).toEqual([' 1 │ SELECT id, name, tol', ' 2 │ FROM customers']);
    expect(cursorColumn(getScreen({ raw: true }))).toBe(5 + 'SELECT id, name, to'.length);

    events.keypress('home');
    events.keypress('down');
    events.keypress('right');
    await settle();
    expect(cursorColumn(getScreen({ raw: true }))).toBe(5 + 1);
  });

  it('takes a pasted block of several lines in one go, Windows line ends included', async () => {
    const { getScreen, paste } = await editor();
    await settle();
    // A paste reaches the program as one chunk of bytes, newlines as carriage returns (and "\r\n" from Windows).
    paste('SELECT c.id, c.name\r\nFROM customers c\rWHERE NOT EXISTS (\r  SELECT 1 FROM orders o\r)');
    await settle();
    expect(editorLines(getScreen())).toEqual([
      ' 1 │ SELECT c.id, c.name',
      ' 2 │ FROM customers c',
      ' 3 │ WHERE NOT EXISTS (',
      ' 4 │   SELECT 1 FROM orders o',
      ' 5 │ )',
    ]);
  });

  it('Ctrl-R runs the draft on the sample data in the sandbox and shows the rows; F5 too, as often as wanted', async () => {
    const { events, getScreen } = await editor();
    await settle();
    events.type('SELECT id, name FROM customers ORDER BY id');
    events.keypress({ name: 'r', ctrl: true });
    await until(() => getScreen().includes('Result on the sample data'), 'the result');
    const screen = getScreen();
    expect(screen).toContain('Result on the sample data: 4 rows');
    expect(screen).toMatch(/id {2}name[\s\S]*─[\s\S]* 1 {2}Ada\n 2 {2}Brian\n 3 {2}Chen\n 4 {2}EveX/);
    expect(getScreen({ raw: true })).not.toMatch(CONTROL_BYTES);

    // Fix the query and run again with F5: the new result replaces the old one.
    events.keypress('end');
    for (let i = 0; i < ' ORDER BY id'.length; i++) events.keypress('backspace');
    events.type(' WHERE id NOT IN (SELECT customer_id FROM orders)');
    await settle();
    expect(getScreen()).toContain('an earlier draft');
    events.keypress('f5');
    await until(() => getScreen().includes('Result on the sample data: 2 rows'), 'the second result');
    const result = getScreen().slice(getScreen().indexOf('Result on'));
    expect(result).not.toContain('an earlier draft');
    expect(result).toMatch(/ 2 {2}Brian\n 4 {2}EveX$/);
    expect(result).not.toContain('Ada');
  });

  it('shows the first 20 rows of a long result and says how many there are', async () => {
    const { events, getScreen } = await editor({ size: { columns: 100, rows: 60 } });
    await settle();
    events.type(
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 57) SELECT i FROM n',
    );
    events.keypress({ name: 'r', ctrl: true });
    await until(() => getScreen().includes('Result on'), 'the result');
    const screen = getScreen();
    expect(screen).toContain('first 20 of 57 rows');
    expect(screen).toMatch(/\n20$/);
    expect(screen).not.toMatch(/\n21\n/);
  });

  it("shows SQLite's error message and the sandbox's refusal instead of rows", async () => {
    const { events, getScreen } = await editor();
    await settle();
    events.type('SELECT nme FROM customers');
    events.keypress({ name: 'r', ctrl: true });
    await until(() => getScreen().includes('SQLite error'), 'the error');
    expect(getScreen()).toContain('SQLite error: no such column: nme');

    for (let i = 0; i < 'SELECT nme FROM customers'.length; i++) events.keypress('backspace');
    events.type('DELETE FROM customers');
    events.keypress({ name: 'r', ctrl: true });
    await until(() => getScreen().includes('Not run'), 'the refusal');
    expect(getScreen()).toContain('Not run: only one SELECT, WITH or VALUES statement is run');
  });

  it('refuses to submit an empty query and asks nothing else when Ctrl-D submits one', async () => {
    const { answer, events, getScreen } = await editor();
    await settle();
    events.type('  ');
    events.keypress('enter');
    events.keypress({ name: 'd', ctrl: true });
    await settle();
    expect(getScreen()).toContain('Write a query first');
    events.type('SELECT id FROM customers');
    events.keypress('enter');
    events.keypress({ name: 'd', ctrl: true });
    await expect(answer).resolves.toBe('  \nSELECT id FROM customers');
    expect(getScreen()).toContain('Your query:');
  });

  it('refuses to submit a query longer than a result file may carry (import would reject the whole file)', async () => {
    // One character over the limit, the cursor at its end.
    const long = `SELECT '${'x'.repeat(MAX_SQL_ANSWER_LENGTH - 8)}'`;
    expect(long).toHaveLength(MAX_SQL_ANSWER_LENGTH + 1);
    const draft: SqlDraft = { buffer: bufferOf(long), run: { state: 'none' }, top: 0 };
    const { answer, events, getScreen } = await editor({ draft });
    await settle();
    events.keypress({ name: 'd', ctrl: true });
    await settle();
    expect(getScreen()).toContain(`at most ${MAX_SQL_ANSWER_LENGTH.toLocaleString('en')} characters`);
    events.keypress('backspace');
    events.keypress({ name: 'd', ctrl: true });
    await expect(answer).resolves.toBe(long.slice(0, -1));
  });

  it('Ctrl-E says so when no editor is set, and with one reads the edited draft back', async () => {
    const { events, getScreen } = await editor();
    await settle();
    events.keypress({ name: 'e', ctrl: true });
    await settle();
    expect(getScreen()).toContain('No editor is set');

    // An "editor" that appends a line to the file it is given, as a person would in vi.
    const script = path.join(tempDir(), 'append.js');
    writeFileSync(
      script,
      "const fs = require('node:fs'); const f = process.argv[2]; fs.appendFileSync(f, '\\nWHERE id > 1');\n",
    );
    chmodSync(script, 0o755);
    const withEditor = await editor({
      edit: (text) => editExternally(text, `${process.execPath} ${script}`),
    });
    await settle();
    withEditor.events.type('SELECT id FROM customers');
    withEditor.events.keypress({ name: 'e', ctrl: true });
    await until(() => editorLines(withEditor.getScreen()).length === 2, 'the edited draft');
    expect(editorLines(withEditor.getScreen())).toEqual([
      ' 1 │ SELECT id FROM customers',
      ' 2 │ WHERE id > 1',
    ]);
    withEditor.events.keypress({ name: 'd', ctrl: true });
    await expect(withEditor.answer).resolves.toBe('SELECT id FROM customers\nWHERE id > 1');
  });

  it('Ctrl-C is an ExitPromptError and the time limit aborts it, as for every prompt', async () => {
    const first = await editor();
    first.events.keypress({ name: 'c', ctrl: true });
    await expect(first.answer).rejects.toMatchObject({ name: 'ExitPromptError' });

    const timer = new AbortController();
    const second = await editor({}, timer.signal);
    second.events.type('SELECT 1');
    timer.abort();
    await expect(second.answer).rejects.toMatchObject({ name: 'AbortPromptError' });
  });

  it('Ctrl-T shows the whole task, PgDn scrolls it, Esc goes back to the draft, cursor and last run as they were', async () => {
    const size = { columns: 60, rows: 16 };
    const { events, getScreen } = await editor({ size });
    await settle();
    events.type('SELECT id, name FROM customers');
    events.keypress('enter');
    events.type('ORDER BY id');
    events.keypress({ name: 'r', ctrl: true });
    await until(() => getScreen().includes('Result on the sample data: 4 rows'), 'the result');
    events.keypress('left');
    await settle();
    const before = getScreen();
    const cursor = cursorColumn(getScreen({ raw: true }));

    events.keypress({ name: 't', ctrl: true });
    await settle();
    let screen = getScreen();
    let lines = screen.split('\n');
    expect(lines[0]).toBe('? 2/5 · sql · 9:30 left');
    expect(lines[1]).toBe('Return the id and name of every customer who has never');
    // 16 rows: one spare, the label, the status line and 13 lines of the task's 17.
    expect(lines.at(-1)).toBe('lines 1–13 of 17 · ↑↓ PgUp PgDn scroll · Esc back');
    expect(lines.length).toBeLessThanOrEqual(size.rows - 1);
    for (const line of lines) expect(line.length, line).toBeLessThan(size.columns);
    // The editor is gone while the view is open.
    expect(editorLines(screen)).toEqual([]);

    events.keypress('down');
    await settle();
    expect(getScreen().split('\n').at(-1)).toMatch(/^lines 2–14 of 17 · /);
    events.keypress('pagedown');
    await settle();
    screen = getScreen();
    // A page further would pass the end: the last page is shown.
    expect(screen.split('\n').at(-1)).toMatch(/^lines 5–17 of 17 · /);
    // The DDL line wider than the screen wraps under itself.
    expect(screen).toContain(
      'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id\n  INTEGER, total REAL);',
    );
    // The view only reads: typing, Ctrl-R and Ctrl-D change nothing there.
    events.type('x');
    events.keypress({ name: 'd', ctrl: true });
    events.keypress({ name: 'r', ctrl: true });
    events.keypress('end');
    await settle();
    lines = getScreen().split('\n');
    // The end: the last rows of both sample tables, side by side.
    expect(lines.slice(-3, -1).join('\n')).toMatch(/^ 3 {2}Chen +12 +3 +NULL\n 4 {2}EveX$/);
    expect(lines.at(-1)).toMatch(/^lines 5–17 of 17 · /);
    events.keypress('pageup');
    await settle();
    expect(getScreen().split('\n').at(-1)).toMatch(/^lines 1–13 of 17 · /);
    events.keypress('space');
    events.keypress('home');
    await settle();
    expect(getScreen().split('\n').at(-1)).toMatch(/^lines 1–13 of 17 · /);

    events.keypress('escape');
    await settle();
    expect(getScreen()).toBe(before);
    expect(cursorColumn(getScreen({ raw: true }))).toBe(cursor);
    // F2 opens it as well, where it was left, and closes it.
    events.keypress('f2');
    await settle();
    expect(getScreen().split('\n').at(-1)).toMatch(/^lines 1–13 of 17 · /);
    events.keypress('f2');
    await settle();
    expect(getScreen()).toBe(before);
  });

  it('fits a small terminal: no line wider than it, no more lines than its rows, the cursor line in view', async () => {
    const size = { columns: 50, rows: 16 };
    const draft: SqlDraft = {
      buffer: bufferOf(
        Array.from(
          { length: 30 },
          (_, i) => `SELECT ${i + 1} AS a_rather_long_column_name_${i + 1}, 'x' UNION ALL`,
        ).join('\n'),
      ),
      run: { state: 'none' },
      top: 0,
    };
    const { events, getScreen } = await editor({ size, draft });
    await settle();
    events.keypress({ name: 'r', ctrl: true });
    await until(() => /SQLite error|Result on/.test(getScreen()), 'the run');
    const lines = getScreen().split('\n');
    expect(lines.length).toBeLessThanOrEqual(size.rows - 1);
    for (const line of lines) expect(line.length, line).toBeLessThan(size.columns);
    // The cursor is on the last line (30), scrolled into view with its end: "…" marks the text cut on the left.
    expect(lines.some((l) => /^30 │ …/.test(l))).toBe(true);
    expect(getScreen()).toMatch(/lines \d+–30 of 30/);
    expect(stripVTControlCharacters(getScreen({ raw: true }))).not.toContain('\u0007');
  });
});
