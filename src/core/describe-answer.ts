// One-line descriptions of an answer and of a key, per question type, for CI output and reports.
import type { Question } from './bank-schema.js';
import type { Response } from './scoring.js';

/** A query or a typed answer on one line: its line breaks and runs of blanks become single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text cut to `width` characters with an ellipsis, so a long answer (a query) keeps to one line of output. */
export function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function optionText(question: Question, id: string): string {
  return question.options.find((o) => o.id === id)?.text ?? id;
}

/** "line 3", "lines 3, 7" */
function describeLines(lines: readonly string[]): string {
  if (lines.length === 0) return 'no line';
  return `${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}`;
}

/**
 * What a response says: option texts (single, multiple, true-false), the typed text, the marked lines, the steps in
 * the chosen order joined by arrows, or the query on one line.
 */
export function describeResponse(question: Question, response: Response): string {
  switch (question.type) {
    case 'text':
      return response[0] ?? '';
    case 'sql':
      return oneLine(response[0] ?? '');
    case 'lines':
      return describeLines(response);
    case 'order':
      return response.map((id) => optionText(question, id)).join(' → ');
    case 'single':
    case 'multiple':
    case 'true-false':
      return response.map((id) => optionText(question, id)).join('; ');
  }
}

/** The key, said the same way: every accepted text of a text question; the reference query of a sql one. */
export function describeKey(question: Question): string {
  return question.type === 'text' ? question.answer.join(' | ') : describeResponse(question, question.answer);
}
