// backend-quiz convert: question files between bank YAML, GIFT, Moodle XML, Aiken and checklist Markdown. Reads
// and writes the files; the formats themselves are pure (src/formats). Whatever cannot move is listed, located.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadBanks, MAX_BANK_BYTES } from '../../bank/load-banks.js';
import { parseYaml } from '../../bank/parse-yaml.js';
import { readInputFile } from '../../bank/read-input.js';
import { locate } from '../../bank/positions.js';
import { bankSchema, normalizeQuestion, type Question } from '../../core/bank-schema.js';
import { BankError, formatProblem, OutputError, UsageError, type Problem } from '../../core/errors.js';
import { parseAiken, writeAiken } from '../../formats/aiken.js';
import type { ConvertFormat, ParsedQuestions, Skipped, Written } from '../../formats/common.js';
import { slugify } from '../../formats/common.js';
import { parseGift, writeGift } from '../../formats/gift.js';
import { parseMarkdown, writeMarkdown } from '../../formats/markdown.js';
import { parseMoodleXml, writeMoodleXml, XmlInputError } from '../../formats/moodle-xml.js';
import { bankYaml, toBanks } from '../../formats/to-bank.js';
import { print, type CommandContext } from '../context.js';

export interface RunConvertOptions extends CommandContext {
  files: string[];
  to: ConvertFormat;
  from?: ConvertFormat;
  outDir?: string;
  force: boolean;
}

export interface ConvertSummary {
  inputs: number;
  outputs: string[];
  converted: number;
  skipped: Problem[];
  todos: number;
}

const EXTENSIONS: Record<ConvertFormat, string> = {
  yaml: '.yaml',
  gift: '.gift',
  'moodle-xml': '.xml',
  aiken: '.txt',
  markdown: '.md',
};

/** The format from the extension, else from the content; undefined when neither tells. */
export function detectFormat(file: string, text: string): ConvertFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.gift') return 'gift';
  if (ext === '.xml') return 'moodle-xml';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return 'moodle-xml';
  if (/^#{2,6}\s*Q\s*\d+\s*[.):]/im.test(text)) return 'markdown';
  if (/^format:\s*1\s*$/m.test(text) && /^questions:/m.test(text)) return 'yaml';
  if (/^ANSWER:\s*[A-Za-z]\s*$/m.test(text)) return 'aiken';
  if (/\{[\s\S]*[=~][\s\S]*\}|\{\s*(T|F|TRUE|FALSE)\s*\}|^\s*::|^\s*\$CATEGORY:/m.test(text)) return 'gift';
  return undefined;
}

const PARSERS: Record<Exclude<ConvertFormat, 'yaml'>, (text: string) => ParsedQuestions> = {
  gift: parseGift,
  'moodle-xml': parseMoodleXml,
  aiken: parseAiken,
  markdown: parseMarkdown,
};

function writerFor(
  format: Exclude<ConvertFormat, 'yaml'>,
  bank: { domain: string; title: string; questions: Question[] },
): Written {
  switch (format) {
    case 'gift':
      return writeGift(bank);
    case 'moodle-xml':
      return writeMoodleXml(bank);
    case 'aiken':
      return writeAiken(bank);
    case 'markdown':
      return writeMarkdown(bank);
  }
}

/** Bounded like a bank: regular files only, at most 8 MiB, UTF-8. */
function readInput(file: string, shown: string): string {
  const input = readInputFile(file, MAX_BANK_BYTES);
  if (input.ok) return input.text;
  if (input.kind === 'unreadable') throw new UsageError(`cannot read ${shown}: ${input.reason}`);
  const rule = input.kind === 'too-large' ? 'file-too-large' : 'encoding';
  throw new BankError([{ file: shown, line: 1, column: 1, rule, message: input.reason }]);
}

