// Reads an answers file (YAML or JSON: question id -> answer) keeping the position of every entry.
import { LineCounter, isMap, isNode, isScalar, parseDocument } from 'yaml';
import type { Problem } from '../core/errors.js';
import { documentProblems, MAX_ALIAS_COUNT } from './yaml-limits.js';

export interface AnswerEntry {
  questionId: string;
  value: unknown;
  line: number;
  column: number;
}

export interface ReadAnswers {
  entries: AnswerEntry[];
  problems: Problem[];
}

/** Parses answers text; `shown` names the file in messages ("-" for standard input). */
export function readAnswers(text: string, shown: string): ReadAnswers {
  const lines = new LineCounter();
  const problems: Problem[] = [];
  // Duplicate keys are checked by documentProblems, in linear time.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number | undefined, rule: string, message: string) => {
    const { line, col } = lines.linePos(offset ?? 0);
    problems.push({ file: shown, line, column: col, rule, message });
  };
  for (const error of doc.errors)
    at(error.pos[0], 'syntax', error.message.split('\n')[0] ?? 'invalid YAML/JSON');
  if (problems.length > 0) return { entries: [], problems };
  for (const problem of documentProblems(doc)) at(problem.offset, problem.rule, problem.message);
  if (problems.length > 0) return { entries: [], problems };

  const root = doc.contents;
  if (!isMap(root)) {
    at(
      isNode(root) ? root.range?.[0] : 0,
      'answers-shape',
      'an answers file maps question ids to answers, e.g. "databases-lost-update: for-update"',
    );
    return { entries: [], problems };
  }
  let plain: Record<string, unknown>;
  try {
    plain = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    at(0, 'answers-shape', `the answers cannot be read: ${(error as Error).message}`);
    return { entries: [], problems };
  }
  const entries: AnswerEntry[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const keyOffset = isNode(pair.key) ? pair.key.range?.[0] : undefined;
    if (typeof key !== 'string') {
      at(keyOffset, 'answers-shape', 'question ids are strings');
      continue;
    }
    // Expanded once for the whole document (aliases are bounded per document above), then looked up per key.
    const value = plain[key];
    const { line, col } = lines.linePos(
      (isNode(pair.value) ? pair.value.range?.[0] : undefined) ?? keyOffset ?? 0,
    );
    entries.push({ questionId: key, value, line, column: col });
  }
  return { entries, problems };
}
