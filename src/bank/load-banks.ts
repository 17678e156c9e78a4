// Reads bank files from disk into core types; every problem comes back located at file:line:column.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document, LineCounter } from 'yaml';
import {
  bankSchema,
  normalizeQuestion,
  questionKeySchema,
  questionSchema,
  type Bank,
  type RawQuestion,
} from '../core/bank-schema.js';
import {
  contentProblems,
  structuralProblems,
  type ParsedBank,
  type PathProblem,
} from '../core/bank-rules.js';
import { BankError, UsageError, type Problem } from '../core/errors.js';
import { sanitizeLine, sanitizeText } from '../core/sanitize.js';
import { parseYaml } from './parse-yaml.js';
import { readInputFile } from './read-input.js';
import { locate, type Position } from './positions.js';

/** Banks larger than this are refused before parsing: no honest bank comes near it. */
export const MAX_BANK_BYTES = 8 * 1024 * 1024;

export interface LoadBanksOptions {
  /** Files or folders; folders contribute their *.yaml / *.yml files. */
  paths: string[];
  strict?: boolean;
  /** Shown in messages instead of absolute paths. */
  cwd?: string;
}

export interface LoadedBanks {
  banks: Bank[];
  problems: Problem[];
  files: number;
  questions: number;
  /** Every sql task that parsed, with where its parts are written: validate runs them (checkSqlTasks). */
  sqlTasks: LocatedSqlTask[];
}

/** A sql task as written, with the position of each part so that a problem found by running it is located. */
export interface LocatedSqlTask {
  id: string;
  file: string;
  schema: string;
  sample: string;
  check: string;
  reference: string;
  ordered: boolean;
  mistakes: { query: string; why: string }[];
  at: {
    schema: Position;
    sample: Position;
    check: Position;
    reference: Position;
    /** Of each mistake's query. */
    mistakes: Position[];
  };
}

interface ParsedFile {
  file: string;
  shown: string;
  doc?: Document;
  lines?: LineCounter;
  /** Set when the document parsed; holes in questions are questions that failed the schema. */
  parsed?: ParsedBank;
  /** The whole file passed the schema: it can be used, not only checked. */
  valid: boolean;
  title?: string;
  description?: string;
  hash: string;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** What of an invalid bank can still be checked: the header fields that are right and each valid question. */
function partialBank(shown: string, data: unknown): ParsedBank {
  const top = record(data);
  const questions = Array.isArray(top.questions) ? (top.questions as unknown[]) : [];
  return {
    file: shown,
    domain: typeof top.domain === 'string' ? top.domain : shown,
    subtopics: Object.fromEntries(Object.entries(record(top.subtopics)).map(([k, v]) => [k, String(v)])),
    questions: questions.map((q) => {
      const result = questionSchema.safeParse(q);
      return result.success ? result.data : undefined;
    }),
    keys: questions.map((q) => {
      const result = questionKeySchema.safeParse(q);
      return result.success ? result.data : undefined;
    }),
    ids: questions.map((q) => {
      const id = record(q).id;
      return typeof id === 'string' ? id : undefined;
    }),
  };
}

export function listBankFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      files.push(p); // reported as unreadable by parseFile, located at 1:1
      continue;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (/\.ya?ml$/.test(name)) files.push(path.join(p, name));
    } else files.push(p);
  }
  return files;
}

function at(file: string, line: number, column: number, rule: string, message: string): Problem {
  return { file, line, column, rule, message };
}

