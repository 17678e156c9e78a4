// Moodle XML: read into imported questions and write from a bank. Parsing uses fast-xml-parser with no DTD and no
// entity expansion: a DOCTYPE (external DTD, internal entities, billion laughs) or an undeclared entity is refused
// with its position before the parser sees the file.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Question } from '../core/bank-schema.js';
import {
  DIFFICULTY_TAG,
  decodeHtmlEntities,
  htmlToMarkdown,
  lineStartsOf,
  markdownToHtml,
  normalizeNewlines,
  positionAt,
  splitReferences,
  type ImportedQuestion,
  type ParsedQuestions,
  type Skipped,
  type SourcePosition,
  type Unwritable,
  type Written,
  unwritableHandsOn,
} from './common.js';
import { categoryPath } from './gift.js';

/** The whole file cannot be read: one located problem. */
export class XmlInputError extends Error {
  override name = 'XmlInputError';
  constructor(
    readonly at: SourcePosition,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** Comments, CDATA sections and processing instructions blanked to spaces (newlines kept): markup scans skip them. */
function maskOpaque(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text.replace(/<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)/g, blank);
}

const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Refuses what could expand or fetch: any DOCTYPE, and any entity reference XML does not predefine. */
function checkHostile(masked: string, at: (offset: number) => SourcePosition): void {
  const doctype = /<!DOCTYPE/i.exec(masked);
  if (doctype)
    throw new XmlInputError(
      at(doctype.index),
      'xml-doctype',
      'a DOCTYPE is not accepted: Moodle XML needs no DTD, and DTDs can fetch files or expand entities without bound',
    );
  const entity = /<!ENTITY/i.exec(masked);
  if (entity) throw new XmlInputError(at(entity.index), 'xml-entity', 'entity declarations are not accepted');
  const refs = /&([^;\s&<]*);?/g;
  for (let m = refs.exec(masked); m !== null; m = refs.exec(masked)) {
    const name = m[1]!;
    if (!m[0].endsWith(';') || !(PREDEFINED.has(name) || /^#(x[0-9a-fA-F]+|[0-9]+)$/.test(name)))
      throw new XmlInputError(
        at(m.index),
        'xml-entity',
        `entity reference "${m[0]}" is not one of XML's own (&amp; &lt; &gt; &quot; &apos; &#n;); entities are not expanded`,
      );
  }
}

type Node = Record<string, unknown>;

function asArray(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.map((v) => (typeof v === 'object' && v !== null ? (v as Node) : { '#text': v }));
}

/** A scalar as text (the parser keeps every value a string); anything else is no text. */
function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

/** The text of an element: its character data (entities decoded) and CDATA (kept as written). */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node !== 'object') return decodeXml(scalar(node));
  const n = node as Node;
  let out = '';
  out += decodeXml(scalar(n['#text']));
  for (const c of asArray(n['#cdata'])) out += scalar(c['#text']);
  return out;
}

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_m, ref: string) => {
    switch (ref) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    return decodeHtmlEntities(`&${ref};`);
  });
}

/** <questiontext format="html"><text>..</text></questiontext> -> Markdown; plain formats keep their text. */
function richText(node: unknown): { markdown: string; raw: string } {
  const n = asArray(node)[0];
  if (!n) return { markdown: '', raw: '' };
  const raw = textOf(n.text);
  const format = typeof n.format === 'string' ? n.format : 'html';
  return { markdown: format === 'html' ? htmlToMarkdown(raw) : raw.trim(), raw };
}

function feedbackText(node: unknown): { explanation: string; references: string[] } {
  const { markdown } = richText(node);
  return splitReferences(markdown);
}

const SUPPORTED = new Set(['multichoice', 'truefalse', 'shortanswer']);

