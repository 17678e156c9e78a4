// CI pipelines and scripts: run. Actions lazy-import their command.
import { Option, type Command } from 'commander';
import { RUN_FORMATS, type RunFormat } from '../core/formats.js';
import { DIFFICULTY_CHOICES, type DifficultyChoice } from '../core/selection.js';
import {
  banksOption,
  contextFrom,
  examples,
  percentage,
  positiveInt,
  resolveFormat,
  seedValue,
  withFormat,
} from './options.js';

export function registerCiCommands(program: Command): void {
  withFormat(program.command('run'), RUN_FORMATS, 'text')
    .description('non-interactive quiz for scripts and CI: answers from a file, exit 1 below the pass mark')
    .requiredOption(
      '--answers <file|->',
      'YAML or JSON file mapping question ids to answers ("-" reads standard input)',
    )
    .option('-t, --topic <id...>', 'draw the quiz from these domains (as quiz does)')
    .option('-n, --count <n>', 'number of questions to draw', positiveInt)
    .addOption(new Option('-d, --difficulty <level>', 'question difficulty').choices(DIFFICULTY_CHOICES))
    .option('--seed <n>', 'seed of the draw', seedValue)
    .option('--pass-mark <pct>', 'exit 1 when the score is below this percentage', percentage)
    .option('--no-record', 'do not store the run in the database')
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz run --answers answers.yaml',
        'backend-quiz run --answers answers.json --format junit > junit.xml',
        'backend-quiz run --answers - --topic apis --count 10 --seed 7 --pass-mark 70 < answers.yaml',
      ) +
        '\nWithout --topic/--count/--difficulty/--seed the quiz is exactly the questions the answers file names.\n',
    )
    .action(
      async (
        options: {
          answers: string;
          topic?: string[];
          count?: number;
          difficulty?: DifficultyChoice;
          seed?: number;
          format?: RunFormat;
          json?: boolean;
          passMark?: number;
          record: boolean;
          banks: string[];
        },
        command: Command,
      ) => {
        const { runRun } = await import('../commands/ci/run.js');
        const { json, ...rest } = options;
        await runRun({
          ...(await contextFrom(command)),
          ...rest,
          format: resolveFormat({ ...rest, json }, 'text'),
          ...(options.topic ? { topics: options.topic } : {}),
        });
      },
    );
}
