// CSV export (RFC 4180 via csv-stringify), UTF-8 with BOM for Excel, formula cells neutralized (OWASP CSV injection).
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { drained } from './drain.js';
import type { ReportRow } from '../core/report-data.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would run as a formula gets a leading apostrophe, so it shows as text. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvHeader(domains: string[]): string[] {
  return [
    'candidate',
    'email',
    'assessment',
    'cohort',
    'session',
    'started_at',
    'finished_at',
    'minutes',
    'status',
    'score',
    'passed',
    'pass_mark',
    'percentile',
    ...domains.map((d) => `domain_${d}`),
    'signals',
  ];
}

export function csvRecord(row: ReportRow, domains: string[]): (string | number)[] {
  const text = (v: string) => neutralizeCell(v);
  return [
    text(row.name),
    text(row.email),
    text(row.assessment),
    text(row.cohort),
    row.sessionId,
    row.startedAt,
    row.finishedAt ?? '',
    row.minutes,
    row.status,
    row.score,
    row.passed === null ? '' : row.passed ? 'pass' : 'fail',
    row.passMark ?? '',
    row.percentile,
    ...domains.map((d) => row.domains[d] ?? ''),
    text(row.signals.join('; ')),
  ];
}

/** Streams rows to `out` as they come; backpressure is respected so memory stays flat. */
export async function writeCsv(
  rows: Iterable<ReportRow>,
  domains: string[],
  out: NodeJS.WritableStream,
): Promise<void> {
  out.write('\ufeff');
  const csv = stringify({ record_delimiter: 'windows' });
  csv.on('data', (chunk: Buffer) => {
    if (!out.write(chunk)) csv.pause();
  });
  out.on('drain', () => csv.resume());
  const finished = once(csv, 'end');
  csv.write(csvHeader(domains));
  for (const row of rows)
    if (!csv.write(csvRecord(row, domains))) await Promise.race([once(csv, 'drain'), drained(out)]);
  csv.end();
  await finished;
}
