// Anki notes as a tab-separated text file with file headers (Anki 2.1.55+ text import), HTML allowed in fields.
import type { Question } from '../core/bank-schema.js';
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

function front(question: Question): string {
  const options =
    question.type === 'text'
      ? ''
      : `<ul>${question.options.map((o) => `<li>${ankiText(o.text)}</li>`).join('')}</ul>`;
  const hint =
    question.type === 'multiple'
      ? '<div><i>Select all that apply.</i></div>'
      : question.type === 'text'
        ? '<div><i>Type the answer.</i></div>'
        : '';
  return promptHtml(question.prompt) + hint + options;
}

function back(question: Question): string {
  const key =
    question.type === 'text'
      ? question.answer.map(ankiText).join(' | ')
      : question.answer
          .map((id) => ankiText(question.options.find((o) => o.id === id)?.text ?? id))
          .join('; ');
  const references = question.references
    .map((r) => `<li><a href="${ankiText(r)}">${ankiText(r)}</a></li>`)
    .join('');
  return `<div><b>${key}</b></div><div>${ankiText(question.explanation)}</div><ul>${references}</ul>`;
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
