// Turning an answer written in a file (answers files, result files) into a Response, with a plain reason when it cannot be.
import { codeLines, type Question } from './bank-schema.js';
import type { Response } from './scoring.js';

export type ResolvedAnswer = { ok: true; response: Response } | { ok: false; message: string };

/**
 * single: an option id; multiple: a list of option ids (or one id); true-false: true/false;
 * text: a string (numbers are accepted as their text, e.g. a status code); sql: the query as a string;
 * lines: a line number or a list of them; order: every option id, in the chosen order.
 */
export function resolveAnswer(question: Question, value: unknown): ResolvedAnswer {
  const ids = new Set(question.options.map((o) => o.id));
  const unknownIds = (list: string[]) => list.filter((id) => !ids.has(id));
  switch (question.type) {
    case 'single': {
      if (typeof value !== 'string')
        return { ok: false, message: `question ${question.id} takes one option id` };
      if (!ids.has(value))
        return {
          ok: false,
          message: `"${value}" is not an option of ${question.id} (options: ${[...ids].join(', ')})`,
        };
      return { ok: true, response: [value] };
    }
    case 'multiple': {
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || !list.every((v): v is string => typeof v === 'string'))
        return { ok: false, message: `question ${question.id} takes a list of option ids` };
      const bad = unknownIds(list);
      if (bad.length > 0)
        return {
          ok: false,
          message: `${bad.map((b) => `"${b}"`).join(', ')} not an option of ${question.id} (options: ${[...ids].join(', ')})`,
        };
      return { ok: true, response: [...new Set(list)] };
    }
    case 'true-false': {
      if (typeof value === 'boolean') return { ok: true, response: [String(value)] };
      if (value === 'true' || value === 'false') return { ok: true, response: [value] };
      return { ok: false, message: `question ${question.id} takes true or false` };
    }
    case 'text': {
      if (typeof value === 'string' || typeof value === 'number')
        return { ok: true, response: [String(value)] };
      return { ok: false, message: `question ${question.id} takes a text answer` };
    }
    case 'sql':
      if (typeof value === 'string') return { ok: true, response: [value] };
      return { ok: false, message: `question ${question.id} takes a SQL query as a string` };
    case 'lines': {
      const list: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
      const count = codeLines(question.code?.text ?? '').length;
      const numbers = list.map((v): unknown =>
        typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v,
      );
      if (list.length === 0 || !numbers.every((n): n is number => Number.isInteger(n)))
        return { ok: false, message: `question ${question.id} takes a list of line numbers` };
      const outside = numbers.filter((n) => n < 1 || n > count);
      if (outside.length > 0)
        return {
          ok: false,
          message: `line ${outside.join(', ')} is not in the code of ${question.id} (lines 1 to ${count})`,
        };
      return { ok: true, response: [...new Set(numbers)].sort((a, b) => a - b).map(String) };
    }
    case 'order': {
      if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string'))
        return { ok: false, message: `question ${question.id} takes a list of option ids in order` };
      const bad = unknownIds(value);
      if (bad.length > 0)
        return {
          ok: false,
          message: `${bad.map((b) => `"${b}"`).join(', ')} not an option of ${question.id} (options: ${[...ids].join(', ')})`,
        };
      if (new Set(value).size !== value.length)
        return { ok: false, message: `question ${question.id} lists a step twice` };
      return { ok: true, response: value };
    }
  }
}