export function runConvert(options: RunConvertOptions): ConvertSummary {
  const outDir = path.resolve(options.cwd, options.outDir ?? '.');
  const shownOf = (file: string) => path.relative(options.cwd, file) || file;
  const inputs = options.files.map((f) => path.resolve(options.cwd, f));
  const inputSet = new Set(inputs);
  const summary: ConvertSummary = { inputs: inputs.length, outputs: [], converted: 0, skipped: [], todos: 0 };
  const fatal: Problem[] = [];
  const takenIds = new Set<string>();
  const planned = new Set<string>();

  // Every output is decided before anything is written, so a refused output leaves no half-done conversion.
  const writes: { file: string; text: string; line: string }[] = [];
  const target = (base: string, suffix = '') => {
    const file = path.join(outDir, `${base}${suffix}${EXTENSIONS[options.to]}`);
    if (inputSet.has(file))
      throw new UsageError(`${shownOf(file)} is an input; choose another output folder with -o`);
    if (planned.has(file))
      throw new UsageError(
        `two inputs would both write ${shownOf(file)}; convert them separately or rename one`,
      );
    if (!options.force && existsSync(file))
      throw new UsageError(`${shownOf(file)} exists; pass --force to overwrite it`);
    planned.add(file);
    return file;
  };

  for (const file of inputs) {
    const shown = shownOf(file);
    const text = readInput(file, shown);
    const from = options.from ?? detectFormat(file, text);
    if (!from)
      throw new UsageError(
        `cannot tell the format of ${shown} from its name or content; pass --from <format>`,
      );
    const base = path.basename(file).replace(/(\.gift)?\.[^.]+$/i, '');
    const located = (s: Skipped): Problem => ({
      file: shown,
      line: s.line,
      column: s.column,
      rule: s.rule,
      message: s.message,
    });

    if (from === 'yaml') {
      if (options.to === 'yaml') throw new UsageError(`${shown} is already bank YAML`);
      const loaded = loadBanks({ paths: [file], cwd: options.cwd });
      if (loaded.problems.length > 0) {
        fatal.push(...loaded.problems);
        continue;
      }
      const parsed = parseYaml(text, shown, bankSchema);
      for (const bank of loaded.banks) {
        const written = writerFor(options.to, bank);
        for (const s of written.skipped) {
          const pos = parsed.doc
            ? locate(parsed.doc, parsed.lines, ['questions', s.index])
            : { line: 1, column: 1 };
          summary.skipped.push({
            file: shown,
            ...pos,
            rule: s.rule,
            message: `question "${s.id}": ${s.message}`,
          });
        }
        const out = target(base, loaded.banks.length > 1 ? `-${bank.domain}` : '');
        writes.push({
          file: out,
          text: written.text,
          line: `${shown} -> ${shownOf(out)}: ${written.written} question(s), ${written.skipped.length} skipped`,
        });
        summary.converted += written.written;
      }
      continue;
    }

    let parsed: ParsedQuestions;
    try {
      parsed = PARSERS[from](text);
    } catch (error) {
      if (!(error instanceof XmlInputError)) throw error;
      fatal.push({ file: shown, ...error.at, rule: error.rule, message: error.message });
      continue;
    }
    const fallback = slugify(base) || 'imported';
    const { banks, rejected } = toBanks(parsed.questions, fallback, parsed.title ?? base, takenIds);
    summary.skipped.push(...[...parsed.skipped, ...rejected].map(located));
    const skippedHere = parsed.skipped.length + rejected.length;
    banks.forEach((converted) => {
      const suffix = banks.length > 1 ? `-${converted.bank.domain}` : '';
      const todos = converted.todos.reduce((n, t) => n + t.length, 0);
      if (options.to === 'yaml') {
        const out = target(base, suffix);
        writes.push({
          file: out,
          text: bankYaml(
            converted,
            `Converted from ${path.basename(file)} (${from}) by backend-quiz convert. Review every TODO, then run: backend-quiz validate --strict`,
            path.basename(file),
          ),
          line: `${shown} -> ${shownOf(out)}: ${converted.bank.questions.length} question(s), ${skippedHere} skipped, ${todos} TODO(s)`,
        });
        summary.converted += converted.bank.questions.length;
        summary.todos += todos;
        return;
      }
      const bank = {
        domain: converted.bank.domain,
        title: converted.bank.title,
        questions: converted.bank.questions.map((q) => normalizeQuestion(q, converted.bank.domain)),
      };
      const written = writerFor(options.to, bank);
      for (const s of written.skipped) {
        const source = converted.sources[s.index] ?? { line: 1, column: 1 };
        summary.skipped.push({ file: shown, ...source, rule: s.rule, message: s.message });
      }
      const out = target(base, suffix);
      writes.push({
        file: out,
        text: written.text,
        line: `${shown} -> ${shownOf(out)}: ${written.written} question(s), ${skippedHere + written.skipped.length} skipped`,
      });
      summary.converted += written.written;
    });
    if (banks.length === 0)
      print(options.stdout, `${shown}: no question could be converted, ${skippedHere} skipped`);
  }

  if (fatal.length > 0) throw new BankError(fatal);
  const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new OutputError(shownOf(outDir), code(error));
  }
  for (const w of writes) {
    try {
      writeFileSync(w.file, w.text);
    } catch (error) {
      throw new OutputError(shownOf(w.file), code(error));
    }
    summary.outputs.push(w.file);
    print(options.stdout, w.line);
  }
  for (const s of summary.skipped) print(options.stderr, `skipped: ${formatProblem(s)}`);
  if (summary.todos > 0)
    print(
      options.stdout,
      `${summary.todos} TODO(s) left in the YAML (missing explanation, references or difficulty): backend-quiz validate --strict lists them`,
    );
  return summary;
}
