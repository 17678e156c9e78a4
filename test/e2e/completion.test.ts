// Shell completion scripts generated from the program: loaded into real shells and asked for completions.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPLETION_SHELLS } from '../../src/commands/shell/completion.js';
import { SHELLS } from '../../src/cli/shell.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
const scripts: Record<string, string> = {};

beforeAll(async () => {
  for (const shell of COMPLETION_SHELLS) {
    const out = await runCli(['completion', shell]);
    if (out.code !== 0) throw new Error(`completion ${shell} exited ${out.code}: ${out.stderr}`);
    scripts[shell] = out.stdout;
  }
});

/** Runs bash's completion function on a command line, as pressing Tab after `line` would. */
function bashComplete(line: string): string[] {
  const file = path.join(tempDir(), 'completion.bash');
  writeFileSync(file, scripts.bash!);
  const words = line.split(' ');
  const program = [
    `source ${JSON.stringify(file)}`,
    `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_backend_quiz',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  return execFileSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
}

describe('completion', () => {
  it('the shells the help lists are the shells the command generates', () => {
    expect(SHELLS).toEqual([...COMPLETION_SHELLS]);
  });

  it('an unknown shell is a usage error listing the choices', async () => {
    const out = await runCli(['completion', 'powershell']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('bash, zsh, fish');
  });

  it('bash: the script registers with complete and completes commands, subcommands, options and choices', () => {
    const file = path.join(tempDir(), 'completion.bash');
    writeFileSync(file, scripts.bash!);
    const registered = execFileSync(
      'bash',
      ['--norc', '--noprofile', '-c', `source ${JSON.stringify(file)}; complete -p backend-quiz`],
      {
        encoding: 'utf8',
      },
    );
    expect(registered.trim()).toBe('complete -F _backend_quiz backend-quiz');
    expect(bashComplete('backend-quiz his')).toEqual(['history']);
    expect(bashComplete('backend-quiz assessment ')).toEqual(['init', 'pack']);
    expect(bashComplete('backend-quiz assessment init --per')).toEqual(['--per-domain']);
    expect(bashComplete('backend-quiz quiz --difficulty ')).toEqual(['junior', 'mid', 'senior', 'mixed']);
    expect(bashComplete('backend-quiz report --format ')).toEqual(['text', 'csv', 'json', 'md', 'html']);
    expect(bashComplete('backend-quiz validate --format ')).toEqual(['text', 'json', 'github']);
    expect(bashComplete('backend-quiz completion ')).toEqual(['bash', 'zsh', 'fish']);
    // Domain ids of the shipped banks, for every command that takes --topic.
    expect(bashComplete('backend-quiz quiz --topic s')).toEqual(['security', 'servers', 'sql']);
    expect(bashComplete('backend-quiz run -t ap')).toEqual(['apis']);
    // Options of the command on the line, plus the global ones; an option value is not taken for a command.
    expect(bashComplete('backend-quiz --db banks compare --')).toEqual(
      expect.arrayContaining(['--assessment', '--json', '--db', '--no-color', '--help']),
    );
    expect(bashComplete('backend-quiz compare --')).not.toContain('--time-limit');
  });

  it.runIf(has('zsh'))('zsh: the script parses and loads under compinit', () => {
    const file = path.join(tempDir(), '_backend-quiz');
    writeFileSync(file, scripts.zsh!);
    execFileSync('zsh', ['-n', file]);
    const out = execFileSync(
      'zsh',
      [
        '-f',
        '-c',
        `autoload -U compinit && compinit -u && source ${JSON.stringify(file)} && print -r -- $_comps[backend-quiz]`,
      ],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('_backend_quiz');
  });

  it.runIf(has('fish'))('fish: the script parses and completes commands and choices', () => {
    const file = path.join(tempDir(), 'backend-quiz.fish');
    writeFileSync(file, scripts.fish!);
    execFileSync('fish', ['-n', file]);
    const complete = (line: string) =>
      execFileSync(
        'fish',
        ['--no-config', '-c', `source ${JSON.stringify(file)}; complete -C ${JSON.stringify(line)}`],
        {
          encoding: 'utf8',
        },
      )
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(complete('backend-quiz his')).toEqual(['history']);
    expect(complete('backend-quiz report --format ').sort()).toEqual(['csv', 'html', 'json', 'md', 'text']);
    expect(complete('backend-quiz assessment ')).toEqual(['init', 'pack']);
  });

  it('says so when zsh or fish is missing here, instead of passing silently', () => {
    const missing = ['zsh', 'fish'].filter((s) => !has(s));
    if (missing.length > 0)
      console.warn(`completion: ${missing.join(' and ')} not installed; syntax checks skipped`);
    expect(scripts.zsh).toContain('#compdef backend-quiz');
    expect(scripts.fish).toContain('complete -c backend-quiz');
  });
});