function parseQuestion(
  q: Node,
  at: SourcePosition,
  category: string[],
): { question?: ImportedQuestion; skipped?: Skipped } {
  const type = scalar(q.type);
  const skip = (rule: string, message: string) => ({ skipped: { ...at, rule, message } });
  if (!SUPPORTED.has(type)) {
    const what: Record<string, string> = {
      matching: 'matching questions',
      numerical: 'numerical answers and ranges',
      cloze: 'embedded-answer (cloze) questions',
      essay: 'essay questions (no key to grade by)',
      description: 'descriptions (not questions)',
      calculated: 'calculated questions',
      calculatedsimple: 'calculated questions',
      calculatedmulti: 'calculated questions',
      ddwtos: 'drag-and-drop questions',
      ddimageortext: 'drag-and-drop questions',
      ddmarker: 'drag-and-drop questions',
      gapselect: 'select-missing-word questions',
      randomsamatch: 'random matching questions',
      random: 'random questions',
    };
    return skip(
      `unsupported-${type || 'type'}`,
      `${what[type] ?? `questions of type "${type}"`} cannot be represented`,
    );
  }
  const name = textOf(asArray(q.name)[0]?.text).trim();
  const questionText = richText(q.questiontext);
  if (/<img\b/i.test(questionText.raw) || asArray(asArray(q.questiontext)[0]?.file).length > 0)
    return skip('unsupported-image', 'the question has an image; banks hold no images');
  if (questionText.markdown === '') return skip('xml-structure', 'the question has no text');
  const general = feedbackText(q.generalfeedback);
  const tags = asArray(asArray(q.tags)[0]?.tag)
    .map((t) => textOf(t.text).trim())
    .filter((t) => t !== '');
  const difficulty = tags.map((t) => DIFFICULTY_TAG.exec(t)?.[1]).find((d) => d !== undefined);
  const answers = asArray(q.answer).map((a) => ({
    fraction: Number(a.fraction ?? 0),
    text: richText(a),
    feedback: richText(a.feedback).markdown,
  }));
  const extra: string[] = [];
  const references = [...general.references];
  const base = {
    at,
    ...(name ? { name } : {}),
    prompt: questionText.markdown,
    category,
    ...(difficulty ? { difficulty: difficulty as ImportedQuestion['difficulty'] } : {}),
    tags: tags.filter((t) => !DIFFICULTY_TAG.test(t)),
  };
  const finish = (
    question: Omit<ImportedQuestion, 'explanation' | 'references'>,
  ): { question: ImportedQuestion } => {
    const explanation = [general.explanation, ...extra].filter((t) => t !== '').join('\n\n');
    return {
      question: {
        ...question,
        ...(explanation ? { explanation } : {}),
        references: [...new Set(references)],
      },
    };
  };
  const bad = answers.find((a) => !Number.isFinite(a.fraction));
  if (bad) return skip('xml-structure', 'an answer has a fraction that is not a number');
  if (answers.some((a) => /<img\b/i.test(a.text.raw)))
    return skip('unsupported-image', 'an answer has an image; banks hold no images');

  if (type === 'truefalse') {
    const right = answers.find((a) => a.fraction === 100);
    const truth = right?.text.markdown.trim().toLowerCase();
    if (truth !== 'true' && truth !== 'false')
      return skip('xml-structure', 'a true/false question needs an answer "true" or "false" worth 100%');
    for (const a of answers) if (a.feedback) extra.push(`"${a.text.markdown}": ${a.feedback}`);
    return finish({ ...base, type: 'true-false', options: [], keys: [], truth: truth === 'true' });
  }
  for (const a of answers) if (a.feedback) extra.push(`"${a.text.markdown}": ${a.feedback}`);
  if (answers.length === 0 || answers.some((a) => a.text.markdown === ''))
    return skip('xml-structure', 'every answer needs text');

  if (type === 'shortanswer') {
    const partial = answers.find((a) => a.fraction > 0 && a.fraction < 100);
    if (partial)
      return skip(
        'unsupported-partial-credit',
        `an answer worth ${partial.fraction}% is partial credit; a text answer is right or wrong`,
      );
    const accepted = answers.filter((a) => a.fraction === 100).map((a) => a.text.markdown);
    if (accepted.length === 0) return skip('xml-structure', 'no answer is worth 100%');
    if (accepted.some((t) => /(?<!\\)\*/.test(t)))
      return skip('unsupported-wildcard', 'a * wildcard in a short answer cannot be represented');
    return finish({
      ...base,
      type: 'text',
      options: [],
      keys: [],
      accepted: accepted.map((t) => t.replace(/\\\*/g, '*')),
    });
  }

  const singleFlag = textOf(q.single).trim();
  const single = singleFlag !== 'false' && singleFlag !== '0';
  const options = answers.map((a) => ({
    text: a.text.markdown,
    ...(a.feedback ? { feedback: a.feedback } : {}),
  }));
  const keys = answers.flatMap((a, i) => (a.fraction > 0 ? [i] : []));
  if (keys.length === 0) return skip('xml-structure', 'no answer carries any credit');
  if (single) {
    const partial = answers.find((a) => a.fraction !== 0 && a.fraction !== 100);
    if (partial || keys.length !== 1)
      return skip(
        'unsupported-partial-credit',
        `answers worth ${answers.map((a) => `${a.fraction}%`).join(', ')}: partial credit cannot be represented; one answer at 100% and the others at 0%`,
      );
    return finish({ ...base, type: 'single', options, keys });
  }
  const share = 100 / keys.length;
  const sum = keys.reduce((s, i) => s + answers[i]!.fraction, 0);
  if (
    keys.some((i) => Math.abs(answers[i]!.fraction - share) > 0.01) ||
    Math.abs(sum - 100) > 0.01 * keys.length + 0.01
  )
    return skip(
      'unsupported-partial-credit',
      `weighted partial credit (${keys.map((i) => `${answers[i]!.fraction}%`).join(', ')}) cannot be represented; right answers must share 100% equally`,
    );
  return finish({ ...base, type: 'multiple', options, keys });
}

