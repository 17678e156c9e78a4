// Question authors: validate, convert. Actions lazy-import their command.
import { Option, type Command } from 'commander';
import { SHIPPED_BANKS_DIR } from '../paths.js';
import {
  CONVERT_FORMATS,
  VALIDATE_FORMATS,
  type ConvertFormat,
  type ValidateFormat,
} from '../core/formats.js';
import { contextFrom, examples, resolveFormat, withFormat } from './options.js';

export function registerAuthorCommands(program: Command): void {
  withFormat(
    program
      .command('validate [paths...]')
      .description('check bank files; every problem located at file:line:column (exit 1 when any)')
      .option(
        '--strict',
        'also apply the content rules (explanations, references, item-writing clues, hands-on giveaways)',
      ),
    VALIDATE_FORMATS,
    'text',
  )
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
        options: { strict?: boolean; format?: ValidateFormat; json?: boolean; banks?: string[] },
        command: Command,
      ) => {
        const { runValidate } = await import('../commands/authors/validate.js');
        const targets = [...paths, ...(options.banks ?? [])];
        await runValidate({
          ...(await contextFrom(command)),
          paths: targets.length > 0 ? targets : [SHIPPED_BANKS_DIR],
          strict: options.strict === true,
          format: resolveFormat(options, 'text'),
        });
      },
    );

  program
    .command('convert <files...>')
    .description(
      'convert question files between bank YAML, GIFT, Moodle XML, Aiken and checklist Markdown; lists what cannot move',
    )
    .addOption(new Option('--to <format>', 'output format').choices(CONVERT_FORMATS).makeOptionMandatory())
    .addOption(
      new Option('--from <format>', 'input format (default: from the extension, else the content)').choices(
        CONVERT_FORMATS,
      ),
    )
    .option('-o, --out-dir <dir>', 'folder for the converted files (default: the current folder)')
    .option('--force', 'overwrite existing output files')
    .addHelpText(
      'after',
      examples(
        'backend-quiz convert moodle-export.xml --to yaml -o banks/',
        'backend-quiz convert questions.gift --to yaml && backend-quiz validate questions.yaml --strict',
        'backend-quiz convert banks/databases.yaml --to moodle-xml -o moodle/',
        'backend-quiz convert quiz.txt --from aiken --to yaml',
      ),
    )
    .action(
      async (
        files: string[],
        options: { to: ConvertFormat; from?: ConvertFormat; outDir?: string; force?: boolean },
        command: Command,
      ) => {
        const { runConvert } = await import('../commands/authors/convert.js');
        runConvert({
          ...(await contextFrom(command)),
          files,
          to: options.to,
          ...(options.from ? { from: options.from } : {}),
          ...(options.outDir ? { outDir: options.outDir } : {}),
          force: options.force === true,
        });
      },
    );
}
