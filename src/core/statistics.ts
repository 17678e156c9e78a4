// Classical item analysis of first attempts with Moodle's quiz-statistics definitions, and the responses CSV it reads.

/**
 * Marks run from 0 to 1: 0/1 for wrong/right, fractions for partial credit (Moodle's statistics are defined on
 * fractional marks). Kept as bytes while every mark is 0 or 1.
 */
export type Marks = Uint8Array | Float64Array;

/** One row per candidate's first attempt; marks 0..1, null = the item was not presented. */
export interface ResponseMatrix {
  itemIds: string[];
  rows: (number | null)[][];
}

/**
 * The same responses held per attempt as the items presented, so memory grows with the number of responses and
 * not with attempts × pool size (100,000 attempts of 40 questions from a pool of 10,000).
 */
export interface SparseResponses {
  itemIds: string[];
  /** One per attempt: indexes into itemIds of the presented items, and their marks 0..1 (same length). */
  rows: { items: Uint32Array; marks: Marks }[];
}

/** A sparse set is told apart by its first row having `items`; an empty set means the same either way. */
export function isSparse(input: ResponseMatrix | SparseResponses): input is SparseResponses {
  const first = input.rows[0];
  return first !== undefined && 'items' in first;
}

/**
 * Responses in compressed rows, the working form of the item analysis and of IRT calibration: attempt r's
 * responses are entries offsets[r] ≤ t < offsets[r + 1] of items and marks.
 */
export interface PackedResponses {
  itemIds: string[];
  offsets: Uint32Array;
  items: Uint32Array;
  marks: Marks;
  /** Some mark is strictly between 0 and 1. */
  fractional: boolean;
  /** Responses per item. */
  perItem: Uint32Array;
  /** Every attempt was presented every item. */
  complete: boolean;
}

function packDense(matrix: ResponseMatrix): PackedResponses {
  const k = matrix.itemIds.length;
  const n = matrix.rows.length;
  // First pass sizes the arrays and checks the marks; cells past the last column are ignored, as before.
  const offsets = new Uint32Array(n + 1);
  let total = 0;
  let fractional = false;
  for (let r = 0; r < n; r++) {
    const row = matrix.rows[r]!;
    const end = Math.min(row.length, k);
    for (let i = 0; i < end; i++) {
      const x = row[i];
      if (x === null || x === undefined) continue;
      if (!(x >= 0 && x <= 1)) {
        throw new RangeError(`attempt ${r + 1}, question ${matrix.itemIds[i]!}: mark ${x} is outside 0..1`);
      }
      if (x !== 0 && x !== 1) fractional = true;
      total++;
    }
    offsets[r + 1] = total;
  }
  const items = new Uint32Array(total);
  const marks = fractional ? new Float64Array(total) : new Uint8Array(total);
  const perItem = new Uint32Array(k);
  let complete = true;
  let t = 0;
  for (let r = 0; r < n; r++) {
    const row = matrix.rows[r]!;
    const end = Math.min(row.length, k);
    for (let i = 0; i < end; i++) {
      const x = row[i];
      if (x === null || x === undefined) continue;
      items[t] = i;
      marks[t] = x;
      perItem[i]!++;
      t++;
    }
    if (offsets[r + 1]! - offsets[r]! !== k) complete = false;
  }
  return { itemIds: matrix.itemIds, offsets, items, marks, fractional, perItem, complete };
}

