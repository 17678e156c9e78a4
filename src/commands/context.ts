// What every command receives from cli.ts: where data lives, the streams, the clock. Tests pass their own.
import { UsageError } from '../core/errors.js';

export interface CommandContext {
  dbPath: string;
  /** The database was chosen with --db or BACKEND_QUIZ_DB (not the default), so commands we print must name it. */
  dbChosen?: boolean;
  cwd: string;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  color: boolean;
  /** Milliseconds since the epoch; injected so timing is testable. */
  now: () => number;
  /** The environment ($VISUAL, $EDITOR); process.env when not given. */
  env?: NodeJS.ProcessEnv;
}

export function requireTerminal(ctx: CommandContext, command: string): void {
  if (ctx.stdin.isTTY !== true || ctx.stdout.isTTY !== true)
    throw new UsageError(
      `${command} is interactive and needs a terminal. For scripts and CI use: backend-quiz run --answers <file> (see backend-quiz run --help).`,
    );
}

export function print(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Quotes an argument for a POSIX shell only when it needs it, so printed commands stay readable. */
export function shellArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command that resumes a session, as it must be typed: with the database it lives in when not the default. */
export function resumeCommand(ctx: CommandContext, sessionId: string): string {
  const args = ['backend-quiz', 'resume', sessionId, ...(ctx.dbChosen ? ['--db', ctx.dbPath] : [])];
  return args.map(shellArg).join(' ');
}
