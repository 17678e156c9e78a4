// backend-quiz validate: every problem in the banks at once, located, as text, JSON or GitHub annotations; sql tasks
// are run in the sandbox to show they can grade.
import { existsSync } from 'node:fs';
import { validateBanks } from '../../bank/check-sql-tasks.js';
import { ExitError, EXIT_CHECK_FAILED, EXIT_USAGE, UsageError, type Problem } from '../../core/errors.js';
import { renderProblems } from '../../ui/render.js';
import type { ValidateFormat } from '../../core/formats.js';
import { print, type CommandContext } from '../context.js';
import { absolutePaths } from '../session-setup.js';

export interface RunValidateOptions extends CommandContext {
  paths: string[];
  strict: boolean;
  format: ValidateFormat;
}

export interface ValidateReport {
  files: number;
  questions: number;
  errors: Problem[];
}

/** GitHub workflow commands need %, CR, LF escaped in data, and also : and , in properties. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubAnnotation(p: Problem): string {
  return `::error file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(p.rule)}::${escapeData(p.message)}`;
}

export async function runValidate(options: RunValidateOptions): Promise<ValidateReport> {
  const paths = absolutePaths(options.paths, options.cwd);
  // A path that is not there is a mistyped command (exit 2), not a bank that failed its check (exit 1).
  const missing = options.paths.filter((_, i) => !existsSync(paths[i]!));
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  // Sql tasks are run, not only read: a reference that fails or a mistake the check data lets through is found here.
  const loaded = await validateBanks({
    paths,
    strict: options.strict,
    cwd: options.cwd,
  });
  const report: ValidateReport = {
    files: loaded.files,
    questions: loaded.questions,
    errors: loaded.problems,
  };
  switch (options.format) {
    case 'json':
      print(options.stdout, JSON.stringify(report, null, 2));
      break;
    case 'github':
      for (const p of report.errors) print(options.stdout, githubAnnotation(p));
      break;
    case 'text':
      if (report.errors.length > 0) print(options.stdout, renderProblems(report.errors));
      print(
        options.stdout,
        `${report.files} file(s), ${report.questions} question(s): ${report.errors.length === 0 ? 'no problems' : `${report.errors.length} problem(s)`}${options.strict ? ' (strict)' : ''}`,
      );
      break;
  }
  // A file that cannot be read at all (a pipe, a device, no permission) is an input error, not a failed check.
  if (report.errors.some((p) => p.rule === 'unreadable')) throw new ExitError(EXIT_USAGE);
  if (report.errors.length > 0) throw new ExitError(EXIT_CHECK_FAILED);
  return report;
}
