// Option parsers, shared options and the command context every action builds; used by each audience's file.
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { SHIPPED_BANKS_DIR } from '../paths.js';
import type { CommandContext } from '../commands/context.js';

export interface GlobalOptions {
  db?: string;
  color: boolean;
  debug?: boolean;
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

export function seedValue(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1)
    throw new InvalidArgumentError('must be a whole number from 0 to 2147483647');
  return n;
}

export function percentage(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidArgumentError('must be a percentage from 0 to 100');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number above 0');
  return n;
}

/** A calendar date (2026-11-01) or date-time (2026-11-01T09:00:00Z); impossible dates like 2026-02-30 are refused. */
export function isoDate(value: string): string {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!match) throw new InvalidArgumentError('must be a date like 2026-11-01 or 2026-11-01T09:00:00Z');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const time = Date.parse(value);
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || Number.isNaN(time))
    throw new InvalidArgumentError(`${value} is not a calendar date`);
  return new Date(time).toISOString();
}

export function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 24 * 60)
    throw new InvalidArgumentError('must be a number of minutes above 0');
  return n;
}

export async function defaultDbPath(): Promise<string> {
  if (process.env.BACKEND_QUIZ_DB) return process.env.BACKEND_QUIZ_DB;
  const [{ default: envPaths }, path] = await Promise.all([import('env-paths'), import('node:path')]);
  return path.join(envPaths('backend-quiz', { suffix: '' }).data, 'results.db');
}

export async function contextFrom(command: Command): Promise<CommandContext> {
  const global = command.optsWithGlobals<GlobalOptions>();
  const [{ colorEnabled }, { terminalStream }] = await Promise.all([
    import('../ui/theme.js'),
    import('../commands/output.js'),
  ]);
  return {
    dbPath: global.db ?? (await defaultDbPath()),
    dbChosen: global.db !== undefined || Boolean(process.env.BACKEND_QUIZ_DB),
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: terminalStream(process.stdout),
    stderr: terminalStream(process.stderr),
    color: colorEnabled(process.stdout, process.env, global.color),
    now: Date.now,
    env: process.env,
  };
}

export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export const banksOption = () =>
  new Option('--banks <dir...>', 'question bank folders or files').default(
    [SHIPPED_BANKS_DIR],
    'the shipped banks',
  );

export const seTargetOption = () =>
  new Option(
    '--se-target <se>',
    'adaptive: stop when the standard error of θ is at most this (default: the precision a fixed form of the same length reaches)',
  ).argParser(positiveNumber);

/** Where stats and calibrate read responses: the database (optionally one assessment) or a 0/1 CSV. */
export function withResponseSource(command: Command): Command {
  return command
    .option('--assessment <id>', 'only this assessment')
    .option(
      '--responses <csv>',
      "marks 0..1 per question (header: question ids), or Moodle's quiz grades export, instead of the database",
    );
}

export function responseSource(options: { assessment?: string; responses?: string }) {
  return {
    filter: options.assessment ? { assessment: options.assessment } : {},
    ...(options.responses ? { responses: options.responses } : {}),
  };
}

/**
 * `--format <choice>` with its choices and, for every command that has one, `--json` as a shorthand for
 * `--format json`. The default is applied by resolveFormat, so an explicit --format can be told apart.
 */
export function withFormat(command: Command, choices: readonly string[], fallback: string): Command {
  return command
    .addOption(new Option('--format <format>', `output format (default: ${fallback})`).choices(choices))
    .addOption(new Option('--json', 'same as --format json'));
}

/** The format asked for: --json, else --format, else what `infer` finds (e.g. from --out), else the fallback. */
export function resolveFormat<F extends string>(
  options: { format?: F; json?: boolean },
  fallback: F,
  infer?: () => F | undefined,
): F {
  if (options.json) {
    if (options.format !== undefined && options.format !== 'json')
      throw new UsageError(
        `--json means --format json; it cannot be combined with --format ${options.format}`,
      );
    return 'json' as F;
  }
  return options.format ?? infer?.() ?? fallback;
}
