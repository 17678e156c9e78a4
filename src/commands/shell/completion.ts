// backend-quiz completion bash|zsh|fish: a completion script generated from the commander program itself, so
// every command, option and choice the program accepts is completed, and nothing it does not.
import type { Argument, Command, Option } from 'commander';
import { print, type CommandContext } from '../context.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

export interface RunCompletionOptions extends Pick<CommandContext, 'stdout'> {
  shell: CompletionShell;
  program: Command;
  /** Domain ids offered for --topic: the shipped banks' (other banks are only known when a command runs). */
  topics?: string[];
}

/** Options whose value is a domain id: they take any id, so commander lists no choices for them. */
const TOPIC_OPTIONS = new Set(['--topic']);

function withTopics(spec: CommandSpec, topics: string[]): CommandSpec {
  return {
    ...spec,
    options: spec.options.map((o) =>
      o.long && TOPIC_OPTIONS.has(o.long) && !o.choices ? { ...o, choices: topics } : o,
    ),
    subcommands: spec.subcommands.map((c) => withTopics(c, topics)),
  };
}

/** What a completion needs of one option. */
export interface OptionSpec {
  short?: string;
  long?: string;
  description: string;
  takesValue: boolean;
  choices?: string[];
  /** The value is a file or folder (by its value name: <file>, <path>, <dir...>, <csv>...). */
  file: boolean;
}

export interface CommandSpec {
  /** Words after the program name: ['quiz'], ['assessment', 'init']; [] for the program itself. */
  path: string[];
  description: string;
  options: OptionSpec[];
  subcommands: CommandSpec[];
  /** Positional arguments: completed with their choices, else as files. */
  args: { choices?: string[]; file: boolean }[];
}

const FILE_VALUE = /<[^>]*(file|path|dir|csv|folder|assessment|bundle)[^>]*>/i;

function optionSpec(option: Option): OptionSpec {
  const takesValue = option.required || option.optional;
  return {
    ...(option.short ? { short: option.short } : {}),
    ...(option.long ? { long: option.long } : {}),
    description: option.description,
    takesValue,
    ...(option.argChoices ? { choices: option.argChoices } : {}),
    file: takesValue && FILE_VALUE.test(option.flags),
  };
}

function argSpec(arg: Argument): { choices?: string[]; file: boolean } {
  return arg.argChoices
    ? { choices: arg.argChoices, file: false }
    : { file: /file|path|assessment|bundle/i.test(arg.name()) };
}

const HELP: OptionSpec = {
  short: '-h',
  long: '--help',
  description: 'display help',
  takesValue: false,
  file: false,
};

/** The program as data: commands (nested), their options with the program's global options, and arguments. */
export function commandSpec(command: Command, globals: OptionSpec[] = [], path: string[] = []): CommandSpec {
  const own = command.options.filter((o) => !o.hidden).map(optionSpec);
  const options = [...own, ...globals, HELP];
  // The program's options (--db, --no-color, --debug) apply to every command; --version only to the program.
  const inherited = path.length === 0 ? own.filter((o) => o.long !== '--version') : globals;
  return {
    path,
    description: command.description(),
    options,
    subcommands: command.commands
      .filter((c) => !(c as unknown as { _hidden?: boolean })._hidden && c.name() !== 'help')
      .map((c) => commandSpec(c, inherited, [...path, c.name()])),
    args: command.registeredArguments.map(argSpec),
  };
}

function flatten(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.subcommands.flatMap(flatten)];
}

const flagsOf = (o: OptionSpec) => [o.short, o.long].filter((f): f is string => f !== undefined);
const words = (list: string[]) => list.join(' ');

export function bashCompletion(name: string, root: CommandSpec): string {
  const fn = `_${name.replace(/\W/g, '_')}`;
  const all = flatten(root);
  const cases = all.map((c) => {
    const key = c.path.join(' ');
    const valueCases = c.options
      .filter((o) => o.takesValue)
      .map((o) => {
        const action = o.choices
          ? `COMPREPLY=($(compgen -W "${words(o.choices)}" -- "$cur"))`
          : o.file
            ? `COMPREPLY=($(compgen -f -- "$cur"))`
            : 'COMPREPLY=()';
        return `        ${flagsOf(o).join('|')}) ${action}; return 0 ;;`;
      });
    const arg = c.args[0];
    const positional = c.subcommands.length
      ? `words="${words(c.subcommands.map((s) => s.path.at(-1)!))}"`
      : arg?.choices
        ? `words="${words(arg.choices)}"`
        : arg?.file
          ? 'files=1'
          : '';
    return [
      `    "${key}")`,
      ...(valueCases.length ? ['      case "$prev" in', ...valueCases, '      esac'] : []),
      `      opts="${words(c.options.flatMap(flagsOf))}"`,
      ...(positional ? [`      ${positional}`] : []),
      '      ;;',
    ].join('\n');
  });
  const nested = all
    .filter((c) => c.subcommands.length > 0)
    .map(
      (c) =>
        `      "${c.path.join(' ')}") [[ " ${words(c.subcommands.map((s) => s.path.at(-1)!))} " == *" $w "* ]] && cmd="\${cmd:+$cmd }$w" ;;`,
    );
  const valued = [...new Set(all.flatMap((c) => c.options.filter((o) => o.takesValue).flatMap(flagsOf)))];
  return `# bash completion for ${name}; generated by \`${name} completion bash\`.
${fn}() {
  local cur prev cmd w i opts words files
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  words=""
  files=0
  # The command path is made of the words that name commands, in order; an option's value never does.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "\${COMP_WORDS[i-1]}" in
      ${valued.join('|')}) continue ;;
    esac
    case "$cmd" in
${nested.join('\n')}
    esac
  done
  case "$cmd" in
${cases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [[ -n "$words" ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  elif [[ "$files" == 1 ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}
complete -F ${fn} ${name}
`;
}

