// GIFT (Moodle's text format): read into imported questions and write from a bank, with Moodle's escaping.
// Reading follows Moodle's own importer: blank lines separate questions, // starts a comment line, \ escapes
// ~ = # { } : and \\, \n is a line break, $CATEGORY: sets the category of the questions after it.
import type { Question } from '../core/bank-schema.js';
import {
  htmlToMarkdown,
  findImage,
  joinReferences,
  lineStartsOf,
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

const ESCAPABLE = '\\~=#{}:n';
/** An escaped character becomes two private-use characters, so offsets into the text stay valid for positions. */
const MARK = '\uE000';
const SPECIAL = (c: string) => String.fromCharCode(0xe100 + ESCAPABLE.indexOf(c));

function protect(text: string): string {
  return text.replace(/\\([\\~=#{}:n])/g, (_m, c: string) => MARK + SPECIAL(c));
}

/** Protected text back to plain text: escapes become their characters, \n a line break. */
function restore(text: string): string {
  return text.replace(/\uE000([\uE100-\uE1FF])/g, (_m, c: string) => {
    const ch = ESCAPABLE[c.charCodeAt(0) - 0xe100]!;
    return ch === 'n' ? '\n' : ch;
  });
}

type TextFormat = 'moodle' | 'markdown' | 'html' | 'plain';

/** Strips a leading [format] tag; html is converted to the bank's Markdown. */
function formatted(text: string, inherited: TextFormat): { text: string; format: TextFormat } {
  const m = /^\s*\[(moodle|markdown|html|plain)\]/.exec(text);
  const format = (m?.[1] as TextFormat | undefined) ?? inherited;
  const body = restore(m ? text.slice(m[0].length) : text).trim();
  return { text: format === 'html' ? htmlToMarkdown(body) : body, format };
}

interface Block {
  /** Offset of the block's first character in the whole (normalized) file. */
  start: number;
  text: string;
}

/** Questions are separated by blank lines; comment lines are blanked out (kept as spaces so offsets hold). */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let current: { start: number; lines: string[] } | undefined;
  const close = () => {
    if (current) {
      const body = current.lines.join('\n').replace(/\s+$/, '');
      if (body.trim() !== '') blocks.push({ start: current.start, text: body });
    }
    current = undefined;
  };
  for (const line of lines) {
    if (line.trim() === '') close();
    else if (/^\s*\/\//.test(line)) {
      if (current) current.lines.push(' '.repeat(line.length));
    } else {
      current ??= { start: offset, lines: [] };
      current.lines.push(line);
    }
    offset += line.length + 1;
  }
  close();
  return blocks;
}

/** The category path below Moodle's root: "$course$/top/Databases/Indexes" -> ["Databases", "Indexes"]. */
export function categoryPath(raw: string): string[] {
  return raw
    .split('/')
    .map((s) => s.trim())
    .filter((s, i) => s !== '' && !(i === 0 && /^\$\w+\$$/.test(s)))
    .filter((s, i) => !(i === 0 && s === 'top'))
    .filter((s) => !/^Default for /i.test(s));
}

interface Answer {
  /** Offset of the answer's marker (= or ~) in the protected block text. */
  at: number;
  correct: boolean;
  weight: number | null;
  text: string;
  feedback?: string;
}

function splitAnswers(body: string, bodyStart: number): Answer[] {
  const answers: Answer[] = [];
  const marker = /[=~]/g;
  const starts: number[] = [];
  for (let m = marker.exec(body); m !== null; m = marker.exec(body)) starts.push(m.index);
  starts.forEach((s, i) => {
    const raw = body.slice(s + 1, starts[i + 1] ?? body.length);
    const weight = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(raw);
    const rest = weight ? raw.slice(weight[0].length) : raw;
    const hash = rest.indexOf('#');
    answers.push({
      at: bodyStart + s,
      correct: body[s] === '=',
      weight: weight ? Number(weight[1]) : null,
      text: hash < 0 ? rest : rest.slice(0, hash),
      ...(hash < 0 ? {} : { feedback: rest.slice(hash + 1) }),
    });
  });
  return answers;
}

/** One block: a question, a category change, or a located reason why it cannot be imported. */
function parseBlock(
  block: Block,
  at: (offset: number) => SourcePosition,
  category: string[],
): { question?: ImportedQuestion; category?: string[]; skipped?: Skipped } {
  const text = protect(block.text);
  const lead = text.length - text.trimStart().length;
  const start = at(block.start + lead);
  const skip = (offset: number, rule: string, message: string) => ({
    skipped: { ...at(block.start + offset), rule, message },
  });

  const cat = /^\s*\$CATEGORY:\s*(.*)$/m.exec(text);
  if (cat && text.trimStart().startsWith('$CATEGORY:')) {
    const category = categoryPath(restore(cat[1]!));
    // Moodle reads the whole block as the category: a question needs a blank line before it.
    const more = text.indexOf('\n', lead);
    if (more >= 0 && text.slice(more).trim() !== '')
      return {
        category,
        ...skip(
          more + 1 + (text.slice(more + 1).length - text.slice(more + 1).trimStart().length),
          'gift-syntax',
          'text right after a $CATEGORY line, with no blank line between, is not a question',
        ),
      };
    return { category };
  }

  let rest = text.trimStart();
  let offset = lead;
  let name: string | undefined;
  const title = /^::([\s\S]*?)::/.exec(rest);
  if (title) {
    name = restore(title[1]!).trim();
    rest = rest.slice(title[0].length);
    offset += title[0].length;
  }
  const open = rest.indexOf('{');
  if (open < 0)
    return skip(offset, 'gift-description', 'no answer block {...}: a description, not a question');
  const close = rest.indexOf('}', open);
  if (close < 0) return skip(offset + open, 'gift-syntax', 'the answer block { is never closed with }');
  const before = rest.slice(0, open);
  const after = rest.slice(close + 1);
  const body = rest.slice(open + 1, close);
  const bodyStart = offset + open + 1;

  const stemFormat = formatted(before, 'moodle');
  // Answers in the middle of the text are Moodle's "missing word" form: it shows a blank there.
  const prompt = after.trim() === '' ? stemFormat.text : formatted(`${before}_____${after}`, 'moodle').text;
  const image = findImage(restore(before + after));
  if (image >= 0) return skip(offset, 'unsupported-image', 'the question has an image; banks hold no images');
  if (prompt === '') return skip(offset, 'gift-syntax', 'the question has no text');

  // General feedback: "####" inside the answer block.
  const general = body.lastIndexOf('####');
  const answersPart = general < 0 ? body : body.slice(0, general);
  const generalText = general < 0 ? '' : formatted(body.slice(general + 4), stemFormat.format).text;
  const trimmed = answersPart.trim();
  const base = {
    at: start,
    ...(name ? { name } : {}),
    prompt,
    category,
  };
  const withFeedback = (extra: string[]) => {
    const { explanation, references } = splitReferences(
      [generalText, ...extra].filter((t) => t !== '').join('\n\n'),
    );
    return { ...(explanation ? { explanation } : {}), references };
  };

  if (trimmed === '')
    return skip(
      offset + open,
      'unsupported-essay',
      'an essay question (empty answer block) has no key to grade by',
    );
  if (trimmed.startsWith('#'))
    return skip(
      bodyStart + answersPart.indexOf('#'),
      'unsupported-numerical',
      'numerical answers and ranges cannot be represented',
    );

  const tf = /^(T|F|TRUE|FALSE)\s*(?:#([^#]*))?(?:#([^#]*))?$/.exec(trimmed);
  if (tf) {
    const feedback = [tf[2], tf[3]].map((f) => (f === undefined ? '' : formatted(f, stemFormat.format).text));
    const extra = feedback.filter((f) => f !== '');
    return {
      question: {
        ...base,
        type: 'true-false',
        options: [],
        keys: [],
        truth: tf[1]!.startsWith('T'),
        ...withFeedback(extra),
      },
    };
  }

  // Moodle's order: a ~ makes it multiple choice; else = with -> is matching; else true/false or short answer.
  const answers = splitAnswers(answersPart, bodyStart);
  if (answers.length === 0) return skip(bodyStart, 'gift-syntax', 'the answer block has no = or ~ answers');
  const multichoice = answersPart.includes('~');
  const matching = answers.find((a) => a.text.includes('->'));
  if (!multichoice && matching)
    return skip(matching.at, 'unsupported-matching', 'matching questions cannot be represented');
  const texts = answers.map((a) => formatted(a.text, stemFormat.format).text);
  const emptyAt = texts.findIndex((t) => t === '');
  if (emptyAt >= 0) return skip(answers[emptyAt]!.at, 'gift-syntax', 'an answer has no text');
  const optionFeedback = answers.map((a) =>
    a.feedback === undefined ? '' : formatted(a.feedback, stemFormat.format).text,
  );

  if (!multichoice) {
    // Short answer: every = is an accepted answer; a weight below 100% is partial credit.
    const partial = answers.find((a) => a.weight !== null && a.weight !== 100);
    if (partial)
      return skip(
        partial.at,
        'unsupported-partial-credit',
        `an answer worth ${partial.weight}% is partial credit; a text answer is right or wrong`,
      );
    const wildcard = texts.findIndex((t) => t.includes('*'));
    if (wildcard >= 0)
      return skip(
        answers[wildcard]!.at,
        'unsupported-wildcard',
        'a * wildcard in a short answer cannot be represented',
      );
    const extra = optionFeedback.flatMap((f, i) => (f === '' ? [] : [`"${texts[i]!}": ${f}`]));
    return {
      question: { ...base, type: 'text', options: [], keys: [], accepted: texts, ...withFeedback(extra) },
    };
  }

  const extra = optionFeedback.flatMap((f, i) => (f === '' ? [] : [`"${texts[i]!}": ${f}`]));
  const options = texts.map((t, i) => ({
    text: t,
    ...(optionFeedback[i] ? { feedback: optionFeedback[i] } : {}),
  }));
  // As in Moodle, an "=" makes a one-answer question; without one, several answers may be ticked.
  const single = answers.some((a) => a.correct);
  const weighted = answers.filter((a) => a.weight !== null);
  if (single && weighted.length === 0) {
    const keys = answers.flatMap((a, i) => (a.correct ? [i] : []));
    if (keys.length !== 1)
      return skip(
        answers[keys[1]!]!.at,
        'gift-syntax',
        `a multiple-choice question with ${keys.length} "=" answers: write one, or use %weights% for several`,
      );
    return { question: { ...base, type: 'single', options, keys, ...withFeedback(extra) } };
  }
  // Weights: several right answers sharing 100% equally, wrong ones at 0% or below, is a multiple-answer question;
  // anything else gives partial credit that an all-or-nothing question cannot hold.
  const credit = answers.map((a) => a.weight ?? (a.correct ? 100 : 0));
  const keys = credit.flatMap((w, i) => (w > 0 ? [i] : []));
  const sum = keys.reduce((s, i) => s + credit[i]!, 0);
  const equal = keys.every((i) => Math.abs(credit[i]! - credit[keys[0]!]!) < 0.01);
  if (keys.length === 0) return skip(bodyStart, 'gift-syntax', 'no answer carries any credit');
  if (!equal || Math.abs(sum - 100) > 0.01 * keys.length + 0.01) {
    const odd = keys.find((i) => Math.abs(credit[i]! - 100 / keys.length) > 0.01) ?? keys[0]!;
    return skip(
      answers[odd]!.at,
      'unsupported-partial-credit',
      `weighted partial credit (${keys.map((i) => `${credit[i]!}%`).join(', ')}) cannot be represented; right answers must share 100% equally`,
    );
  }
  if (single && keys.length > 1)
    return skip(
      answers[keys[1]!]!.at,
      'unsupported-partial-credit',
      'an "=" answer next to other answers with credit is partial credit',
    );
  return {
    question: { ...base, type: single ? 'single' : 'multiple', options, keys, ...withFeedback(extra) },
  };
}

export function parseGift(source: string): ParsedQuestions {
  const text = normalizeNewlines(source);
  const starts = lineStartsOf(text);
  const at = (offset: number) => positionAt(starts, offset);
  const questions: ImportedQuestion[] = [];
  const skipped: Skipped[] = [];
  let category: string[] = [];
  for (const block of blocksOf(text)) {
    const result = parseBlock(block, at, category);
    if (result.category) category = result.category;
    if (result.question) questions.push(result.question);
    if (result.skipped) skipped.push(result.skipped);
  }
  return { questions, skipped };
}

/** Moodle's GIFT escaping: \ ~ = # { } : are escaped with a backslash, line breaks written as \n. */
export function escapeGift(text: string): string {
  return text
    .replace(/[\\~=#{}:]/g, (c) => `\\${c}`)
    .replace(/\r/g, '')
    .replace(/\n/g, '\\n');
}

export interface GiftBank {
  domain: string;
  questions: Question[];
}

export function writeGift(bank: GiftBank): Written {
  const out: string[] = [];
  const skipped: Unwritable[] = [];
  let category = '';
  let written = 0;
  bank.questions.forEach((q, index) => {
    const cat = `$course$/top/${bank.domain}/${q.tags[0] ?? 'general'}`;
    if (cat !== category) {
      out.push(`$CATEGORY: ${cat}`, '');
      category = cat;
    }
    const answers: string[] = [];
    const unwritable = (rule: string, message: string): void => {
      skipped.push({ index, id: q.id, rule, message });
    };
    const handsOn = unwritableHandsOn(q.type);
    if (handsOn) return unwritable('unwritable-type', handsOn);
    // % and -> cannot be escaped in GIFT: a leading %n% reads as a weight, -> in a short answer as matching.
    if (q.options.some((o) => /^\s*%-?[\d.]*%/.test(o.text)))
      return unwritable('unwritable-percent', 'an option starts with %n%, which GIFT reads as a weight');
    if (q.type === 'text' && q.answer.some((a) => a.includes('->') || /^\s*%-?[\d.]*%/.test(a)))
      return unwritable(
        'unwritable-arrow',
        'an accepted answer has -> or starts with %n%, which GIFT reads as matching or a weight',
      );
    switch (q.type) {
      case 'single':
        for (const o of q.options)
          answers.push(`${q.answer.includes(o.id) ? '=' : '~'}${escapeGift(o.text)}`);
        break;
      case 'multiple': {
        const share = Number((100 / q.answer.length).toFixed(5));
        for (const o of q.options)
          answers.push(
            q.answer.includes(o.id) ? `~%${share}%${escapeGift(o.text)}` : `~%-100%${escapeGift(o.text)}`,
          );
        break;
      }
      case 'true-false':
        answers.push(q.answer[0] === 'true' ? 'TRUE' : 'FALSE');
        break;
      case 'text':
        if (q.answer.some((a) => a.includes('*')))
          return unwritable(
            'unwritable-wildcard',
            'an accepted answer has *, a wildcard in Moodle short answers',
          );
        for (const a of q.answer) answers.push(`=${escapeGift(a)}`);
        break;
    }
    out.push(
      `// ${q.type}, ${q.difficulty}; tags: ${q.tags.join(', ')}`,
      `::${escapeGift(q.id)}::[markdown]${escapeGift(q.prompt.trim())}{`,
      ...answers.map((a) => `\t${a}`),
      `\t####${escapeGift(joinReferences(q.explanation.trim(), q.references))}`,
      '}',
      '',
    );
    written++;
  });
  return { text: out.join('\n'), skipped, written };
}
