// Where stats and calibrate get their responses: a CSV of marks 0..1 or Moodle's quiz grades export (--responses),
// or the first attempts in the database.
import path from 'node:path';
import { readInputFile } from '../../bank/read-input.js';
import { BankError, UsageError } from '../../core/errors.js';
import { isMoodleGrades, parseMoodleGrades } from '../../core/moodle-grades.js';
import { csvRecords, parseResponsesCsv, toSparse, type SparseResponses } from '../../core/statistics.js';
import type { MeasurementFilter, MeasurementStore } from '../../store/measurement.js';

/** A response matrix of 100,000 candidates by 1,000 items is well under this. */
export const MAX_RESPONSES_BYTES = 256 * 1024 * 1024;

export function responsesFromCsv(file: string, cwd: string): SparseResponses {
  const input = readInputFile(path.resolve(cwd, file), MAX_RESPONSES_BYTES);
  if (!input.ok) throw new UsageError(`cannot read ${file}: ${input.reason}`);
  const text = input.text;
  // Moodle's quiz grades export is recognised by its "Q. 1 /1.00" columns and read as it is.
  const header = csvRecords(text);
  const moodle =
    Array.isArray(header) && header[0] !== undefined && isMoodleGrades(header[0].map((f) => f.value));
  const parsed = moodle ? parseMoodleGrades(text) : parseResponsesCsv(text);
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
  // A question presented twice in one attempt counts once (its first mark): the statistics assume one response per
  // candidate and question, whatever a database written by an older version holds. `stamp` marks the items of the
  // current attempt without a set per attempt.
  let stamp = new Int32Array(1024).fill(-1);
  for (const attempt of store.firstAttempts(filter)) {
    const attemptNo = rows.length;
    const items = new Uint32Array(attempt.questionIds.length);
    const marks = new Uint8Array(attempt.questionIds.length);
    let n = 0;
    attempt.questionIds.forEach((id, k) => {
      let i = index.get(id);
      if (i === undefined) {
        i = itemIds.length;
        index.set(id, i);
        itemIds.push(id);
        if (i >= stamp.length) {
          const grown = new Int32Array(stamp.length * 2).fill(-1);
          grown.set(stamp);
          stamp = grown;
        }
      }
      if (stamp[i] === attemptNo) return;
      stamp[i] = attemptNo;
      items[n] = i;
      marks[n++] = attempt.marks[k]!;
    });
    rows.push({ items: items.subarray(0, n), marks: marks.subarray(0, n) });
  }
  return { itemIds, rows };
}