function parseFile(file: string, shown: string, problems: Problem[]): ParsedFile {
  const input = readInputFile(file, MAX_BANK_BYTES);
  if (!input.ok) {
    const rule = { unreadable: 'unreadable', 'too-large': 'file-too-large', encoding: 'encoding' }[
      input.kind
    ];
    const message = input.kind === 'unreadable' ? `cannot read the file: ${input.reason}` : input.reason;
    problems.push(at(shown, 1, 1, rule, message));
    return { file, shown, hash: '', valid: false };
  }
  const bytes = input.bytes;
  const hash = createHash('sha256').update(bytes).digest('hex');
  const { doc, lines, data, value: bank, problems: found } = parseYaml(input.text, shown, bankSchema);
  problems.push(...found);
  if (!doc || !lines) return { file, shown, hash, valid: false };
  if (!bank) return { file, shown, doc, lines, parsed: partialBank(shown, data), valid: false, hash };
  const parsed: ParsedBank = {
    file: shown,
    domain: bank.domain,
    subtopics: bank.subtopics,
    questions: bank.questions,
    ids: bank.questions.map((q) => q.id),
  };
  return {
    file,
    shown,
    doc,
    lines,
    parsed,
    valid: true,
    title: bank.title,
    description: bank.description ?? '',
    hash,
  };
}

export function loadBanks(options: LoadBanksOptions): LoadedBanks {
  const cwd = options.cwd ?? process.cwd();
  const problems: Problem[] = [];
  const files = listBankFiles(options.paths);
  const parsed = files.map((file) => parseFile(file, path.relative(cwd, file) || file, problems));
  const checked = parsed.filter(
    (p): p is ParsedFile & { parsed: ParsedBank; doc: Document; lines: LineCounter } =>
      p.parsed !== undefined && p.doc !== undefined && p.lines !== undefined,
  );

  const byFile = new Map(checked.map((p) => [p.shown, p]));
  const locatePath = (problem: PathProblem): Problem => {
    const source = byFile.get(problem.file)!;
    const pos = locate(source.doc, source.lines, problem.path);
    return {
      file: problem.file,
      line: pos.line,
      column: pos.column,
      rule: problem.rule,
      message: problem.message,
    };
  };
  const pathBanks = checked.map((p) => p.parsed);
  problems.push(...structuralProblems(pathBanks).map(locatePath));
  if (options.strict) problems.push(...contentProblems(pathBanks).map(locatePath));

  const sqlTasks = checked.flatMap((p) => locatedSqlTasks(p.parsed, p.doc, p.lines));

  const banks: Bank[] = checked
    .filter((p) => p.valid)
    .map((p) => ({
      domain: p.parsed.domain,
      // Titles are printed in tables and menus: one clean line, whatever the file holds.
      title: sanitizeLine(p.title ?? p.parsed.domain),
      description: sanitizeText(p.description ?? ''),
      subtopics: p.parsed.subtopics,
      questions: p.parsed.questions.map((q) => normalizeQuestion(q as RawQuestion, p.parsed.domain)),
      hash: p.hash,
      file: p.shown,
    }));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const questions = checked.reduce((n, p) => n + p.parsed.questions.length, 0);
  return { banks, problems, files: files.length, questions, sqlTasks };
}

/** The sql tasks of a bank that have every part to run; one missing a part is already reported (missing-field). */
function locatedSqlTasks(bank: ParsedBank, doc: Document, lines: LineCounter): LocatedSqlTask[] {
  return bank.questions.flatMap((q, i) => {
    if (q?.type !== 'sql') return [];
    const { schema, sample, check, reference } = q;
    if (schema === undefined || sample === undefined || check === undefined || reference === undefined)
      return [];
    const at = (...path: (string | number)[]) => locate(doc, lines, ['questions', i, ...path]);
    const mistakes = q.mistakes ?? [];
    return [
      {
        id: q.id,
        file: bank.file,
        schema,
        sample,
        check,
        reference,
        ordered: q.ordered ?? false,
        mistakes,
        at: {
          schema: at('schema'),
          sample: at('sample'),
          check: at('check'),
          reference: at('reference'),
          mistakes: mistakes.map((_, m) => at('mistakes', m, 'query')),
        },
      },
    ];
  });
}

/** Loads banks a quiz can run on from YAML: any problem is an input error that stops the command. */
export function loadValidBanksFromYaml(paths: string[], cwd: string): Bank[] {
  const loaded = loadBanks({ paths, cwd });
  if (loaded.problems.length > 0) throw new BankError(loaded.problems);
  if (loaded.banks.length === 0) throw new UsageError(`no question banks found in ${paths.join(', ')}`);
  return loaded.banks;
}
