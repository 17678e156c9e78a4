// Checklist Markdown, as public quiz collections write it: "#### Q1. prompt", code fences, "- [x]" / "- [ ]"
// options, then optional explanation and reference links. Read and written.
import type { Question } from '../core/bank-schema.js';
import {
  findImage,
  joinReferences,
  lineStartsOf,
  normalizeNewlines,
  positionAt,
  splitReferences,
  type ImportedQuestion,
  type ParsedQuestions,
  type Skipped,
  type Unwritable,
  type Written,
  unwritableHandsOn,
} from './common.js';

const HEADING = /^#{2,6}\s*Q\s*\d+\s*[.):]\s*(.*)$/i;
const TITLE = /^#{1,3}\s+(.+?)\s*#*\s*$/;
const OPTION = /^(\s*)[-*+]\s+\[( |x|X)\]\s?(.*)$/;
const FENCE = /^\s*(`{3,}|~{3,})/;

interface Section {
  line: number;
  column: number;
  heading: string;
  body: string[];
}

export function parseMarkdown(source: string): ParsedQuestions {
  const text = normalizeNewlines(source);
  const starts = lineStartsOf(text);
  const lines = text.split('\n');
  const sections: Section[] = [];
  let title: string | undefined;
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const f = FENCE.exec(line);
    const inFence = fence !== undefined;
    if (f) fence = inFence ? (line.trim().startsWith(fence!) ? undefined : fence) : f[1];
    if (inFence || f) {
      sections.at(-1)?.body.push(line);
      return;
    }
    const h = HEADING.exec(line);
    if (h) {
      sections.push({ ...positionAt(starts, starts[i]!), heading: h[1]!.trim(), body: [] });
      return;
    }
    const t = TITLE.exec(line);
    if (t && sections.length === 0 && title === undefined) title = t[1]!;
    else sections.at(-1)?.body.push(line);
  });

  const questions: ImportedQuestion[] = [];
  const skipped: Skipped[] = [];
  for (const s of sections) {
    const skip = (offsetLine: number, rule: string, message: string) =>
      skipped.push({ line: s.line + offsetLine, column: 1, rule, message });
    const prompt: string[] = s.heading ? [s.heading] : [];
    const options: { text: string; checked: boolean }[] = [];
    const after: string[] = [];
    let inFence = false;
    let optionIndent = -1;
    for (const line of s.body) {
      const fenceLine = FENCE.test(line);
      const option = inFence ? null : OPTION.exec(line);
      if (option && after.length === 0) {
        options.push({ text: option[3]!.trim(), checked: option[2] !== ' ' });
        optionIndent = option[1]!.length;
      } else if (options.length === 0) prompt.push(line);
      else if (after.length === 0 && line.trim() === '') continue;
      else if (after.length === 0 && line.length - line.trimStart().length > optionIndent) {
        // An indented line continues the option above (code under an option).
        const last = options.at(-1)!;
        last.text = `${last.text}\n${line.slice(optionIndent + 2)}`;
      } else after.push(line);
      if (fenceLine) inFence = !inFence;
    }
    const body = prompt.join('\n').trim();
    const image = findImage([body, ...options.map((o) => o.text)].join('\n'));
    if (image >= 0) {
      skip(0, 'unsupported-image', 'the question has an image; banks hold no images');
      continue;
    }
    if (options.length < 2) {
      skip(0, 'markdown-syntax', 'a question needs at least two "- [ ]" / "- [x]" options');
      continue;
    }
    const keys = options.flatMap((o, i) => (o.checked ? [i] : []));
    if (keys.length === 0) {
      skip(0, 'markdown-syntax', 'no option is marked "- [x]"');
      continue;
    }
    const rest = after
      .join('\n')
      .trim()
      .replace(/^(?:\*\*|__)?(?:explanation|answer|correct answer)s?:?(?:\*\*|__)?:?\s*/i, '');
    // A trailing References block first; then lines that are only a link (e.g. "[Reference](https://...)").
    const block = splitReferences(rest);
    const linkOnly = /^\s*(?:[-*]\s*)?(?:\[[^\]]*\]\((https?:\/\/[^\s)]+)\)|<?(https?:\/\/[^\s>]+)>?)\s*$/;
    const lines = block.explanation.split('\n');
    const linked = lines.flatMap((l) => {
      const m = linkOnly.exec(l);
      return m ? [m[1] ?? m[2]!] : [];
    });
    const explanation = lines
      .filter((l) => !linkOnly.test(l))
      .join('\n')
      .trim();
    const references = [...new Set([...block.references, ...linked])];
    const texts = options.map((o) => o.text.trim());
    const trueFalse =
      texts.length === 2 && texts.map((t) => t.toLowerCase()).join(',') === 'true,false' && keys.length === 1;
    questions.push({
      at: { line: s.line, column: s.column },
      type: trueFalse ? 'true-false' : keys.length === 1 ? 'single' : 'multiple',
      prompt: body,
      options: trueFalse ? [] : texts.map((t) => ({ text: t })),
      keys: trueFalse ? [] : keys,
      ...(trueFalse ? { truth: keys[0] === 0 } : {}),
      ...(explanation ? { explanation } : {}),
      references,
      category: [],
    });
  }
  return { questions, skipped, ...(title ? { title } : {}) };
}

export function writeMarkdown(bank: { title: string; questions: Question[] }): Written {
  const out = [`## ${bank.title}`, ''];
  const skipped: Unwritable[] = [];
  let written = 0;
  bank.questions.forEach((q, index) => {
    const handsOn = unwritableHandsOn(q.type);
    if (q.type === 'text' || handsOn) {
      skipped.push({
        index,
        id: q.id,
        rule: 'unwritable-type',
        message: handsOn ?? 'checklist Markdown has no text-answer questions',
      });
      return;
    }
    const [first = '', ...more] = q.prompt.trim().split('\n');
    const inHeading = !FENCE.test(first);
    written++;
    out.push(`#### Q${written}. ${inHeading ? first : ''}`.trimEnd(), '');
    const rest = (inHeading ? more : [first, ...more]).join('\n').trim();
    if (rest) out.push(rest, '');
    for (const o of q.options)
      out.push(`- [${q.answer.includes(o.id) ? 'x' : ' '}] ${o.text.trim().replace(/\n/g, '\n  ')}`);
    out.push('', `**Explanation:** ${joinReferences(q.explanation.trim(), q.references)}`, '');
  });
  return { text: out.join('\n'), skipped, written };
}
