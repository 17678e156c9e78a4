// Moodle's quiz "Grades" report, downloaded as CSV, read as it is: one "Q. n /max" column per question slot, marks
// out of max (fractional), "-" where a question has no mark, and the "Overall average" footer row.
import { csvRecords, type CsvError, type CsvField, type ResponseMatrix } from './statistics.js';

/** "Q. 3 /2.00" (the slot number and the question's maximum mark); the space before the slash may be missing. */
const QUESTION_COLUMN = /^Q\.\s*(\d+)\s*\/\s*(\d+(?:[.,]\d+)?)$/;
const STATE_COLUMN = /^(state|status)$/i;
const EMAIL_COLUMN = /^e-?mail( address)?$/i;
/** Cells that mean "no mark": not answered, or not graded yet. */
const NO_MARK = /^(-|requires grading|not yet graded)?$/i;

/** Whether a header row is Moodle's grades export: it has at least one "Q. n /max" column. */
export function isMoodleGrades(header: string[]): boolean {
  return header.some((h) => QUESTION_COLUMN.test(h.trim()));
}

export interface MoodleGrades extends ResponseMatrix {
  /** Rows left out, and why: attempts not finished, later attempts of the same person, the footer. */
  ignored: { line: number; reason: string }[];
}

function numberOf(cell: string): number | undefined {
  const normal = cell.replace(',', '.');
  return /^\d+(?:\.\d+)?$/.test(normal) ? Number(normal) : undefined;
}

/**
 * Question columns become ids q1, q2, ... by their slot number; each mark is divided by the column's maximum, so
 * marks run 0..1. Only finished attempts count (when there is a State column), and only the first attempt in the
 * file for each e-mail address (when there is one), as `stats` uses each candidate's first attempt.
 */
export function parseMoodleGrades(text: string): MoodleGrades | CsvError {
  const records = csvRecords(text);
  if (!Array.isArray(records)) return records;
  const [header, ...body] = records;
  if (header === undefined) return { error: 'empty file', line: 1, column: 1 };
  const columns: { index: number; id: string; max: number }[] = [];
  const seen = new Set<string>();
  let stateColumn = -1;
  let emailColumn = -1;
  for (const [index, field] of header.entries()) {
    const name = field.value.trim();
    if (STATE_COLUMN.test(name)) stateColumn = index;
    if (EMAIL_COLUMN.test(name)) emailColumn = index;
    const m = QUESTION_COLUMN.exec(name);
    if (!m) continue;
    const id = `q${m[1]!}`;
    const max = numberOf(m[2]!)!;
    if (seen.has(id))
      return { error: `question column "${name}" appears twice`, line: field.line, column: field.column };
    if (max <= 0)
      return {
        error: `question column "${name}" has a maximum mark of 0`,
        line: field.line,
        column: field.column,
      };
    seen.add(id);
    columns.push({ index, id, max });
  }
  if (columns.length === 0)
    return { error: 'no question columns ("Q. 1 /1.00") in the header', line: 1, column: 1 };

  const rows: (number | null)[][] = [];
  const ignored: MoodleGrades['ignored'] = [];
  const people = new Set<string>();
  for (const record of body) {
    const first = record.find((f) => f.value.trim() !== '');
    const line = record[0]!.line;
    // The footer: "Overall average" in the first column, then the averages.
    if (first && /^overall average$/i.test(first.value.trim())) {
      ignored.push({ line, reason: 'the overall-average footer' });
      continue;
    }
    const cell = (index: number): CsvField | undefined => record[index];
    if (stateColumn >= 0) {
      const state = cell(stateColumn)?.value.trim() ?? '';
      if (!/^finished$/i.test(state)) {
        ignored.push({
          line,
          reason: `attempt ${state === '' ? 'without a state' : `"${state}"`}, not finished`,
        });
        continue;
      }
    }
    if (emailColumn >= 0) {
      const email = cell(emailColumn)?.value.trim().toLowerCase() ?? '';
      if (email !== '' && people.has(email)) {
        ignored.push({ line, reason: `a later attempt of ${email}` });
        continue;
      }
      people.add(email);
    }
    const row: (number | null)[] = [];
    for (const c of columns) {
      const field = cell(c.index);
      if (!field) return { error: `the row ends before column "Q. ${c.id.slice(1)}"`, line, column: 1 };
      const value = field.value.trim();
      if (NO_MARK.test(value)) {
        row.push(null);
        continue;
      }
      const mark = numberOf(value);
      if (mark === undefined || mark > c.max + 1e-9)
        return {
          error: `invalid mark "${value}" for question ${c.id}: expected a number from 0 to ${c.max} or -`,
          line: field.line,
          column: field.column,
        };
      row.push(Math.min(1, mark / c.max));
    }
    rows.push(row);
  }
  return { itemIds: columns.map((c) => c.id), rows, ignored };
}
