// Hiring managers (and the candidates they send assessments to): assessment, take, import, verify, report, compare.
import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.js';
import {
  REPORT_EXTENSION_LIST,
  REPORT_FORMATS,
  reportFormatFromPath,
  type ReportFormat,
} from '../core/formats.js';
import {
  banksOption,
  contextFrom,
  examples,
  isoDate,
  positiveInt,
  resolveFormat,
  withFormat,
} from './options.js';

interface ResultFilesCliOptions {
  banks: string[];
  assessment: string[];
  json?: boolean;
}

/** import and verify read the same files against the same banks and assessments. */
function resultFilesOptions(files: string[], options: ResultFilesCliOptions) {
  return { files, banks: options.banks, assessments: options.assessment, json: options.json === true };
}

export function registerHiringCommands(program: Command): void {
  const assessment = program.command('assessment').description('write and manage assessment files');
  assessment
    .command('init')
    .description('write a commented assessment file to edit and send to candidates')
    .option('-o, --out <file>', 'where to write it', 'assessment.yaml')
    .option('--force', 'overwrite an existing file')
    .option('--id <id>', 'assessment id (default: the title as a slug plus a random suffix)')
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

  assessment
    .command('pack <assessment>')
    .description(
      'write a candidate bundle: the questions without their keys, recorded in your database for import',
    )
    .option('-o, --out <file>', 'where to write it (default: the assessment file name with .bundle.json)')
    .addOption(
      new Option('--passphrase-file <file>', 'encrypt with the passphrase in this file').conflicts(
        'passphraseEnv',
      ),
    )
    .option('--passphrase-env <var>', 'encrypt with the passphrase in this environment variable')
    .option(
      '--open',
      'pack the answer keys too (needed for adaptive assessments); the bundle is then not sealed',
    )
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz assessment pack assessment.yaml --banks ./private-banks',
        'backend-quiz assessment pack assessment.yaml -o backend.bundle.json --passphrase-env QUIZ_PASSPHRASE',
      ),
    )
    .action(
      async (
        file: string,
        options: {
          out?: string;
          passphraseFile?: string;
          passphraseEnv?: string;
          open?: boolean;
          banks: string[];
        },
        command: Command,
      ) => {
        const { runPack } = await import('../commands/hiring/pack.js');
        await runPack({
          ...(await contextFrom(command)),
          assessment: file,
          banks: options.banks,
          open: options.open === true,
          ...(options.out ? { out: options.out } : {}),
          ...(options.passphraseFile ? { passphraseFile: options.passphraseFile } : {}),
          ...(options.passphraseEnv ? { passphraseEnv: options.passphraseEnv } : {}),
        });
      },
    );

  program
    .command('take <assessment>')
    .description(
      'take an assessment (a bundle from the hiring manager, or an assessment file with banks) and write a result file to send back',
    )
    .option('-o, --out <path>', 'folder (or .json file) for the result file', '.')
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz take backend.bundle.json',
        'backend-quiz take backend.bundle.json --out ~/Desktop',
        'backend-quiz take assessment.yaml --banks ./banks     # open, practice-style',
      ),
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
    .option('--json', 'machine-readable output')
    .option(
      '--assessment <file...>',
      'the assessment file(s) you sent: registered, and results are checked against them',
      [],
    )
    .addOption(banksOption())
    .addHelpText(
      'after',
      examples(
        'backend-quiz import results/ --assessment backend-2026.yaml',
        'backend-quiz import alice.json bob.json',
      ),
    )
    .action(async (files: string[], options: ResultFilesCliOptions, command: Command) => {
      const { runImport } = await import('../commands/hiring/import.js');
      await runImport({ ...(await contextFrom(command)), ...resultFilesOptions(files, options) });
    });

  program
    .command('verify <files...>')
    .description('the checks of import, nothing stored (exit 1 when any file fails)')
    .option('--assessment <file...>', 'assessment file(s) to check against (not registered)', [])
    .option('--json', 'machine-readable output')
    .addOption(banksOption())
    .addHelpText('after', examples('backend-quiz verify results/*.json --assessment backend-2026.yaml'))
    .action(async (files: string[], options: ResultFilesCliOptions, command: Command) => {
      const { runVerify } = await import('../commands/hiring/verify.js');
      await runVerify({ ...(await contextFrom(command)), ...resultFilesOptions(files, options) });
    });

  withFormat(
    program
      .command('report')
      .description('candidate scores as a table, CSV, JSON, Markdown or a self-contained HTML file'),
    REPORT_FORMATS,
    'text, or what the --out extension names',
  )
    .option(
      '-o, --out <file>',
      `write to a file instead of standard output (format from its extension: ${REPORT_EXTENSION_LIST})`,
    )
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
          format?: ReportFormat;
          json?: boolean;
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
        const out = options.out;
        const format = resolveFormat(options, 'text', () => {
          if (out === undefined) return undefined;
          const implied = reportFormatFromPath(out);
          if (!implied)
            throw new UsageError(
              `cannot tell the format of ${out} from its extension (${REPORT_EXTENSION_LIST}); pass --format`,
            );
          return implied;
        });
        await runReport({
          ...(await contextFrom(command)),
          format,
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
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      examples(
        'backend-quiz compare alice@example.com bob@example.com',
        'backend-quiz compare alice@example.com bob@example.com --json',
      ),
    )
    .action(
      async (candidates: string[], options: { assessment?: string; json?: boolean }, command: Command) => {
        const { runCompare } = await import('../commands/hiring/compare.js');
        runCompare({
          ...(await contextFrom(command)),
          candidates,
          json: options.json === true,
          ...(options.assessment ? { assessment: options.assessment } : {}),
        });
      },
    );
}
