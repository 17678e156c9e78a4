// Typed errors every command throws; src/index.ts is the only place that turns them into exit codes.

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** Bad command line or bad input file: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A located problem in a bank, answers, assessment or result file. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

/** One or more problems in input files: exit 2 (a file the command needs cannot be used). */
export class BankError extends Error {
  override name = 'BankError';
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** Leave with a given exit code after the command already printed what it had to say. */
export class ExitError extends Error {
  override name = 'ExitError';
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}

/** Output that cannot be written (disk full, a folder given as a file, no permission): exit 2. */
export class OutputError extends Error {
  override name = 'OutputError';
  constructor(
    readonly target: string,
    readonly code: string,
  ) {
    // For a file to write, a missing path means a missing folder: the file itself is being created.
    super(
      `cannot write ${target}: ${code === 'ENOENT' ? 'the folder does not exist (ENOENT)' : describeSystemError(code)}`,
    );
  }
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'it is a folder; give a file name',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a file stands where a folder is needed',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the location is read-only',
  EBADF: 'the stream is closed',
  EIO: 'an input/output error',
  EFBIG: 'the file is too large',
};

/** A short human reason for a system error code, with the code kept for searching. */
export function describeSystemError(code: string): string {
  const reason = SYSTEM_ERRORS[code];
  return reason ? `${reason} (${code})` : code;
}

/** Ctrl-C during a quiz: the session was saved and can be resumed. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(
    readonly sessionId: string,
    /** The full command that resumes it (with --db when the database is not the default one). */
    readonly resumeCommand = `backend-quiz resume ${sessionId}`,
  ) {
    super(`Quiz interrupted; your answers are saved. Resume with: ${resumeCommand}`);
  }
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message} (${problem.rule})`;
}
