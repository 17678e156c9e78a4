// Shell integration: completion. The action lazy-imports its command.
import { Argument, type Command } from 'commander';
import { examples } from './options.js';

/** Kept here as well as in the command so --help needs nothing else; a test checks that they agree. */
export const SHELLS = ['bash', 'zsh', 'fish'];

export function registerShellCommands(program: Command): void {
  program
    .command('completion')
    .description('print a completion script for bash, zsh or fish (see the README for where to put it)')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      examples(
        'backend-quiz completion bash > ~/.local/share/bash-completion/completions/backend-quiz',
        'backend-quiz completion zsh > ~/.zsh/completions/_backend-quiz',
        'backend-quiz completion fish > ~/.config/fish/completions/backend-quiz.fish',
      ),
    )
    .action(async (shell: 'bash' | 'zsh' | 'fish') => {
      const { runCompletion, shippedTopics } = await import('../commands/shell/completion.js');
      runCompletion({ stdout: process.stdout, shell, program, topics: await shippedTopics() });
    });
}