export function parseMoodleXml(source: string): ParsedQuestions {
  const text = normalizeNewlines(source);
  const starts = lineStartsOf(text);
  const at = (offset: number) => positionAt(starts, offset);
  const masked = maskOpaque(text);
  checkHostile(masked, at);
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new XmlInputError({ line: valid.err.line, column: valid.err.col }, 'xml-syntax', valid.err.msg);

  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    cdataPropName: '#cdata',
    isArray: (name) => ['question', 'answer', 'tag', '#cdata', 'file'].includes(name),
  });
  const doc = parser.parse(text) as Node;
  const quiz = asArray(doc.quiz)[0];
  if (!quiz)
    throw new XmlInputError(at(0), 'xml-structure', 'not Moodle XML: the root element must be <quiz>');
  // Each <question> element's position, in document order, from the masked text.
  const positions: SourcePosition[] = [];
  const tag = /<question\b/g;
  for (let m = tag.exec(masked); m !== null; m = tag.exec(masked)) positions.push(at(m.index));

  const questions: ImportedQuestion[] = [];
  const skipped: Skipped[] = [];
  let category: string[] = [];
  asArray(quiz.question).forEach((q, i) => {
    const where = positions[i] ?? { line: 1, column: 1 };
    if (q.type === 'category') {
      category = categoryPath(textOf(asArray(q.category)[0]?.text));
      return;
    }
    const result = parseQuestion(q, where, category);
    if (result.question) questions.push(result.question);
    if (result.skipped) skipped.push(result.skipped);
  });
  return { questions, skipped };
}

/** CDATA that survives any text, including "]]>" (split across two sections). */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface XmlBank {
  domain: string;
  questions: Question[];
}

function feedbackHtml(q: Question): string {
  const explanation = markdownToHtml(q.explanation.trim());
  if (q.references.length === 0) return explanation;
  const links = q.references.map((r) => `<li><a href="${escapeXml(r)}">${escapeXml(r)}</a></li>`).join('');
  return `${explanation}\n<p>References:</p>\n<ul>${links}</ul>`;
}

function answerXml(fraction: number | string, html: string, format = 'html'): string {
  return `    <answer fraction="${fraction}" format="${format}">\n      <text>${cdata(html)}</text>\n      <feedback format="html"><text></text></feedback>\n    </answer>`;
}

/** Option text is one line of the bank's Markdown: inline code kept, the rest escaped; no <p> wrapper. */
function inlineHtml(text: string): string {
  return markdownToHtml(text).replace(/^<p>([\s\S]*)<\/p>$/, '$1');
}

export function writeMoodleXml(bank: XmlBank): Written {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  const skipped: Unwritable[] = [];
  let category = '';
  let written = 0;
  bank.questions.forEach((q, index) => {
    const handsOn = unwritableHandsOn(q.type);
    if (handsOn) {
      skipped.push({ index, id: q.id, rule: 'unwritable-type', message: handsOn });
      return;
    }
    const cat = `$course$/top/${bank.domain}/${q.tags[0] ?? 'general'}`;
    if (cat !== category) {
      out.push(
        `  <question type="category">\n    <category><text>${escapeXml(cat)}</text></category>\n  </question>`,
      );
      category = cat;
    }
    const body: string[] = [];
    let type: string;
    switch (q.type) {
      case 'single':
      case 'multiple': {
        type = 'multichoice';
        const share = Number((100 / q.answer.length).toFixed(5));
        body.push(
          `    <single>${q.type === 'single'}</single>`,
          '    <shuffleanswers>true</shuffleanswers>',
          '    <answernumbering>abc</answernumbering>',
        );
        for (const o of q.options)
          body.push(
            answerXml(q.answer.includes(o.id) ? share : q.type === 'single' ? 0 : -100, inlineHtml(o.text)),
          );
        break;
      }
      case 'true-false':
        type = 'truefalse';
        body.push(answerXml(q.answer[0] === 'true' ? 100 : 0, 'true', 'moodle_auto_format'));
        body.push(answerXml(q.answer[0] === 'false' ? 100 : 0, 'false', 'moodle_auto_format'));
        break;
      case 'text':
        type = 'shortanswer';
        body.push('    <usecase>0</usecase>');
        // In Moodle short answers * is a wildcard; \* matches an asterisk.
        for (const a of q.answer) body.push(answerXml(100, a.replace(/\*/g, '\\*'), 'moodle_auto_format'));
        break;
      default:
        return;
    }
    out.push(
      `  <question type="${type}">`,
      `    <name><text>${escapeXml(q.id)}</text></name>`,
      `    <questiontext format="html">\n      <text>${cdata(markdownToHtml(q.prompt.trim()))}</text>\n    </questiontext>`,
      `    <generalfeedback format="html">\n      <text>${cdata(feedbackHtml(q))}</text>\n    </generalfeedback>`,
      '    <defaultgrade>1</defaultgrade>',
      `    <penalty>${q.type === 'true-false' ? 1 : 0.3333333}</penalty>`,
      '    <hidden>0</hidden>',
      ...body,
      `    <tags>\n${[...q.tags, `difficulty:${q.difficulty}`].map((t) => `      <tag><text>${escapeXml(t)}</text></tag>`).join('\n')}\n    </tags>`,
      '  </question>',
    );
    written++;
  });
  out.push('</quiz>', '');
  return { text: out.join('\n'), skipped, written };
}
