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
  OutputError,
  UsageError,
} from './core/errors.js';
import { sanitizeText } from './core/sanitize.js';

/** Everything on stderr goes through the sanitizer: messages quote file contents (ids, keys, bytes). */
function say(text: string): void {
  process.stderr.write(`${sanitizeText(text)}\n`);
}

function fail(message: string): void {
  say(`backend-quiz: ${message}`);
}

async function exitCodeFor(error: unknown): Promise<number> {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help/version text).
    return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
      ? EXIT_OK
      : EXIT_USAGE;
  }
  if (error instanceof InterruptedError) {
    say(`\n${error.message}`);
    return EXIT_INTERRUPTED;
  }
  if (error instanceof ExitError) {
    if (error.message) fail(error.message);
    return error.code;
  }
  if (error instanceof BankError) {
    say(error.message);
    fail(`${error.problems.length} problem(s) in the input file(s); nothing was changed`);
    return EXIT_USAGE;
  }
  if (error instanceof UsageError || error instanceof OutputError) {
    fail(error.message);
    return EXIT_USAGE;
  }
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
    say('\nCancelled.');
    return EXIT_INTERRUPTED;
  }
  if (typeof (error as { code?: unknown } | null)?.code === 'string') {
    // A database fault after opening (a lock past the wait, a damaged page): exit 2 with the file and what to do.
    const { explainDatabaseError } = await import('./store/database.js');
    const explained = explainDatabaseError(error);
    if (explained) {
      fail(explained.message);
      return EXIT_USAGE;
    }
  }
  const debug = process.argv.includes('--debug');
  fail(
    `unexpected error: ${error instanceof Error ? error.message : String(error)}${debug ? '' : ' (run with --debug for details)'}`,
  );
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_CHECK_FAILED;
}

// A reader that closes the pipe early (`| head`) is not an error. Any other failed write (a full disk, a closed
// descriptor) means output was lost: say so and exit 2 at once, so nothing goes on as if it had been written.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT_OK);
  fail(new OutputError('to standard output', error.code ?? String(error)).message);
  process.exit(EXIT_USAGE);
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = await exitCodeFor(error);
}