function packSparse(input: SparseResponses): PackedResponses {
  const k = input.itemIds.length;
  const n = input.rows.length;
  const offsets = new Uint32Array(n + 1);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const { items, marks } = input.rows[r]!;
    if (items.length !== marks.length) {
      throw new RangeError(`attempt ${r + 1}: ${items.length} items but ${marks.length} marks`);
    }
    total += items.length;
    offsets[r + 1] = total;
  }
  const fractional = input.rows.some((row) => row.marks.some((m) => m !== 0 && m !== 1));
  const items = new Uint32Array(total);
  const marks = fractional ? new Float64Array(total) : new Uint8Array(total);
  const perItem = new Uint32Array(k);
  // The last attempt (1-based) that presented each item: catches an item listed twice in one attempt.
  const seen = new Uint32Array(k);
  let complete = true;
  for (let r = 0; r < n; r++) {
    const row = input.rows[r]!;
    const start = offsets[r]!;
    const end = offsets[r + 1]!;
    items.set(row.items, start);
    marks.set(row.marks, start);
    for (let t = start; t < end; t++) {
      const i = items[t]!;
      if (i >= k) throw new RangeError(`attempt ${r + 1}: item index ${i} is outside 0..${k - 1}`);
      if (seen[i] === r + 1)
        throw new RangeError(`attempt ${r + 1}: question ${input.itemIds[i]!} listed twice`);
      if (!(marks[t]! >= 0 && marks[t]! <= 1)) {
        throw new RangeError(
          `attempt ${r + 1}, question ${input.itemIds[i]!}: mark ${marks[t]!} is outside 0..1`,
        );
      }
      seen[i] = r + 1;
      perItem[i]!++;
    }
    if (end - start !== k) complete = false;
  }
  return { itemIds: input.itemIds, offsets, items, marks, fractional, perItem, complete };
}

/**
 * Either form in compressed rows, checked: marks 0..1 (RangeError otherwise); for sparse rows also item indexes
 * in range, no item twice in one attempt, and as many marks as items.
 */
export function packResponses(input: ResponseMatrix | SparseResponses): PackedResponses {
  return isSparse(input) ? packSparse(input) : packDense(input);
}

/** The mean of an attempt's marks (0 for an attempt that saw nothing). */
export function meanMark(marks: Marks): number {
  let sum = 0;
  for (let j = 0; j < marks.length; j++) sum += marks[j]!;
  return marks.length === 0 ? 0 : sum / marks.length;
}

/** The first fractional mark (strictly between 0 and 1), if any: where 0/1 models such as 2PL cannot go. */
export function firstFractional(
  input: SparseResponses,
): { attempt: number; id: string; mark: number } | undefined {
  for (const [r, row] of input.rows.entries())
    for (let t = 0; t < row.marks.length; t++) {
      const m = row.marks[t]!;
      if (m !== 0 && m !== 1) return { attempt: r + 1, id: input.itemIds[row.items[t]!]!, mark: m };
    }
  return undefined;
}

/** Marks at or above the threshold count as right (1), the others as wrong (0). */
export function dichotomize(input: SparseResponses, threshold: number): SparseResponses {
  return {
    itemIds: input.itemIds,
    rows: input.rows.map(({ items, marks }) => ({
      items,
      marks: Uint8Array.from(marks, (m) => (m >= threshold ? 1 : 0)),
    })),
  };
}

/** The sparse form of a matrix; its rows are views into two shared buffers. */
export function toSparse(matrix: ResponseMatrix): SparseResponses {
  const { offsets, items, marks } = packDense(matrix);
  const rows: SparseResponses['rows'] = [];
  for (let r = 0; r + 1 < offsets.length; r++) {
    rows.push({
      items: items.subarray(offsets[r], offsets[r + 1]),
      marks: marks.subarray(offsets[r], offsets[r + 1]),
    });
  }
  return { itemIds: matrix.itemIds.slice(), rows };
}

export interface StatisticsOptions {
  /** Random-guess score per item id, as a percentage (e.g. 25 for one of four options). */
  randomGuess?: Record<string, number>;
  /**
   * Items presented in fewer attempts are not judged: `tooFewAttempts`, never dubious (default 0: every item is
   * judged, as Moodle does). With three attempts every figure is noise, and flags would only send authors to
   * rewrite sound questions.
   */
  minAttempts?: number;
}

