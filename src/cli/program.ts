// Builds the commander program. Each action lazy-imports its command so --help and --version stay fast.
import { Command, InvalidArgumentError, Option } from 'commander';
import { packageVersion, SHIPPED_BANKS_DIR } from '../paths.js';
import type { CommandContext } from '../commands/context.js';
import {
  REPORT_FORMATS,
  RUN_FORMATS,
  VALIDATE_FORMATS,
  type ReportFormat,
  type RunFormat,
  type ValidateFormat,
} from '../core/formats.js';
import { DIFFICULTY_CHOICES, type DifficultyChoice } from '../core/selection.js';

interface GlobalOptions {
  db?: string;
  color: boolean;
  debug?: boolean;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

function seedValue(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1)
    throw new InvalidArgumentError('must be a whole number from 0 to 2147483647');
  return n;
}

function percentage(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidArgumentError('must be a percentage from 0 to 100');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number above 0');
  return n;
}

function isoDate(value: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time))
    throw new InvalidArgumentError('must be a date like 2026-11-01 or 2026-11-01T09:00:00Z');
  return new Date(time).toISOString();
}

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 24 * 60)
    throw new InvalidArgumentError('must be a number of minutes above 0');
  return n;
}

async function defaultDbPath(): Promise<string> {
  if (process.env.BACKEND_QUIZ_DB) return process.env.BACKEND_QUIZ_DB;
  const [{ default: envPaths }, path] = await Promise.all([import('env-paths'), import('node:path')]);
  return path.join(envPaths('backend-quiz', { suffix: '' }).data, 'results.db');
}

