// Builds the commander program. Each action lazy-imports its command so --help and --version stay fast.
import { Command } from 'commander';
import { packageVersion, SHIPPED_BANKS_DIR } from '../paths.js';
import { registerAuthorCommands } from './authors.js';
import { registerCandidateCommands, registerStudyCommands } from './candidates.js';
import { registerCiCommands } from './ci.js';
import { registerHiringCommands } from './hiring.js';
import { registerMeasurementCommands } from './measurement.js';
import { registerShellCommands } from './shell.js';
import { contextFrom, examples, type GlobalOptions } from './options.js';

export function buildProgram(): Command {
  const program = new Command('backend-quiz')
    .description(
      'Assess backend-developer skills in the terminal: timed quizzes, local history, verified reports.',
    )
    .version(packageVersion(), '-V, --version')
    .option('--db <path>', 'SQLite database file (default: $BACKEND_QUIZ_DB, else the user data folder)')
    .option('--no-color', 'turn colour off (NO_COLOR is honoured too)')
    .option('--debug', 'show stack traces for unexpected errors')
    .showHelpAfterError('(add --help for usage)')
    // Commander's own errors ("unknown option", "missing argument") start like every other error of ours.
    .configureOutput({
      outputError: (text, write) => write(`backend-quiz: ${text.replace(/^error: /, '')}`),
    })
    .exitOverride()
    .hook('preAction', (_program, action) => {
      // Inquirer and chalk read NO_COLOR when they load; commands load after this hook.
      const dumb = process.env.TERM === 'dumb' && !process.env.FORCE_COLOR;
      if (action.optsWithGlobals<GlobalOptions>().color === false || dumb) process.env.NO_COLOR = '1';
    })
    .addHelpText(
      'after',
      examples(
        'backend-quiz',
        'backend-quiz quiz --topic databases apis --count 20 --time-limit 30',
        'backend-quiz history',
      ),
    )
    .action(async (_options, command: Command) => {
      // A word that is not a command reaches the home menu's action as an argument: report it as commander
      // reports unknown commands, with the closest name ("histroy" -> did you mean history?).
      if (command.args.length > 0) (command as unknown as { unknownCommand(): never }).unknownCommand();
      const { runHome } = await import('../commands/candidates/home.js');
      await runHome({ ...(await contextFrom(command)), banks: [SHIPPED_BANKS_DIR] });
    });

  registerCandidateCommands(program);
  registerStudyCommands(program);
  registerHiringCommands(program);
  registerAuthorCommands(program);
  registerMeasurementCommands(program);
  registerCiCommands(program);
  registerShellCommands(program);
  // Set after the subcommands exist so they keep rejecting extra arguments; see the root action above.
  program.allowExcessArguments(true);
  return program;
}