export interface TestStatistics {
  /** Mean, median and SD of the attempt's score as a percentage of the marks it could have earned. */
  mean: number | null;
  median: number | null;
  sd: number | null;
  skewness: number | null;
  kurtosis: number | null;
  /** Cronbach's alpha as a fraction (Moodle shows it ×100 as the coefficient of internal consistency). */
  alpha: number | null;
  /** 100·√(1 − α): the share of the score spread that is noise. */
  errorRatio: number | null;
  /** Standard error of measurement, in the same percentage points as mean and sd. */
  sem: number | null;
}

export type DubiousReason = 'low-efficiency' | 'negative-discrimination' | 'too-hard' | 'too-easy';

export interface ItemStatistics {
  id: string;
  /** Attempts in which the item was presented. */
  n: number;
  facility: number | null;
  sd: number | null;
  randomGuess: number | null;
  discrimination: number | null;
  efficiency: number | null;
  effectiveWeight: number | null;
  dubious: boolean;
  reasons: DubiousReason[];
  /** Presented in fewer than `minAttempts` attempts: the figures are shown but not judged. */
  tooFewAttempts: boolean;
}

export interface QuizStatistics {
  /** Attempts that were presented at least one item. */
  attempts: number;
  test: TestStatistics;
  items: ItemStatistics[];
}

/** Moodle flags an item when its discriminative efficiency is below this (percent). */
export const MIN_EFFICIENCY = 15;
/** ...or its facility falls outside this range (percent). */
export const FACILITY_RANGE = [5, 95] as const;

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < values.length; j++) sum += values[j]!;
  return sum / values.length;
}

function median(values: Float64Array): number {
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Moodle's k-statistics (unbiased cumulant estimators). The power sums are taken about the mean: k2..k4 are
 * shift-invariant, so the result is the same as with raw Σ value^k but without cancellation on large scores.
 */
function kStatistics(values: ArrayLike<number>): { k2: number | null; k3: number | null; k4: number | null } {
  const n = values.length;
  if (n < 2) return { k2: null, k3: null, k4: null };
  const m = mean(values);
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let j = 0; j < n; j++) {
    const d = values[j]! - m;
    s1 += d;
    s2 += d * d;
    s3 += d * d * d;
    s4 += d * d * d * d;
  }
  const k2 = (n * s2 - s1 * s1) / (n * (n - 1));
  const k3 = n < 3 ? null : (n * n * s3 - 3 * n * s2 * s1 + 2 * s1 ** 3) / (n * (n - 1) * (n - 2));
  const k4 =
    n < 4
      ? null
      : ((n ** 3 + n ** 2) * s4 -
          4 * (n ** 2 + n) * s3 * s1 -
          3 * (n ** 2 - n) * s2 ** 2 +
          12 * n * s2 * s1 ** 2 -
          6 * s1 ** 4) /
        (n * (n - 1) * (n - 2) * (n - 3));
  return { k2, k3, k4 };
}

/**
 * Sum of the s largest values, which get the 1s when marks and rest scores are paired best (0 < s < length).
 * Rest scores are whole numbers over a short range (0..test length), so usually a count per value; a sort when
 * the range is wide next to the number of values.
 */
function largestSum(values: Int32Array, s: number, scratch: { counts: Uint32Array }): number {
  const n = values.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < n; j++) {
    const v = values[j]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range = hi - lo + 1;
  let sum = 0;
  if (range <= 4 * n + 64) {
    if (scratch.counts.length < range)
      scratch.counts = new Uint32Array(Math.max(range, 2 * scratch.counts.length));
    const counts = scratch.counts;
    counts.fill(0, 0, range);
    for (let j = 0; j < n; j++) counts[values[j]! - lo]!++;
    let need = s;
    for (let b = range - 1; need > 0; b--) {
      const take = Math.min(counts[b]!, need);
      sum += take * (b + lo);
      need -= take;
    }
    return sum;
  }
  values.sort();
  for (let j = n - s; j < n; j++) sum += values[j]!;
  return sum;
}

