// backend-quiz verify: the checks of import, with nothing stored. Exit 1 when any file fails.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadValidBanks } from '../../bank/banks.js';
import { readRegisteredAssessment } from '../../bank/read-assessment.js';
import type { RegisteredAssessment } from '../../core/assessment-rules.js';
import { EXIT_CHECK_FAILED, ExitError, UsageError } from '../../core/errors.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { ResultFile } from '../../core/result-file.js';
import { unsealResult } from '../../bundle/unseal.js';
import { findAssessment, registerAssessment } from '../../store/assessments.js';
import { BundleStore } from '../../store/bundles.js';
import { openDatabase, type Db } from '../../store/database.js';
import { withSpinner } from '../../ui/spinner.js';
import { createTheme } from '../../ui/theme.js';
import { checkResultFiles, listResultFiles, type FileVerdict } from './check-results.js';
import { isoTime, print, type CommandContext } from '../context.js';
import { absolutePaths, questionIndex } from '../session-setup.js';

export interface RunVerifyOptions extends CommandContext {
  files: string[];
  banks: string[];
  /** Assessment files the results answer; import registers them, verify only checks against them. */
  assessments: string[];
  json?: boolean;
}

/** One file in the --json output of verify and import (documented in the README). */
export interface FileEntry {
  file: string;
  ok: boolean;
  candidate: { name: string; email: string } | null;
  assessment: string | null;
  session: string | null;
  /** Re-graded percentage, never the one the file claims. */
  score: number | null;
  passed: boolean | null;
  problems: string[];
}

export function fileEntry(verdict: FileVerdict): FileEntry {
  if (!verdict.ok)
    return {
      file: verdict.file,
      ok: false,
      candidate: null,
      assessment: null,
      session: null,
      score: null,
      passed: null,
      problems: verdict.problems,
    };
  const { result, score, passed } = verdict.verified;
  return {
    file: verdict.file,
    ok: true,
    candidate: { name: result.candidate.name, email: result.candidate.email },
    assessment: result.assessment.id,
    session: result.session.id,
    score,
    passed,
    problems: [],
  };
}

/**
 * Checks every result file against the banks and the assessments: those given on the command line and those
 * registered in the database. With `register`, the given assessments are stored first (import).
 */
export async function verifyFiles(
  options: RunVerifyOptions,
  db: Db | undefined,
  register: boolean,
): Promise<FileVerdict[]> {
  const files = listResultFiles(options.files, options.cwd);
  if (files.length === 0) throw new UsageError(`no result files in ${options.files.join(', ')}`);
  const banks = await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd);
  const all = banks.flatMap((b) => b.questions);
  // Every assessment file is read (and must be valid) before anything is registered.
  const given: RegisteredAssessment[] = options.assessments.map((file) =>
    readRegisteredAssessment(path.resolve(options.cwd, file), file, all),
  );
  for (const entry of given) {
    const outcome = register && db ? registerAssessment(db, entry, isoTime(options.now())) : 'checked';
    if (outcome === 'registered')
      print(
        options.json ? options.stderr : options.stdout,
        `Registered assessment ${entry.id} (version ${entry.hash.slice(0, 8)})`,
      );
  }
  const context = {
    questions: questionIndex(banks),
    now: options.now(),
    findAssessment: (id: string, hash: string) =>
      given.find((g) => g.id === id && g.hash === hash) ?? (db && findAssessment(db, id, hash)),
    // Results taken from a bundle are read with the record `pack` left in this database.
    unseal: (result: ResultFile) =>
      unsealResult(result, db ? new BundleStore(db).get(result.bundle!.id) : undefined),
  };
  return checkResultFiles(
    files.map((file) => ({ file, shown: path.relative(options.cwd, file) || file })),
    context,
  );
}

/** One line per file: every field from the file is cleaned, so a name with newlines cannot fake another line. */
export function describeVerdict(verdict: FileVerdict, color: boolean): string {
  const theme = createTheme(color);
  const file = sanitizeLine(verdict.file);
  if (!verdict.ok) return `${theme.red('✗')} ${file}: ${sanitizeLine(verdict.problems.join('; '))}`;
  const { result, score, passed } = verdict.verified;
  const who = sanitizeLine(`${result.candidate.name} <${result.candidate.email}>`);
  // How far the score can be trusted: a sealed bundle kept the key from the candidate; the others did not.
  const source = result.bundle
    ? `${result.score === null ? 'sealed' : 'open'} bundle ${result.bundle.id}`
    : 'open run';
  return `${theme.green('✓')} ${file}: ${who}, ${sanitizeLine(result.assessment.id)} (${source}), ${score.toFixed(1)}% (${passed ? 'pass' : 'fail'})`;
}

export async function runVerify(options: RunVerifyOptions): Promise<FileVerdict[]> {
  // Nothing is stored: the database is read for registered assessments only when it already exists.
  const db = existsSync(options.dbPath) ? openDatabase(options.dbPath) : undefined;
  let verdicts: FileVerdict[];
  try {
    verdicts = await withSpinner('Verifying and re-grading result files', options.stderr, () =>
      verifyFiles(options, db, false),
    );
  } finally {
    db?.close();
  }
  const rejected = verdicts.filter((v) => !v.ok).length;
  if (options.json)
    print(
      options.stdout,
      JSON.stringify(
        { files: verdicts.map(fileEntry), verified: verdicts.length - rejected, rejected },
        null,
        2,
      ),
    );
  else {
    for (const v of verdicts) print(options.stdout, describeVerdict(v, options.color));
    print(options.stdout, `${verdicts.length - rejected} of ${verdicts.length} file(s) verified`);
  }
  if (rejected > 0) throw new ExitError(EXIT_CHECK_FAILED);
  return verdicts;
}
