// backend-quiz verify: the checks of import, with nothing stored. Exit 1 when any file fails.
import path from 'node:path';
import { loadValidBanks } from '../../bank/banks.js';
import { EXIT_CHECK_FAILED, ExitError, UsageError } from '../../core/errors.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { createTheme } from '../../ui/theme.js';
import { checkResultFile, listResultFiles, type FileVerdict } from './check-results.js';
import { print, type CommandContext } from '../context.js';
import { absolutePaths, questionIndex } from '../session-setup.js';

export interface RunVerifyOptions extends CommandContext {
  files: string[];
  banks: string[];
}

export async function verifyFiles(options: RunVerifyOptions): Promise<FileVerdict[]> {
  const files = listResultFiles(options.files, options.cwd);
  if (files.length === 0) throw new UsageError(`no result files in ${options.files.join(', ')}`);
  const questions = questionIndex(
    await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd),
  );
  return files.map((file) => checkResultFile(file, path.relative(options.cwd, file) || file, questions));
}

/** One line per file: every field from the file is cleaned, so a name with newlines cannot fake another line. */
export function describeVerdict(verdict: FileVerdict, color: boolean): string {
  const theme = createTheme(color);
  const file = sanitizeLine(verdict.file);
  if (!verdict.ok) return `${theme.red('✗')} ${file}: ${sanitizeLine(verdict.problems.join('; '))}`;
  const { result, score, passed } = verdict.verified;
  const who = sanitizeLine(`${result.candidate.name} <${result.candidate.email}>`);
  return `${theme.green('✓')} ${file}: ${who}, ${sanitizeLine(result.assessment.id)}, ${score.toFixed(1)}% (${passed ? 'pass' : 'fail'})`;
}

export async function runVerify(options: RunVerifyOptions): Promise<FileVerdict[]> {
  const verdicts = await verifyFiles(options);
  for (const v of verdicts) print(options.stdout, describeVerdict(v, options.color));
  const rejected = verdicts.filter((v) => !v.ok).length;
  print(options.stdout, `${verdicts.length - rejected} of ${verdicts.length} file(s) verified`);
  if (rejected > 0) throw new ExitError(EXIT_CHECK_FAILED);
  return verdicts;
}