/** Σ x_(j)·O_(j) with both sorted ascending: the largest Σ x·O any pairing of these marks and rest scores gives. */
function sortedProduct(xs: Float64Array, rest: Float64Array | Int32Array): number {
  const a = Float64Array.from(xs).sort();
  const b = Float64Array.from(rest).sort();
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j]! * b[j]!;
  return sum;
}

/**
 * Item statistics from sums over the attempts that presented each item, in two passes over the responses (the
 * totals T, then per item Σx, Σx², ΣT, ΣT², ΣxT and the rest scores O = T − x). With 0/1 marks T is shifted by
 * a whole number near its mean, so every sum is an integer small enough to be exact in double precision and each
 * (co)variance is an exact integer n·Σuv − Σu·Σv divided once by n(n − 1): no cancellation, in any order.
 * Fractional marks take the same formulas in ordinary double precision.
 */
export function itemStatistics(
  input: ResponseMatrix | SparseResponses,
  options: StatisticsOptions = {},
): QuizStatistics {
  const { itemIds, offsets, items, marks, fractional, perItem, complete } = packResponses(input);
  const k = itemIds.length;
  const rows = offsets.length - 1;

  const totals = new Float64Array(rows);
  let grand = 0;
  let attempts = 0;
  for (let r = 0; r < rows; r++) {
    const start = offsets[r]!;
    const end = offsets[r + 1]!;
    let total = 0;
    for (let t = start; t < end; t++) total += marks[t]!;
    totals[r] = total;
    if (end > start) {
      grand += total;
      attempts++;
    }
  }
  const shift = attempts === 0 ? 0 : Math.round(grand / attempts);

  // Each item's rest scores, grouped by item: item i's are rest[first[i]] .. rest[first[i + 1] − 1].
  const first = new Uint32Array(k + 1);
  for (let i = 0; i < k; i++) first[i + 1] = first[i]! + perItem[i]!;
  const cursor = first.slice(0, k);
  const rest = fractional ? new Float64Array(items.length) : new Int32Array(items.length);
  // Fractional marks pair with rest scores by sorting both, so each item's marks are kept grouped too.
  const grouped = fractional ? new Float64Array(items.length) : undefined;
  const sumX = new Float64Array(k);
  const sumXX = new Float64Array(k);
  const sumT = new Float64Array(k);
  const sumTT = new Float64Array(k);
  const sumXT = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    const total = totals[r]! - shift;
    const end = offsets[r + 1]!;
    for (let t = offsets[r]!; t < end; t++) {
      const i = items[t]!;
      const x = marks[t]!;
      sumX[i]! += x;
      sumXX[i]! += x * x;
      sumT[i]! += total;
      sumTT[i]! += total * total;
      sumXT[i]! += x * total;
      if (grouped) grouped[cursor[i]!] = x;
      rest[cursor[i]!++] = total - x;
    }
  }

  const scratch = { counts: new Uint32Array(0) };
  const covXT: (number | null)[] = [];
  const varXs: (number | null)[] = [];
  const partial = itemIds.map((id, i) => {
    const n = perItem[i]!;
    const sx = sumX[i]!;
    const st = sumT[i]!;
    const sxt = sumXT[i]!;
    const sxx = sumXX[i]!;
    // O = T − x: ΣO = ΣT − Σx, ΣO² = ΣT² − 2ΣxT + Σx², ΣxO = ΣxT − Σx² (Σx² = Σx for 0/1 marks).
    const so = st - sx;
    const soo = sumTT[i]! - 2 * sxt + sxx;
    const sxo = sxt - sxx;
    const nn = n * (n - 1);
    const varX = n < 2 ? null : (n * sxx - sx * sx) / nn;
    const varO = n < 2 ? null : (n * soo - so * so) / nn;
    const covXO = n < 2 ? null : (n * sxo - sx * so) / nn;
    // Best pairing: sorted, the sx marks of 1 meet the sx largest rest scores, so Σ x·O becomes their sum.
    const top = grouped
      ? sortedProduct(grouped.subarray(first[i], first[i + 1]), rest.subarray(first[i], first[i + 1]))
      : sx === 0
        ? 0
        : sx === n
          ? so
          : largestSum((rest as Int32Array).subarray(first[i], first[i + 1]), sx, scratch);
    const covMax = n < 2 ? null : (n * top - sx * so) / nn;
    covXT.push(n < 2 ? null : (n * sxt - sx * st) / nn);
    varXs.push(varX);
    return {
      id,
      n,
      facility: n === 0 ? null : 100 * (sx / n),
      sd: varX === null ? null : 100 * Math.sqrt(varX),
      randomGuess: options.randomGuess?.[id] ?? null,
      discrimination:
        covXO === null || varX! <= 0 || varO! <= 0 ? null : (100 * covXO) / Math.sqrt(varX! * varO!),
      efficiency: covXO === null || covMax! <= 0 ? null : (100 * covXO) / covMax!,
    };
  });

  // Items that move against the total would make the square root imaginary; Moodle leaves them out.
  const roots = covXT.map((c) => (c === null || c < 0 ? null : Math.sqrt(c)));
  const rootSum = roots.reduce<number>((sum, r) => sum + (r ?? 0), 0);

  const minAttempts = options.minAttempts ?? 0;
  const itemResults = partial.map((item, i): ItemStatistics => {
    const root = roots[i] ?? null;
    const reasons: DubiousReason[] = [];
    const tooFewAttempts = item.n < minAttempts;
    // Below minAttempts nothing is judged, whatever the figures say.
    if (!tooFewAttempts) {
      if (item.efficiency !== null && item.efficiency < MIN_EFFICIENCY) reasons.push('low-efficiency');
      if (item.discrimination !== null && item.discrimination < 0) reasons.push('negative-discrimination');
      if (item.facility !== null && item.facility < FACILITY_RANGE[0]) reasons.push('too-hard');
      if (item.facility !== null && item.facility > FACILITY_RANGE[1]) reasons.push('too-easy');
    }
    return {
      ...item,
      effectiveWeight: root === null || rootSum <= 0 ? null : (100 * root) / rootSum,
      dubious: reasons.length > 0,
      tooFewAttempts,
      reasons,
    };
  });

  // Attempts that saw nothing have no score to express as a percentage.
  const scores = new Float64Array(attempts);
  for (let r = 0, j = 0; r < rows; r++) {
    const presented = offsets[r + 1]! - offsets[r]!;
    if (presented > 0) scores[j++] = (100 * totals[r]!) / presented;
  }
  const alpha = complete ? cronbachAlpha(totals, shift, varXs) : null;
  return { attempts, test: testStatistics(scores, alpha), items: itemResults };
}