/** zsh _arguments specs: brackets, colons and quotes in descriptions are escaped. */
const zq = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, `'\\''`)
    .replace(/([[\]:])/g, '\\$1');

function zshOption(o: OptionSpec): string {
  const flags = flagsOf(o);
  const value = o.takesValue
    ? o.choices
      ? `:value:(${words(o.choices)})`
      : o.file
        ? ':file:_files'
        : ':value: '
    : '';
  const spec = `[${zq(o.description)}]${value}'`;
  // -t and --topic are one option: either excludes the other; zsh expands {-t,--topic} into both specs.
  return flags.length > 1 ? `'(${flags.join(' ')})'{${flags.join(',')}}'${spec}` : `'${flags[0]!}${spec}`;
}

export function zshCompletion(name: string, root: CommandSpec): string {
  const fn = `_${name.replace(/\W/g, '_')}`;
  const body = (c: CommandSpec, depth: number): string => {
    const indent = '  '.repeat(depth + 1);
    const opts = c.options.map((o) => `${indent}  ${zshOption(o)} \\`);
    if (c.subcommands.length > 0) {
      const list = c.subcommands.map((s) => `'${zq(s.path.at(-1)!)}:${zq(s.description)}'`).join(' ');
      const inner = c.subcommands
        .map((s) => `${indent}    ${s.path.at(-1)!})\n${body(s, depth + 3)}\n${indent}      ;;`)
        .join('\n');
      return `${indent}local -a commands_${depth}=(${list})
${indent}_arguments -C \\
${opts.join('\n')}
${indent}  '1: :->cmd' \\
${indent}  '*:: :->args' && return
${indent}case $state in
${indent}  cmd) _describe -t commands command commands_${depth} ;;
${indent}  args)
${indent}  case $line[1] in
${inner}
${indent}  esac ;;
${indent}esac`;
    }
    const arg = c.args[0];
    const positional = arg?.choices
      ? `'*:value:(${words(arg.choices)})'`
      : arg?.file
        ? `'*:file:_files'`
        : '';
    return `${indent}_arguments \\\n${opts.join('\n')}${positional ? `\n${indent}  ${positional}` : `\n${indent}  ':'`}`;
  };
  return `#compdef ${name}
# zsh completion for ${name}; generated by \`${name} completion zsh\`.
${fn}() {
  local curcontext="$curcontext" state line
${body(root, 0)}
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${name}
fi
`;
}

const fq = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function fishCompletion(name: string, root: CommandSpec): string {
  const lines = [
    `# fish completion for ${name}; generated by \`${name} completion fish\`.`,
    `complete -c ${name} -f`,
  ];
  for (const c of flatten(root)) {
    // Completions of a command apply once its path is on the line and none of its subcommands is yet.
    const seen = c.path.map((w) => `__fish_seen_subcommand_from ${w}`);
    const notYet = c.subcommands.length
      ? [`not __fish_seen_subcommand_from ${words(c.subcommands.map((s) => s.path.at(-1)!))}`]
      : [];
    const condition = c.path.length === 0 ? ['__fish_use_subcommand'] : [...seen, ...notYet];
    const when = `-n ${fq(condition.join('; and '))}`;
    for (const s of c.subcommands)
      lines.push(
        `complete -c ${name} ${c.path.length === 0 ? "-n '__fish_use_subcommand'" : when} -a ${fq(s.path.at(-1)!)} -d ${fq(s.description)}`,
      );
    for (const o of c.options) {
      const flags = [o.short ? `-s ${o.short.slice(1)}` : '', o.long ? `-l ${o.long.slice(2)}` : '']
        .filter(Boolean)
        .join(' ');
      const value = o.takesValue
        ? o.choices
          ? ` -x -a ${fq(words(o.choices))}`
          : o.file
            ? ' -r -F'
            : ' -x'
        : '';
      lines.push(`complete -c ${name} ${when} ${flags}${value} -d ${fq(o.description)}`);
    }
    const arg = c.args[0];
    if (arg?.choices) lines.push(`complete -c ${name} ${when} -x -a ${fq(words(arg.choices))}`);
    else if (arg?.file && c.subcommands.length === 0) lines.push(`complete -c ${name} ${when} -F`);
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: CompletionShell, program: Command, topics: string[] = []): string {
  const spec = topics.length > 0 ? withTopics(commandSpec(program), topics) : commandSpec(program);
  const name = program.name();
  switch (shell) {
    case 'bash':
      return bashCompletion(name, spec);
    case 'zsh':
      return zshCompletion(name, spec);
    case 'fish':
      return fishCompletion(name, spec);
  }
}

export function runCompletion(options: RunCompletionOptions): void {
  print(options.stdout, completionScript(options.shell, options.program, options.topics));
}

/** The shipped banks' domain ids, from the compiled banks (no YAML parsing); none when they are not compiled. */
export async function shippedTopics(): Promise<string[]> {
  const { readCompiledBanks } = await import('../../bank/compiled-banks.js');
  const { SHIPPED_BANKS_DIR } = await import('../../paths.js');
  return (readCompiledBanks([SHIPPED_BANKS_DIR]) ?? []).map((b) => b.domain).sort();
}
