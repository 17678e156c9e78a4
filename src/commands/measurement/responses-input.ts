// Where stats and calibrate get their responses: a 0/1 CSV (--responses) or the first attempts in the database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BankError, UsageError } from '../../core/errors.js';
import { parseResponsesCsv, toSparse, type SparseResponses } from '../../core/statistics.js';
import type { MeasurementFilter, MeasurementStore } from '../../store/measurement.js';

export function responsesFromCsv(file: string, cwd: string): SparseResponses {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
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
    // A question presented twice in one attempt counts once (its first mark): the statistics assume one response
    // per candidate and question, whatever a database written by an older version holds.
    const items: number[] = [];
    const marks: number[] = [];
    const seen = new Set<number>();
    attempt.questionIds.forEach((id, k) => {
      let i = index.get(id);
      if (i === undefined) {
        i = itemIds.length;
        index.set(id, i);
        itemIds.push(id);
      }
      if (seen.has(i)) return;
      seen.add(i);
      items.push(i);
      marks.push(attempt.marks[k]!);
    });
    rows.push({ items: Uint32Array.from(items), marks: Uint8Array.from(marks) });
  }
  return { itemIds, rows };
}
