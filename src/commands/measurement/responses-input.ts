// Where stats and calibrate get their responses: a 0/1 CSV (--responses) or the first attempts in the database.
import path from 'node:path';
import { readInputFile } from '../../bank/read-input.js';
import { BankError, UsageError } from '../../core/errors.js';
import { parseResponsesCsv, toSparse, type SparseResponses } from '../../core/statistics.js';
import type { MeasurementFilter, MeasurementStore } from '../../store/measurement.js';

/** A response matrix of 100,000 candidates by 1,000 items is well under this. */
export const MAX_RESPONSES_BYTES = 256 * 1024 * 1024;

export function responsesFromCsv(file: string, cwd: string): SparseResponses {
  const input = readInputFile(path.resolve(cwd, file), MAX_RESPONSES_BYTES);
  if (!input.ok) throw new UsageError(`cannot read ${file}: ${input.reason}`);
  const text = input.text;
  const parsed = parseResponsesCsv(text);
  if ('error' in parsed)
    throw new BankError([
      { file, line: parsed.line, column: parsed.column, rule: 'responses-csv', message: parsed.error },
    ]);
  return toSparse(parsed);
}

/** One pass over the database: the sparse matrix of first attempts. */
export function responsesFromDb(store: MeasurementStore, filter: MeasurementFilter): SparseResponses {
  const index = new Map<string, number>();
  const itemIds: string[] = [];
  const rows: SparseResponses['rows'] = [];
  for (const attempt of store.firstAttempts(filter)) {
    const items = new Uint32Array(attempt.questionIds.length);
    attempt.questionIds.forEach((id, k) => {
      let i = index.get(id);
      if (i === undefined) {
        i = itemIds.length;
        index.set(id, i);
        itemIds.push(id);
      }
      items[k] = i;
    });
    rows.push({ items, marks: Uint8Array.from(attempt.marks) });
  }
  return { itemIds, rows };
}
