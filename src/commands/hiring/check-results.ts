// Reading and verifying result files for import and verify: one clear verdict per file.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { findDuplicateJsonKey } from '../../bank/json-keys.js';
import { readInputFile } from '../../bank/read-input.js';
import { UsageError } from '../../core/errors.js';
import { verifyResult, type Verified, type VerifyContext } from '../../core/verify-result.js';

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

export function checkResultFile(file: string, shown: string, context: VerifyContext): FileVerdict {
  const input = readInputFile(file, MAX_RESULT_BYTES);
  if (!input.ok)
    return {
      file: shown,
      ok: false,
      problems: [input.kind === 'unreadable' ? `cannot read the file: ${input.reason}` : input.reason],
    };
  const text = input.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      file: shown,
      ok: false,
      problems: [`not valid JSON (truncated or edited?): ${(error as Error).message}`],
    };
  }
  const duplicate = findDuplicateJsonKey(text);
  if (duplicate)
    return {
      file: shown,
      ok: false,
      problems: [
        `${duplicate.line}:${duplicate.column}: the key "${duplicate.key}" appears twice in one object (edited by hand?)`,
      ],
    };
  const outcome = verifyResult(data, context);
  return outcome.ok
    ? { file: shown, ok: true, verified: outcome.verified }
    : { file: shown, ok: false, problems: outcome.problems };
}