function testStatistics(scores: Float64Array, alpha: number | null): TestStatistics {
  const { k2, k3, k4 } = kStatistics(scores);
  const sd = k2 === null ? null : Math.sqrt(Math.max(k2, 0));
  const spread = k2 !== null && k2 > 0;
  // α ≤ 1 mathematically; the clamp only absorbs rounding so the square root stays real.
  const errorRatio = alpha === null ? null : 100 * Math.sqrt(Math.max(0, 1 - alpha));
  return {
    mean: scores.length === 0 ? null : mean(scores),
    median: scores.length === 0 ? null : median(scores),
    sd,
    skewness: spread && k3 !== null ? k3 / k2 ** 1.5 : null,
    kurtosis: spread && k4 !== null ? k4 / k2 ** 2 : null,
    alpha,
    errorRatio,
    sem: errorRatio === null || sd === null ? null : (errorRatio * sd) / 100,
  };
}

/**
 * Alpha assumes every attempt answered every item, so it is only reported when every attempt was presented every
 * item (the caller checks): with items missing by design, Σ Var(x_i) and Var(T) would describe different groups
 * of candidates. The item variances are then over all attempts.
 */
function cronbachAlpha(
  totals: Float64Array,
  shift: number,
  varXs: readonly (number | null)[],
): number | null {
  const k = varXs.length;
  const n = totals.length;
  if (k < 2 || n < 2) return null;
  let s1 = 0;
  let s2 = 0;
  for (let r = 0; r < n; r++) {
    const t = totals[r]! - shift;
    s1 += t;
    s2 += t * t;
  }
  const varT = (n * s2 - s1 * s1) / (n * (n - 1));
  if (varT <= 0) return null;
  let sumVar = 0;
  for (const v of varXs) sumVar += v!;
  return (k / (k - 1)) * (1 - sumVar / varT);
}

