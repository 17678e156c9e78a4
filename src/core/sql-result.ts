// Whether a query result equals the expected one, by the grading rule of `sql` questions, and why not in one line.
// Pure: the sandbox produces the results, this module only compares them.

/**
 * One value of a result row, as SQLite returns it. Integers arrive as numbers: beyond 2^53 they are the nearest
 * double, which is fine for grading (numbers compare within a relative 1e-9, far coarser than that rounding) and
 * keeps them apart from text, which a string would not.
 */
export type SqlValue = null | number | string | Uint8Array;

export interface SqlResult {
  columns: string[];
  rows: SqlValue[][];
}

export type ResultComparison = { equal: true } | { equal: false; reason: string };

/** Integers and reals are equal when numerically equal within this tolerance (relative, and absolute near zero). */
export const REAL_TOLERANCE = 1e-9;

function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  // An infinity equals only itself: with the tolerance scaled by it, any two would pass.
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= REAL_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** NULL equals NULL; numbers by value; text exactly; blobs bytewise; values of different kinds never ('3' != 3). */
export function sameValue(a: SqlValue, b: SqlValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number') return typeof b === 'number' && sameNumber(a, b);
  if (typeof a === 'string') return typeof b === 'string' && a === b;
  return b instanceof Uint8Array && sameBytes(a, b);
}

/** SQLite's own order of storage classes: NULL, numbers, text, blobs. */
function rank(v: SqlValue): number {
  if (v === null) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  return 3;
}

/**
 * A sort key per value: numbers rounded to 10 significant digits, so values equal within the tolerance (0.1 + 0.2
 * and 0.3) sort to the same place and the sorted rows can be compared pairwise.
 */
function sortable(v: SqlValue): SqlValue {
  return typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(10)) : v;
}

function compareKeys(a: SqlValue, b: SqlValue): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (a === null || b === null) return 0;
  if (typeof a === 'number' || typeof a === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = a;
  const y = b as Uint8Array;
  const n = Math.min(x.byteLength, y.byteLength);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.byteLength - y.byteLength;
}

function compareRows(a: SqlValue[], b: SqlValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareKeys(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

/** Rows in canonical order, each paired with its sort key (computed once, not per comparison). */
function canonical(rows: SqlValue[][]): SqlValue[][] {
  return rows
    .map((row) => ({ row, key: row.map(sortable) }))
    .sort((a, b) => compareRows(a.key, b.key))
    .map((r) => r.row);
}

const MAX_SHOWN = 40;

/** A value as SQL would write it, shortened: the reason must stay one line. */
export function formatSqlValue(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    const flat = v.replace(/\s+/g, ' ');
    const shown = flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN)}…` : flat;
    return `'${shown.replaceAll("'", "''")}'`;
  }
  const hex = Array.from(v.subarray(0, MAX_SHOWN), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
  return `X'${hex.length > MAX_SHOWN ? `${hex.slice(0, MAX_SHOWN)}…` : hex}'`;
}

export function formatSqlRow(row: SqlValue[]): string {
  return `(${row.map(formatSqlValue).join(', ')})`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function firstDifference(expected: SqlValue[], actual: SqlValue[]): number {
  return expected.findIndex((v, i) => !sameValue(v, actual[i] ?? null));
}

/**
 * The grading rule: same number and order of columns (names ignored), the same rows as a multiset unless
 * `ordered`, values compared with `sameValue`.
 */
export function sameResult(expected: SqlResult, actual: SqlResult, ordered: boolean): ResultComparison {
  const width = expected.columns.length;
  if (actual.columns.length !== width)
    return { equal: false, reason: `${plural(actual.columns.length, 'column')}, expected ${width}` };
  if (actual.rows.length !== expected.rows.length)
    return { equal: false, reason: `row count ${actual.rows.length}, expected ${expected.rows.length}` };

  if (ordered) {
    for (let r = 0; r < expected.rows.length; r++) {
      const e = expected.rows[r] ?? [];
      const a = actual.rows[r] ?? [];
      const c = firstDifference(e, a);
      if (c >= 0)
        return {
          equal: false,
          reason: `row ${r + 1} differs in column ${c + 1}: ${formatSqlValue(a[c] ?? null)}, expected ${formatSqlValue(e[c] ?? null)}`,
        };
    }
    return { equal: true };
  }

  const e = canonical(expected.rows);
  const a = canonical(actual.rows);
  for (let r = 0; r < e.length; r++) {
    const er = e[r] ?? [];
    const ar = a[r] ?? [];
    if (firstDifference(er, ar) < 0) continue;
    // The first mismatch of two sorted lists: the row that sorts first is the one the other list lacks.
    return compareRows(er.map(sortable), ar.map(sortable)) <= 0
      ? { equal: false, reason: `row ${formatSqlRow(er)} is missing` }
      : { equal: false, reason: `unexpected row ${formatSqlRow(ar)}` };
  }
  return { equal: true };
}
