// Candidates: quiz, resume, history, banks. Actions lazy-import their command.
import { Option, type Command } from 'commander';
import { DIFFICULTY_CHOICES, type DifficultyChoice } from '../core/selection.js';
import {
  banksOption,
  contextFrom,
  examples,
  positiveInt,
  seedValue,
  minutes,
  seTargetOption,
} from './options.js';

export function registerCandidateCommands(program: Command): void {
  program
    .command('quiz')
    .description('start a quiz now')
    .option('-t, --topic <id...>', 'domains to draw from (default: all)')
    .option('-n, --count <n>', 'number of questions', positiveInt, 20)
    .addOption(
      new Option('-d, --difficulty <level>', 'question difficulty')
        .choices(DIFFICULTY_CHOICES)
        .default('mixed'),
    )
    .option('--seed <n>', 'same seed, same questions in the same order', seedValue)
    .option('--time-limit <minutes>', 'end the quiz after this many minutes', minutes)
    .option(
      '--adaptive',
      'choose each question by the current ability estimate; --count is the maximum length',
    )
    .addOption(seTargetOption())
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz quiz',
        'backend-quiz quiz --adaptive --count 30',
        'backend-quiz quiz -t security -n 10 -d senior --time-limit 15',
        'backend-quiz quiz --seed 42 --banks ./my-banks',
      ),
    )
    .action(
      async (
        options: {
          topic?: string[];
          count: number;
          difficulty: DifficultyChoice;
          seed?: number;
          timeLimit?: number;
          banks: string[];
          adaptive?: boolean;
          seTarget?: number;
        },
        command: Command,
      ) => {
        const { runQuiz } = await import('../commands/candidates/quiz.js');
        await runQuiz({ ...(await contextFrom(command)), ...options, topics: options.topic ?? [] });
      },
    );

  program
    .command('resume [session-id]')
    .description('continue an interrupted quiz (the newest, or the one named by id or id prefix)')
    .option('--banks <dir...>', 'bank folders, if they moved since the quiz started')
    .addHelpText('after', examples('backend-quiz resume', 'backend-quiz resume 3f9c2a'))
    .action(async (sessionId: string | undefined, options: { banks?: string[] }, command: Command) => {
      const { runResume } = await import('../commands/candidates/resume.js');
      await runResume({
        ...(await contextFrom(command)),
        ...(sessionId ? { sessionId } : {}),
        ...(options.banks ? { banks: options.banks } : {}),
      });
    });

  program
    .command('history')
    .description('past sessions with status and score')
    .option('--json', 'machine-readable output')
    .option('--limit <n>', 'show at most n sessions', positiveInt, 1000)
    .addHelpText('after', examples('backend-quiz history', 'backend-quiz history --json'))
    .action(async (options: { json?: boolean; limit: number }, command: Command) => {
      const { runHistory } = await import('../commands/candidates/history.js');
      runHistory({ ...(await contextFrom(command)), json: options.json === true, limit: options.limit });
    });

  program
    .command('banks')
    .description('domains and question counts')
    .option('--json', 'machine-readable output')
    .addOption(banksOption())
    .addHelpText('after', examples('backend-quiz banks', 'backend-quiz banks --json --banks ./team-banks'))
    .action(async (options: { json?: boolean; banks: string[] }, command: Command) => {
      const { runBanks } = await import('../commands/candidates/banks.js');
      await runBanks({ ...(await contextFrom(command)), json: options.json === true, banks: options.banks });
    });
}
