// JSON export, streamed row by row: { "generatedAt": ..., "domains": [...], "candidates": [ ... ], "exposure": [...] }.
import { drained } from './drain.js';
import type { ExposureRow, ReportRow } from '../core/report-data.js';

export async function writeJsonReport(
  rows: Iterable<ReportRow>,
  domains: string[],
  generatedAt: string,
  out: NodeJS.WritableStream,
  exposure: ExposureRow[],
): Promise<void> {
  out.write(
    `{\n  "generatedAt": ${JSON.stringify(generatedAt)},\n  "domains": ${JSON.stringify(domains)},\n  "candidates": [`,
  );
  let first = true;
  for (const row of rows) {
    if (!out.write(`${first ? '\n' : ',\n'}    ${JSON.stringify(row)}`)) await drained(out);
    first = false;
  }
  out.write(`${first ? '' : '\n  '}],\n  "exposure": ${JSON.stringify(exposure)}\n}\n`);
}
