// Measurement: stats, calibrate, simulate. Actions lazy-import their command.
import { InvalidArgumentError, type Command } from 'commander';
import {
  banksOption,
  contextFrom,
  examples,
  positiveInt,
  responseSource,
  seedValue,
  seTargetOption,
  withResponseSource,
} from './options.js';

function markThreshold(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1)
    throw new InvalidArgumentError('must be a mark above 0, at most 1');
  return n;
}

export function registerMeasurementCommands(program: Command): void {
  withResponseSource(program.command('stats'))
    .description(
      "item analysis with Moodle's quiz statistics: facility, discrimination, efficiency, reliability",
    )
    .option('--json', 'machine-readable output')
    .option('--fail-on-dubious', 'exit 1 when any question is flagged dubious')
    .option(
      '--min-attempts <n>',
      'questions presented in fewer attempts are reported as "too few attempts", not dubious',
      positiveInt,
      30,
    )
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz stats',
        'backend-quiz stats --assessment backend-2026 --json',
        'backend-quiz stats --responses moodle-export.csv --fail-on-dubious',
      ),
    )
    .action(
      async (
        options: {
          json?: boolean;
          assessment?: string;
          responses?: string;
          failOnDubious?: boolean;
          minAttempts: number;
          banks: string[];
        },
        command: Command,
      ) => {
        const { runStats } = await import('../commands/measurement/stats.js');
        await runStats({
          ...(await contextFrom(command)),
          json: options.json === true,
          failOnDubious: options.failOnDubious === true,
          minAttempts: options.minAttempts,
          ...responseSource(options),
          banks: options.banks,
        });
      },
    );

  withResponseSource(program.command('calibrate'))
    .description(
      '2PL item parameters (a, b) by marginal maximum likelihood, with standard errors; saved for adaptive mode',
    )
    .option('--json', 'machine-readable output')
    .option('--min-responses <n>', 'questions with fewer responses keep their prior', positiveInt, 30)
    .option(
      '--dichotomize <threshold>',
      'count fractional marks at or above this (0 to 1) as right, below as wrong',
      markThreshold,
    )
    .option(
      '--prior',
      'Bayes modal estimation: a weak prior, log a ~ N(0, 1) and b ~ N(0, 3²), instead of plain maximum likelihood',
    )
    .option('--max-cycles <n>', 'cap on EM cycles (converged: false when reached)', positiveInt, 2000)
    .option('--no-save', 'do not store the parameters')
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz calibrate',
        'backend-quiz calibrate --json --responses responses.csv --no-save',
        'backend-quiz calibrate --responses moodle-grades.csv --dichotomize 0.5',
      ),
    )
    .action(
      async (
        options: {
          json?: boolean;
          assessment?: string;
          responses?: string;
          minResponses: number;
          dichotomize?: number;
          prior?: boolean;
          maxCycles: number;
          save: boolean;
          banks: string[];
        },
        command: Command,
      ) => {
        const { runCalibrate } = await import('../commands/measurement/calibrate.js');
        await runCalibrate({
          ...(await contextFrom(command)),
          json: options.json === true,
          minResponses: options.minResponses,
          ...(options.dichotomize === undefined ? {} : { dichotomize: options.dichotomize }),
          prior: options.prior === true,
          maxCycles: options.maxCycles,
          save: options.save,
          ...responseSource(options),
          banks: options.banks,
        });
      },
    );

  program
    .command('simulate')
    .description(
      'simulated candidates through a fixed form and adaptive mode: length, RMSE, bias, correlation',
    )
    .option('--json', 'machine-readable output')
    .option('--candidates <n>', 'simulated candidates', positiveInt, 1000)
    .option('--length <n>', 'length of the fixed random form (the default of quiz --count)', positiveInt, 20)
    .option('--max-length <n>', 'maximum length of the adaptive test (default: --length)', positiveInt)
    .addOption(seTargetOption())
    .option('--seed <n>', 'seed of the simulation', seedValue, 1)
    .option('-t, --topic <id...>', 'domains in the pool (default: all)')
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples('backend-quiz simulate', 'backend-quiz simulate --candidates 2000 --length 30 --json'),
    )
    .action(
      async (
        options: {
          json?: boolean;
          candidates: number;
          length: number;
          maxLength?: number;
          seTarget?: number;
          seed: number;
          topic?: string[];
          banks: string[];
        },
        command: Command,
      ) => {
        const { runSimulate } = await import('../commands/measurement/simulate.js');
        await runSimulate({
          ...(await contextFrom(command)),
          json: options.json === true,
          candidates: options.candidates,
          length: options.length,
          ...(options.seTarget ? { seTarget: options.seTarget } : {}),
          seed: options.seed,
          topics: options.topic ?? [],
          banks: options.banks,
          ...(options.maxLength ? { maxLength: options.maxLength } : {}),
        });
      },
    );
}
