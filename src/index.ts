// Runs the program. The only place that turns errors into exit codes (see the table in the README).
import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';
import {
  BankError,
  EXIT_CHECK_FAILED,
  EXIT_INTERRUPTED,
  EXIT_OK,
  EXIT_USAGE,
  ExitError,
  InterruptedError,
  UsageError,
} from './core/errors.js';

function fail(message: string): void {
  process.stderr.write(`backend-quiz: ${message}\n`);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help/version text).
    return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
      ? EXIT_OK
      : EXIT_USAGE;
  }
  if (error instanceof InterruptedError) {
    process.stderr.write(`\n${error.message}\n`);
    return EXIT_INTERRUPTED;
  }
  if (error instanceof ExitError) {
    if (error.message) fail(error.message);
    return error.code;
  }
  if (error instanceof BankError) {
    process.stderr.write(`${error.message}\n`);
    fail(`${error.problems.length} problem(s) in the input file(s); nothing was changed`);
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    fail(error.message);
    return EXIT_USAGE;
  }
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
    process.stderr.write('\nCancelled.\n');
    return EXIT_INTERRUPTED;
  }
  const debug = process.argv.includes('--debug');
  fail(
    `unexpected error: ${error instanceof Error ? error.message : String(error)}${debug ? '' : ' (run with --debug for details)'}`,
  );
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_CHECK_FAILED;
}

// A reader that closes the pipe early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}
