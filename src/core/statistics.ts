// Classical item analysis of first attempts with Moodle's quiz-statistics definitions, and the responses CSV it reads.

/** One row per candidate's first attempt; marks are 0/1, null = the item was not presented. */
export interface ResponseMatrix {
  itemIds: string[];
  rows: (number | null)[][];
}

export interface StatisticsOptions {
  /** Random-guess score per item id, as a percentage (e.g. 25 for one of four options). */
  randomGuess?: Record<string, number>;
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

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample covariance (divides by n − 1); callers guarantee equal lengths and n ≥ 2. */
function covariance(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += (xs[i]! - mx) * (ys[i]! - my);
  return sum / (xs.length - 1);
}

function median(values: readonly number[]): number {
  const sorted = values.slice().sort((p, q) => p - q);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Moodle's k-statistics (unbiased cumulant estimators). The power sums are taken about the mean: k2..k4 are
 * shift-invariant, so the result is the same as with raw Σ value^k but without cancellation on large scores.
 */
function kStatistics(values: readonly number[]): { k2: number | null; k3: number | null; k4: number | null } {
  const n = values.length;
  if (n < 2) return { k2: null, k3: null, k4: null };
  const m = mean(values);
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (const v of values) {
    const d = v - m;
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

function testStatistics(matrix: ResponseMatrix, totals: number[], presented: number[]): TestStatistics {
  // Attempts that saw nothing have no score to express as a percentage.
  const scores: number[] = [];
  for (let r = 0; r < totals.length; r++) {
    if (presented[r]! > 0) scores.push((100 * totals[r]!) / presented[r]!);
  }
  const { k2, k3, k4 } = kStatistics(scores);
  const sd = k2 === null ? null : Math.sqrt(Math.max(k2, 0));
  const spread = k2 !== null && k2 > 0;
  const alpha = cronbachAlpha(matrix, totals);
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
 * Alpha assumes every attempt answered every item, so it is only reported for a full matrix: with items
 * missing by design, Σ Var(x_i) and Var(T) would describe different groups of candidates.
 */
function cronbachAlpha(matrix: ResponseMatrix, totals: number[]): number | null {
  const k = matrix.itemIds.length;
  const n = matrix.rows.length;
  if (k < 2 || n < 2 || matrix.rows.some((row) => row.some((x) => x === null))) return null;
  const varT = covariance(totals, totals);
  if (varT <= 0) return null;
  let sumVar = 0;
  for (let i = 0; i < k; i++) {
    const xs = matrix.rows.map((row) => row[i]!);
    sumVar += covariance(xs, xs);
  }
  return (k / (k - 1)) * (1 - sumVar / varT);
}

/** Covariance of the best possible pairing: both sorted ascending, so the largest marks meet the largest rests. */
function maxCovariance(xs: readonly number[], os: readonly number[]): number {
  const sx = xs.slice().sort((p, q) => p - q);
  const so = os.slice().sort((p, q) => p - q);
  return covariance(sx, so);
}

export function itemStatistics(matrix: ResponseMatrix, options: StatisticsOptions = {}): QuizStatistics {
  const k = matrix.itemIds.length;
  const totals: number[] = [];
  const presented: number[] = [];
  for (const row of matrix.rows) {
    let total = 0;
    let count = 0;
    for (let i = 0; i < k; i++) {
      const x = row[i];
      if (x === null || x === undefined) continue;
      total += x;
      count++;
    }
    totals.push(total);
    presented.push(count);
  }

  const covXT: (number | null)[] = [];
  const partial = matrix.itemIds.map((id, i) => {
    const xs: number[] = [];
    const ts: number[] = [];
    const os: number[] = [];
    matrix.rows.forEach((row, r) => {
      const x = row[i];
      if (x === null || x === undefined) return;
      xs.push(x);
      ts.push(totals[r]!);
      os.push(totals[r]! - x);
    });
    const n = xs.length;
    const varX = n < 2 ? null : covariance(xs, xs);
    const varO = n < 2 ? null : covariance(os, os);
    const covXO = n < 2 ? null : covariance(xs, os);
    const covMax = n < 2 ? null : maxCovariance(xs, os);
    covXT.push(n < 2 ? null : covariance(xs, ts));
    return {
      id,
      n,
      facility: n === 0 ? null : 100 * mean(xs),
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

  const items = partial.map((item, i): ItemStatistics => {
    const root = roots[i] ?? null;
    const reasons: DubiousReason[] = [];
    if (item.efficiency !== null && item.efficiency < MIN_EFFICIENCY) reasons.push('low-efficiency');
    if (item.discrimination !== null && item.discrimination < 0) reasons.push('negative-discrimination');
    if (item.facility !== null && item.facility < FACILITY_RANGE[0]) reasons.push('too-hard');
    if (item.facility !== null && item.facility > FACILITY_RANGE[1]) reasons.push('too-easy');
    return {
      ...item,
      effectiveWeight: root === null || rootSum <= 0 ? null : (100 * root) / rootSum,
      dubious: reasons.length > 0,
      reasons,
    };
  });

  return {
    attempts: presented.filter((c) => c > 0).length,
    test: testStatistics(matrix, totals, presented),
    items,
  };
}

export interface CsvError {
  error: string;
  /** 1-based line and character column of the offending field. */
  line: number;
  column: number;
}

interface CsvField {
  value: string;
  line: number;
  column: number;
}

/** RFC 4180 records (quoted fields may hold commas, quotes and newlines); blank lines are skipped. */
function csvRecords(text: string): CsvField[][] | CsvError {
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

/** Header = question ids; each further row one attempt with 0, 1 or blank (not presented) per question. */
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
      if (value === '') row.push(null);
      else if (value === '0' || value === '1') row.push(Number(value));
      else {
        return {
          error: `invalid mark "${value}" for question ${itemIds[c]!}: expected 0, 1 or blank`,
          line: field.line,
          column: field.column,
        };
      }
    }
    rows.push(row);
  }
  return { itemIds, rows };
}
