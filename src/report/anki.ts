// Anki notes as a tab-separated text file with file headers (Anki 2.1.55+ text import), HTML allowed in fields.
import { codeLines, type Question } from '../core/bank-schema.js';
import { describeKey } from '../core/describe-answer.js';
import { sanitizeText, splitPrompt } from '../core/sanitize.js';

export const ANKI_HEADERS = ['#separator:tab', '#html:true', '#columns:Front\tBack\tTags', '#tags column:3'];

/**
 * Bank text is plain text, while Anki reads every field as HTML: escape it. One note is one line and fields are split
 * on tabs, so a line break becomes <br> and a tab an entity; with `"` escaped too, no field starts with the quote
 * that would make Anki read it as a quoted, multi-line field.
 */
export function ankiText(text: string): string {
  return sanitizeText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '<br>');
}

function promptHtml(prompt: string): string {
  return splitPrompt(prompt)
    .map((s) =>
      s.kind === 'code' ? `<pre><code>${ankiText(s.text)}</code></pre>` : `<div>${ankiText(s.text)}</div>`,
    )
    .join('');
}

const pre = (text: string) => `<pre><code>${ankiText(text)}</code></pre>`;

/** The code of a lines question with its line numbers, as the quiz shows it: the key names lines by number. */
function numberedCode(code: string): string {
  const lines = codeLines(code);
  const width = String(lines.length).length;
  return pre(lines.map((line, i) => `${String(i + 1).padStart(width)}  ${line}`).join('\n'));
}

/** What the card asks: the prompt, then what the quiz shows with it (options, steps, code, tables). */
function front(question: Question): string {
  const list = (texts: string[]) => `<ul>${texts.map((t) => `<li>${ankiText(t)}</li>`).join('')}</ul>`;
  const hint = (text: string) => `<div><i>${text}</i></div>`;
  const prompt = promptHtml(question.prompt);
  switch (question.type) {
    case 'text':
      return prompt + hint('Type the answer.');
    case 'multiple':
      return prompt + hint('Select all that apply.') + list(question.options.map((o) => o.text));
    case 'single':
    case 'true-false':
      return prompt + list(question.options.map((o) => o.text));
    case 'order':
      // Sorted by text: the bank may list the steps in their right order, which would give the answer away.
      return (
        prompt +
        hint('Put the steps in order.') +
        list(question.options.map((o) => o.text).sort((a, b) => a.localeCompare(b)))
      );
    case 'lines':
      return prompt + hint('Name the faulty line numbers.') + numberedCode(question.code?.text ?? '');
    case 'sql':
      return prompt + hint('Write the query.') + pre(question.sql?.schema ?? '');
  }
}

function back(question: Question): string {
  // A query keeps its lines; every other key is one line.
  const key =
    question.type === 'sql'
      ? pre(question.sql?.reference ?? question.answer[0] ?? '')
      : `<div><b>${ankiText(describeKey(question))}</b></div>`;
  const references = question.references
    .map((r) => `<li><a href="${ankiText(r)}">${ankiText(r)}</a></li>`)
    .join('');
  return `${key}<div>${ankiText(question.explanation)}</div><ul>${references}</ul>`;
}

/** Anki tags: space-separated, `::` for hierarchy (domain::subtopic). */
function tags(question: Question): string {
  return ['backend-quiz', question.domain, ...question.tags.map((t) => `${question.domain}::${t}`)].join(' ');
}

/** The whole file: headers, then one note per question (front, back, tags). */
export function ankiNotes(questions: readonly Question[]): string {
  const lines = questions.map((q) => [front(q), back(q), tags(q)].join('\t'));
  return `${[...ANKI_HEADERS, ...lines].join('\n')}\n`;
}
