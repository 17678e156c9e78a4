// Reading and verifying result files for import and verify: one clear verdict per file. SQL answers of the files
// that pass every other check are run on the manager's side (their banks' check data and reference) before grading.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { findDuplicateJsonKey } from '../../bank/json-keys.js';
import { readInputFile } from '../../bank/read-input.js';
import { UsageError } from '../../core/errors.js';
import {
  checkResult,
  gradeResult,
  sqlAnswersOf,
  verifyResult,
  type CheckOutcome,
  type Verified,
  type VerifyContext,
} from '../../core/verify-result.js';
import { gradeSqlAnswers } from '../grade-sql.js';

/** Result files are small; anything near this size is not one. */
export const MAX_RESULT_BYTES = 16 * 1024 * 1024;

export type FileVerdict =
  { file: string; ok: true; verified: Verified } | { file: string; ok: false; problems: string[] };

export function listResultFiles(paths: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
    if (isDir)
      for (const name of readdirSync(full).sort())
        if (name.endsWith('.json')) files.push(path.join(full, name));
    if (!isDir) files.push(full);
  }
  return files;
}

type ReadResult = { ok: true; data: unknown } | { ok: false; problems: string[] };

/** The file's JSON, or why it cannot be read as one. */
function readResultFile(file: string): ReadResult {
  const input = readInputFile(file, MAX_RESULT_BYTES);
  if (!input.ok)
    return {
      ok: false,
      problems: [input.kind === 'unreadable' ? `cannot read the file: ${input.reason}` : input.reason],
    };
  const text = input.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON (truncated or edited?): ${(error as Error).message}`] };
  }
  const duplicate = findDuplicateJsonKey(text);
  if (duplicate)
    return {
      ok: false,
      problems: [
        `${duplicate.line}:${duplicate.column}: the key "${duplicate.key}" appears twice in one object (edited by hand?)`,
      ],
    };
  return { ok: true, data };
}

/** One file, checked and graded with the verdicts in the context (a file with SQL answers needs them there). */
export function checkResultFile(file: string, shown: string, context: VerifyContext): FileVerdict {
  const read = readResultFile(file);
  if (!read.ok) return { file: shown, ok: false, problems: read.problems };
  const outcome = verifyResult(read.data, context);
  return outcome.ok
    ? { file: shown, ok: true, verified: outcome.verified }
    : { file: shown, ok: false, problems: outcome.problems };
}

/**
 * Every file checked, then the SQL answers of those that passed run in the sandbox (each distinct query once),
 * then every file graded. A hostile query is stopped or refused by the sandbox and graded wrong.
 */
export async function checkResultFiles(
  files: { file: string; shown: string }[],
  context: VerifyContext,
): Promise<FileVerdict[]> {
  const checked = files.map(({ file, shown }): { shown: string; outcome: CheckOutcome } => {
    const read = readResultFile(file);
    return { shown, outcome: read.ok ? checkResult(read.data, context) : read };
  });
  const { verdicts } = await gradeSqlAnswers(
    checked.flatMap(({ outcome }) => (outcome.ok ? sqlAnswersOf(outcome.checked, context.questions) : [])),
  );
  return checked.map(({ shown, outcome }): FileVerdict => {
    const graded = outcome.ok ? gradeResult(outcome.checked, { ...context, sqlVerdicts: verdicts }) : outcome;
    return graded.ok
      ? { file: shown, ok: true, verified: graded.verified }
      : { file: shown, ok: false, problems: graded.problems };
  });
}
