// Question authors: validate. Actions lazy-import their command.
import type { Command } from 'commander';
import { SHIPPED_BANKS_DIR } from '../paths.js';
import { VALIDATE_FORMATS, type ValidateFormat } from '../core/formats.js';
import { contextFrom, examples, resolveFormat, withFormat } from './options.js';

export function registerAuthorCommands(program: Command): void {
  withFormat(
    program
      .command('validate [paths...]')
      .description('check bank files; every problem located at file:line:column (exit 1 when any)')
      .option('--strict', 'also apply the content rules (explanations, references, item-writing clues)'),
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
        runValidate({
          ...(await contextFrom(command)),
          paths: targets.length > 0 ? targets : [SHIPPED_BANKS_DIR],
          strict: options.strict === true,
          format: resolveFormat(options, 'text'),
        });
      },
    );
}
