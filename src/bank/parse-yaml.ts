// Parses a YAML (or JSON) document against a zod schema; every problem is located at line:column.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { Problem } from '../core/errors.js';
import { locate } from './positions.js';
import { documentProblems, MAX_ALIAS_COUNT } from './yaml-limits.js';

export { MAX_ALIAS_COUNT } from './yaml-limits.js';

export interface ParsedYaml<T> {
  doc?: Document;
  lines: LineCounter;
  /** The plain data, when the document parsed (even if the schema failed). */
  data?: unknown;
  /** The validated value, when the schema passed. */
  value?: T;
  problems: Problem[];
}

function record(value: unknown): Record<string | number, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function valueAt(data: unknown, issuePath: (string | number)[]): unknown {
  let value = data;
  for (const segment of issuePath) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = record(value)[segment];
  }
  return value;
}

/** "question "db-x" difficulty: " for paths into a list of items with ids, else the dotted path. */
function describePath(data: unknown, issuePath: (string | number)[]): string {
  const [list, index, ...rest] = issuePath;
  if (typeof list === 'string' && typeof index === 'number') {
    const item = record(valueAt(data, [list, index]));
    const noun = list.endsWith('s') ? list.slice(0, -1) : list;
    const name = typeof item.id === 'string' ? `${noun} "${item.id}"` : `${noun} ${index + 1}`;
    return `${name}${rest.length > 0 ? ` ${rest.join('.')}` : ''}: `;
  }
  return issuePath.length > 0 ? `${issuePath.join('.')}: ` : '';
}

export function parseYaml<S extends z.ZodType>(
  text: string,
  shown: string,
  schema: S,
): ParsedYaml<z.infer<S>> {
  const lines = new LineCounter();
  const problems: Problem[] = [];
  const at = (line: number, column: number, rule: string, message: string) =>
    problems.push({ file: shown, line, column, rule, message });

  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: false, // checked below in linear time
    strict: true,
  });
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    at(line, col, 'yaml-syntax', error.message.split('\n')[0] ?? 'invalid YAML');
  }
  if (doc.errors.length > 0) return { lines, problems };
  for (const problem of documentProblems(doc)) {
    const { line, col } = lines.linePos(problem.offset);
    at(line, col, problem.rule, problem.message);
  }
  if (problems.length > 0) return { lines, problems };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    at(1, 1, 'yaml-aliases', `the file cannot be expanded: ${(error as Error).message}`);
    return { lines, problems };
  }
  const result = schema.safeParse(data);
  if (result.success) return { doc, lines, data, value: result.data, problems };

  for (const issue of result.error.issues) {
    const issuePath = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const pos = locate(doc, lines, [...issuePath, key], true);
        at(pos.line, pos.column, 'unknown-field', `unknown field "${key}"`);
      }
      continue;
    }
    const pos = locate(doc, lines, issuePath);
    const missing = issue.code === 'invalid_type' && valueAt(data, issuePath) === undefined;
    const message = `${describePath(data, issuePath)}${missing ? 'required field is missing' : issue.message}`;
    at(pos.line, pos.column, issue.code === 'invalid_type' ? 'wrong-type' : 'invalid-value', message);
  }
  return { doc, lines, data, problems };
}