export interface CsvError {
  error: string;
  /** 1-based line and character column of the offending field. */
  line: number;
  column: number;
}

export interface CsvField {
  value: string;
  line: number;
  column: number;
}

/** RFC 4180 records (quoted fields may hold commas, quotes and newlines); blank lines are skipped. */
export function csvRecords(text: string): CsvField[][] | CsvError {
  const records: CsvField[][] = [];
  let record: CsvField[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 1;
  let lineStart = i;
  for (;;) {
    const field: CsvField = { value: '', line, column: i - lineStart + 1 };
    const quoted = text[i] === '"';
    if (quoted) {
      i++;
      for (;;) {
        if (i >= text.length)
          return { error: 'unterminated quoted field', line: field.line, column: field.column };
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field.value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') {
          line++;
          lineStart = i + 1;
        }
        field.value += c;
        i++;
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        return { error: 'unexpected character after closing quote', line, column: i - lineStart + 1 };
      }
    } else {
      const start = i;
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
      field.value = text.slice(start, i);
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    // End of record: a lone empty unquoted field is a blank line, not a record.
    const blank = record.length === 1 && field.value === '' && !quoted;
    if (!blank) records.push(record);
    record = [];
    if (i >= text.length) break;
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    i++;
    line++;
    lineStart = i;
    if (i >= text.length) break;
  }
  return records;
}

/** A mark from 0 to 1 as written in a CSV cell ("1", "0.5", ".25"); undefined when the cell is not one. */
export function markValue(cell: string): number | undefined {
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(cell)) return undefined;
  const x = Number(cell);
  return x >= 0 && x <= 1 ? x : undefined;
}

/** Header = question ids; each further row one attempt with a mark 0..1, or blank or "-" (not presented). */
export function parseResponsesCsv(text: string): ResponseMatrix | CsvError {
  const records = csvRecords(text);
  if (!Array.isArray(records)) return records;
  const [header, ...body] = records;
  if (header === undefined)
    return { error: 'empty file: expected a header of question ids', line: 1, column: 1 };
  const itemIds: string[] = [];
  const seen = new Set<string>();
  for (const field of header) {
    const id = field.value.trim();
    if (id === '') return { error: 'empty question id in header', line: field.line, column: field.column };
    if (seen.has(id))
      return { error: `duplicate question id "${id}"`, line: field.line, column: field.column };
    seen.add(id);
    itemIds.push(id);
  }
  const rows: (number | null)[][] = [];
  for (const record of body) {
    if (record.length !== itemIds.length) {
      // Too many: point at the first surplus field; too few: at the last field present.
      const at = record[Math.min(record.length, itemIds.length + 1) - 1]!;
      return {
        error: `expected ${itemIds.length} fields, found ${record.length}`,
        line: at.line,
        column: at.column,
      };
    }
    const row: (number | null)[] = [];
    for (let c = 0; c < record.length; c++) {
      const field = record[c]!;
      const value = field.value.trim();
      const mark = markValue(value);
      if (value === '' || value === '-') row.push(null);
      else if (mark !== undefined) row.push(mark);
      else {
        return {
          error: `invalid mark "${value}" for question ${itemIds[c]!}: expected a mark from 0 to 1, or blank or - for not presented`,
          line: field.line,
          column: field.column,
        };
      }
    }
    rows.push(row);
  }
  return { itemIds, rows };
}
