// Candidates: quiz, resume, history, banks, review, progress. Actions lazy-import their command.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { PROGRESS_EXPORTS, type ProgressExport } from '../core/formats.js';
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
    .option(
      '--practice',
      'right or wrong with the explanation after each answer; kept out of reports, stats and calibration',
    )
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz quiz',
        'backend-quiz quiz --practice -t databases',
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
          practice?: boolean;
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

/** Chart weeks: the progress table stays within 80 columns up to 26. */
function chartWeeks(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 26)
    throw new InvalidArgumentError('must be a whole number from 1 to 26');
  return n;
}

export function registerStudyCommands(program: Command): void {
  program
    .command('review')
    .description('questions due for spaced review (FSRS), most likely forgotten first')
    .option('--limit <n>', 'ask at most n of the due questions', positiveInt)
    .option('-t, --topic <id...>', 'only these domains')
    .addOption(banksOption())
    .addHelpText('after', examples('backend-quiz review', 'backend-quiz review --limit 10 --topic databases'))
    .action(async (options: { limit?: number; topic?: string[]; banks: string[] }, command: Command) => {
      const { runReview } = await import('../commands/candidates/review.js');
      await runReview({
        ...(await contextFrom(command)),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
        topics: options.topic ?? [],
        banks: options.banks,
      });
    });

  program
    .command('progress')
    .description('share answered right per domain and subtopic by week, what is due, what to study next')
    .option('--json', 'machine-readable output')
    .addOption(
      new Option('--export <format>', 'write the missed questions for a flashcard app').choices(
        PROGRESS_EXPORTS,
      ),
    )
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option('--weeks <n>', 'weeks in the chart', chartWeeks, 8)
    .option('--weakest <n>', 'how many weakest subtopics to list', positiveInt, 5)
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz progress',
        'backend-quiz progress --json',
        'backend-quiz progress --export anki -o missed.txt',
      ),
    )
    .action(
      async (
        options: {
          json?: boolean;
          export?: ProgressExport;
          out?: string;
          weeks: number;
          weakest: number;
          banks: string[];
        },
        command: Command,
      ) => {
        const { runProgress } = await import('../commands/candidates/progress.js');
        await runProgress({
          ...(await contextFrom(command)),
          ...options,
          json: options.json === true,
        });
      },
    );
}