async function contextFrom(command: Command): Promise<CommandContext> {
  const global = command.optsWithGlobals<GlobalOptions>();
  const { colorEnabled } = await import('../ui/theme.js');
  return {
    dbPath: global.db ?? (await defaultDbPath()),
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    color: colorEnabled(process.stdout, process.env, global.color),
    now: Date.now,
  };
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

const banksOption = () =>
  new Option('--banks <dir...>', 'question bank folders or files').default(
    [SHIPPED_BANKS_DIR],
    'the shipped banks',
  );

const seTargetOption = () =>
  new Option('--se-target <se>', 'adaptive: stop when the standard error of θ is at most this')
    .argParser(positiveNumber)
    .default(0.3);

/** Where stats and calibrate read responses: the database (optionally one assessment) or a 0/1 CSV. */
function withResponseSource(command: Command): Command {
  return command
    .option('--assessment <id>', 'only this assessment')
    .option('--responses <csv>', 'a 0/1 response matrix instead of the database (header: question ids)');
}

function responseSource(options: { assessment?: string; responses?: string }) {
  return {
    filter: options.assessment ? { assessment: options.assessment } : {},
    ...(options.responses ? { responses: options.responses } : {}),
  };
}

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
    .exitOverride()
    .hook('preAction', (_program, action) => {
      // Inquirer and chalk read NO_COLOR when they load; commands load after this hook.
      if (action.optsWithGlobals<GlobalOptions>().color === false) process.env.NO_COLOR = '1';
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
      const { runHome } = await import('../commands/candidates/home.js');
      await runHome({ ...(await contextFrom(command)), banks: [SHIPPED_BANKS_DIR] });
    });

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
          seTarget: number;
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

  program
    .command('validate [paths...]')
    .description('check bank files; every problem located at file:line:column (exit 1 when any)')
    .option('--strict', 'also apply the content rules (explanations, references, item-writing clues)')
    .addOption(new Option('--format <format>', 'output format').choices(VALIDATE_FORMATS).default('text'))
    .option('--banks <dir...>', 'bank folders to check (same as paths)')
    .addHelpText(
      'after',
      examples(
        'backend-quiz validate',
        'backend-quiz validate ./banks --strict',
        'backend-quiz validate ./banks --format github',
      ),
    )
    .action(
      async (
        paths: string[],
        options: { strict?: boolean; format: ValidateFormat; banks?: string[] },
        command: Command,
      ) => {
        const { runValidate } = await import('../commands/authors/validate.js');
        const targets = [...paths, ...(options.banks ?? [])];
        runValidate({
          ...(await contextFrom(command)),
          paths: targets.length > 0 ? targets : [SHIPPED_BANKS_DIR],
          strict: options.strict === true,
          format: options.format,
        });
      },
    );

  program
    .command('run')
    .description('non-interactive quiz for scripts and CI: answers from a file, exit 1 below the pass mark')
    .requiredOption(
      '--answers <file|->',
      'YAML or JSON file mapping question ids to answers ("-" reads standard input)',
    )
    .option('-t, --topic <id...>', 'draw the quiz from these domains (as quiz does)')
    .option('-n, --count <n>', 'number of questions to draw', positiveInt)
    .addOption(new Option('-d, --difficulty <level>', 'question difficulty').choices(DIFFICULTY_CHOICES))
    .option('--seed <n>', 'seed of the draw', seedValue)
    .addOption(new Option('--format <format>', 'output format').choices(RUN_FORMATS).default('text'))
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
          format: RunFormat;
          passMark?: number;
          record: boolean;
          banks: string[];
        },
        command: Command,
      ) => {
        const { runRun } = await import('../commands/ci/run.js');
        await runRun({
          ...(await contextFrom(command)),
          ...options,
          ...(options.topic ? { topics: options.topic } : {}),
        });
      },
    );

  const assessment = program.command('assessment').description('write and manage assessment files');
  assessment
    .command('init')
    .description('write a commented assessment file to edit and send to candidates')
    .option('-o, --out <file>', 'where to write it', 'assessment.yaml')
    .option('--force', 'overwrite an existing file')
    .option('--id <id>', 'assessment id (default: backend-<date>)')
    .option('--title <title>', 'title candidates see', 'Backend developer assessment')
    .option('-t, --topic <id...>', 'domains to include (default: all)')
    .option('--per-domain <n>', 'questions drawn per domain', positiveInt, 5)
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz assessment init',
        'backend-quiz assessment init --topic databases apis security --per-domain 8 -o senior.yaml',
      ),
    )
    .action(
      async (
        options: {
          out: string;
          force?: boolean;
          id?: string;
          title: string;
          topic?: string[];
          perDomain: number;
          banks: string[];
        },
        command: Command,
      ) => {
        const { runAssessmentInit } = await import('../commands/hiring/assessment-init.js');
        await runAssessmentInit({
          ...(await contextFrom(command)),
          out: options.out,
          force: options.force === true,
          title: options.title,
          perDomain: options.perDomain,
          banks: options.banks,
          ...(options.id ? { id: options.id } : {}),
          ...(options.topic ? { topics: options.topic } : {}),
        });
      },
    );

  program
    .command('take <assessment>')
    .description('take an assessment and write a result file to send back')
    .option('-o, --out <path>', 'folder (or .json file) for the result file', '.')
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples('backend-quiz take assessment.yaml', 'backend-quiz take assessment.yaml --out ~/Desktop'),
    )
    .action(async (file: string, options: { out: string; banks: string[] }, command: Command) => {
      const { runTake } = await import('../commands/hiring/take.js');
      await runTake({
        ...(await contextFrom(command)),
        assessment: file,
        out: options.out,
        banks: options.banks,
      });
    });

  program
    .command('import <files...>')
    .description('load result files (or folders of them): verified, re-graded against your banks, idempotent')
    .addOption(banksOption())
    .addHelpText('after', examples('backend-quiz import results/', 'backend-quiz import alice.json bob.json'))
    .action(async (files: string[], options: { banks: string[] }, command: Command) => {
      const { runImport } = await import('../commands/hiring/import.js');
      await runImport({ ...(await contextFrom(command)), files, banks: options.banks });
    });

  program
    .command('verify <files...>')
    .description('the checks of import, nothing stored (exit 1 when any file fails)')
    .addOption(banksOption())
    .addHelpText('after', examples('backend-quiz verify results/*.json'))
    .action(async (files: string[], options: { banks: string[] }, command: Command) => {
      const { runVerify } = await import('../commands/hiring/verify.js');
      await runVerify({ ...(await contextFrom(command)), files, banks: options.banks });
    });

  program
    .command('report')
    .description('candidate scores as a table, CSV, JSON, Markdown or a self-contained HTML file')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .option('--assessment <id>', 'only this assessment')
    .option('--candidate <name-or-email...>', 'only these candidates (text format adds strengths and gaps)')
    .option('--since <date>', 'sessions started on or after this date (ISO-8601)', isoDate)
    .option('--until <date>', 'sessions started before this date (ISO-8601)', isoDate)
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz report',
        'backend-quiz report --format html --out report.html',
        'backend-quiz report --format csv --assessment backend-2026-11 --since 2026-11-01 > scores.csv',
        'backend-quiz report --candidate alice@example.com',
      ),
    )
    .action(
      async (
        options: {
          format: ReportFormat;
          out?: string;
          assessment?: string;
          candidate?: string[];
          since?: string;
          until?: string;
          banks: string[];
        },
        command: Command,
      ) => {
        const { runReport } = await import('../commands/hiring/report.js');
        const filter = {
          ...(options.assessment ? { assessment: options.assessment } : {}),
          ...(options.candidate ? { candidate: options.candidate } : {}),
          ...(options.since ? { since: options.since } : {}),
          ...(options.until ? { until: options.until } : {}),
        };
        await runReport({
          ...(await contextFrom(command)),
          format: options.format,
          filter,
          banks: options.banks,
          ...(options.out ? { out: options.out } : {}),
        });
      },
    );

  program
    .command('compare <candidate...>')
    .description('candidates side by side per domain (by name or email; latest session of each)')
    .option('--assessment <id>', 'only this assessment')
    .addHelpText('after', examples('backend-quiz compare alice@example.com bob@example.com'))
    .action(async (candidates: string[], options: { assessment?: string }, command: Command) => {
      const { runCompare } = await import('../commands/hiring/compare.js');
      runCompare({
        ...(await contextFrom(command)),
        candidates,
        ...(options.assessment ? { assessment: options.assessment } : {}),
      });
    });

  withResponseSource(program.command('stats'))
    .description(
      "item analysis with Moodle's quiz statistics: facility, discrimination, efficiency, reliability",
    )
    .option('--json', 'machine-readable output')
    .option('--fail-on-dubious', 'exit 1 when any question is flagged dubious')
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
          banks: string[];
        },
        command: Command,
      ) => {
        const { runStats } = await import('../commands/measurement/stats.js');
        await runStats({
          ...(await contextFrom(command)),
          json: options.json === true,
          failOnDubious: options.failOnDubious === true,
          ...responseSource(options),
          banks: options.banks,
        });
      },
    );

  withResponseSource(program.command('calibrate'))
    .description('2PL item parameters (a, b) by marginal maximum likelihood; saved for adaptive mode')
    .option('--json', 'machine-readable output')
    .option('--min-responses <n>', 'questions with fewer responses keep their prior', positiveInt, 30)
    .option('--no-save', 'do not store the parameters')
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples('backend-quiz calibrate', 'backend-quiz calibrate --json --responses responses.csv --no-save'),
    )
    .action(
      async (
        options: {
          json?: boolean;
          assessment?: string;
          responses?: string;
          minResponses: number;
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
    .option('--length <n>', 'length of the fixed random form', positiveInt, 40)
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
          seTarget: number;
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
          seTarget: options.seTarget,
          seed: options.seed,
          topics: options.topic ?? [],
          banks: options.banks,
          ...(options.maxLength ? { maxLength: options.maxLength } : {}),
        });
      },
    );

  return program;
}
