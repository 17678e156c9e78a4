// Aiken (Moodle's simplest format): single-choice questions only. A question line, options "A." or "A)", then
// "ANSWER: X"; questions separated by blank lines. Read leniently (a question may run over several lines).
import type { Question } from '../core/bank-schema.js';
import {
  lineStartsOf,
  normalizeNewlines,
  positionAt,
  type ImportedQuestion,
  type ParsedQuestions,
  type Skipped,
  type Unwritable,
  type Written,
} from './common.js';

const OPTION = /^([A-Za-z])[.)]\s+(.*)$/;
const ANSWER = /^ANSWER:\s*([A-Za-z])\s*$/;

export function parseAiken(source: string): ParsedQuestions {
  const text = normalizeNewlines(source);
  const starts = lineStartsOf(text);
  const lines = text.split('\n');
  const questions: ImportedQuestion[] = [];
  const skipped: Skipped[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++;
      continue;
    }
    const first = i;
    const at = (line: number) =>
      positionAt(starts, starts[line]! + (lines[line]!.length - lines[line]!.trimStart().length));
    const stem: string[] = [];
    const options: { letter: string; text: string }[] = [];
    let answer: { letter: string; line: number } | undefined;
    for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
      const line = lines[i]!.trim();
      const option = OPTION.exec(line);
      const key = ANSWER.exec(line);
      if (key && options.length > 0) answer = { letter: key[1]!.toUpperCase(), line: i };
      else if (option && (options.length > 0 || stem.length > 0) && !answer)
        options.push({ letter: option[1]!.toUpperCase(), text: option[2]!.trim() });
      else if (options.length === 0) stem.push(line);
      else {
        skipped.push({
          ...at(i),
          rule: 'aiken-syntax',
          message: `expected an option "X. text" or "ANSWER: X", found "${line.slice(0, 40)}"`,
        });
        answer = undefined;
        options.length = 0;
        while (i < lines.length && lines[i]!.trim() !== '') i++;
        break;
      }
    }
    if (options.length === 0) {
      if (!skipped.some((s) => s.line === at(first).line))
        skipped.push({
          ...at(first),
          rule: 'aiken-syntax',
          message: 'a question needs options "A. text" and an "ANSWER: A" line',
        });
      continue;
    }
    if (!answer) {
      skipped.push({ ...at(first), rule: 'aiken-syntax', message: 'no "ANSWER: X" line after the options' });
      continue;
    }
    const key = options.findIndex((o) => o.letter === answer.letter);
    if (key < 0) {
      skipped.push({
        ...at(answer.line),
        rule: 'aiken-syntax',
        message: `ANSWER: ${answer.letter} names no option`,
      });
      continue;
    }
    questions.push({
      at: at(first),
      type: 'single',
      prompt: stem.join('\n'),
      options: options.map((o) => ({ text: o.text })),
      keys: [key],
      references: [],
      category: [],
    });
  }
  return { questions, skipped };
}

/**
 * Text on one line: a soft-wrapped paragraph is joined with spaces (Markdown shows it so); several paragraphs or a
 * code block cannot be put on one line.
 */
function oneLine(text: string): string | undefined {
  const t = text.trim();
  if (/\n\s*\n|```|~~~/.test(t)) return undefined;
  return t.replace(/[ \t]*\n[ \t]*/g, ' ');
}

/** Aiken holds single-choice questions whose prompt and options are each one line; the rest is listed as skipped. */
export function writeAiken(bank: { questions: Question[] }): Written {
  const out: string[] = [];
  const skipped: Unwritable[] = [];
  let written = 0;
  bank.questions.forEach((q, index) => {
    const skip = (rule: string, message: string): void => {
      skipped.push({ index, id: q.id, rule, message });
    };
    if (q.type !== 'single')
      return skip('unwritable-type', `Aiken holds single-choice questions only; this one is ${q.type}`);
    const prompt = oneLine(q.prompt);
    const options = q.options.map((o) => oneLine(o.text));
    if (prompt === undefined)
      return skip(
        'unwritable-multiline',
        'Aiken needs the question on one line; this prompt has several (code or paragraphs)',
      );
    if (options.some((o) => o === undefined))
      return skip('unwritable-multiline', 'Aiken needs each option on one line');
    if (q.options.length > 26) return skip('unwritable-options', 'Aiken letters options A to Z');
    const letter = (i: number) => String.fromCharCode(65 + i);
    out.push(
      prompt,
      ...options.map((o, i) => `${letter(i)}. ${o!}`),
      `ANSWER: ${letter(q.options.findIndex((o) => o.id === q.answer[0]))}`,
      '',
    );
    written++;
  });
  return { text: out.join('\n'), skipped, written };
}
