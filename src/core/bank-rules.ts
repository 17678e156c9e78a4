// Rules a bank must pass beyond its shape: structural rules (always) and content rules (--strict).
// They speak in paths into the parsed document; src/bank turns paths into file:line:column.
import {
  codeLines,
  MAX_ORDER_STEPS,
  MIN_ORDER_STEPS,
  type QuestionKey,
  type RawQuestion,
} from './bank-schema.js';

export type DocPath = (string | number)[];

export interface PathProblem {
  file: string;
  path: DocPath;
  rule: string;
  message: string;
}

/** A bank as far as it parsed: questions that failed the schema are holes (already reported). */
export interface ParsedBank {
  file: string;
  domain: string;
  subtopics: Record<string, string>;
  questions: (RawQuestion | undefined)[];
  /** For a question that failed the schema: its type, options and key when those parse, so the key is still checked. */
  keys?: (QuestionKey | undefined)[];
  /** Question ids as written, also for questions that failed the schema, so duplicates are always found. */
  ids: (string | undefined)[];
}

/** Share of single-choice questions whose key may be the strictly longest option (item-writing clue). */
export const MAX_LONGEST_KEY_SHARE = 0.35;
/** Share of option questions whose key may sit at any one position in the source (answer-position clue). */
export const MAX_KEY_POSITION_SHARE = 0.4;
/** Below this many option questions a bank cannot spread its keys, so the position rule does not apply. */
export const MIN_KEY_POSITION_QUESTIONS = 5;
export const MIN_EXPLANATION_LENGTH = 80;
/** A sql task lists at least this many typical wrong queries, so its check data is known to tell them apart. */
export const MIN_SQL_MISTAKES = 2;
/** Lines of code a lines question shows: one line is no search, and a long listing is a reading test. */
export const MIN_CODE_LINES = 2;
export const MAX_CODE_LINES = 40;
export const NEAR_DUPLICATE_SIMILARITY = 0.85;

const ABOVE_OPTION = /\b(all|none|both|neither) of (the )?(above|following|these)\b/i;
/**
 * A step text that says where it goes: list numbering ("1.", "2)", "(3)", "Step 4", "5th") or a sequencing word.
 * A bare number is allowed: "200 OK sent" names a status code, not a place in the list.
 */
const ORDER_GIVEAWAY =
  /^\s*(?:step\s*\d+|\(\d+\)|#\d+|\d{1,2}\s*[.):](?!\d)|\d+(?:st|nd|rd|th)\b|(?:first(?:ly)?|then|next|finally|lastly|afterwards|after that)\b)/i;
/** A sql prompt tells the candidate what to return: the word "column(s)" is the cheapest sign it does. */
const SAYS_COLUMNS = /\bcolumns?\b/i;

function keysOf(question: QuestionKey): string[] {
  if (Array.isArray(question.answer)) return question.answer.map(String);
  return [String(question.answer)];
}

/** The fields only one type reads: written on another type they are a mistake, reported rather than ignored. */
const TYPE_FIELDS = {
  code: ['lines'],
  schema: ['sql'],
  sample: ['sql'],
  check: ['sql'],
  reference: ['sql'],
  ordered: ['sql'],
  mistakes: ['sql'],
} as const satisfies Record<string, readonly string[]>;
const SQL_REQUIRED = ['schema', 'sample', 'check', 'reference'] as const;

/** Structural rules of one question: the key must make sense for its type and options. */
function questionProblems(file: string, question: QuestionKey, at: DocPath): PathProblem[] {
  const problems: PathProblem[] = [];
  const add = (path: DocPath, rule: string, message: string) =>
    problems.push({ file, path: [...at, ...path], rule, message });
  const hasOptions = question.type === 'single' || question.type === 'multiple' || question.type === 'order';
  const options = question.options ?? [];

  for (const [field, types] of Object.entries(TYPE_FIELDS))
    if (
      question[field as keyof typeof TYPE_FIELDS] !== undefined &&
      !(types as readonly string[]).includes(question.type)
    )
      add(
        [field],
        'unexpected-field',
        `${field} belongs to ${types.join(', ')} questions, not ${question.type}`,
      );
  if (question.type === 'sql') {
    if (question.answer !== undefined)
      add(
        ['answer'],
        'unexpected-answer',
        'a sql question has no answer field: its reference query is the key',
      );
    for (const field of SQL_REQUIRED)
      if (question[field] === undefined) add(['type'], 'missing-field', `a sql question needs ${field}`);
  } else if (question.answer === undefined)
    add(['type'], 'missing-answer', `a ${question.type} question needs an answer`);
  if (question.type === 'lines' && question.code === undefined)
    add(['type'], 'missing-field', 'a lines question needs code');

  if (hasOptions && !question.options)
    add(['type'], 'missing-options', `a ${question.type} question needs options`);
  if (!hasOptions && question.options)
    add(['options'], 'unexpected-options', `a ${question.type} question has no options; remove them`);

  const seen = new Set<string>();
  options.forEach((option, i) => {
    if (seen.has(option.id))
      add(['options', i, 'id'], 'duplicate-option-id', `option id "${option.id}" is used twice`);
    seen.add(option.id);
  });

  if (question.answer === undefined) return problems;
  if (question.type !== 'lines' && Array.isArray(question.answer))
    question.answer.forEach((key, i) => {
      if (typeof key !== 'string')
        add(['answer', i], 'answer-type', `the key of a ${question.type} question is not a line number`);
    });
  switch (question.type) {
    case 'sql':
      break;
    case 'lines': {
      const lines = question.code === undefined ? 0 : codeLines(question.code).length;
      const keys = Array.isArray(question.answer) ? question.answer : [question.answer];
      if (keys.length === 0) add(['answer'], 'lines-key', 'a lines question needs at least one line number');
      keys.forEach((key, i) => {
        const at = Array.isArray(question.answer) ? ['answer', i] : ['answer'];
        if (typeof key !== 'number' || !Number.isInteger(key))
          add(at, 'answer-type', 'the key of a lines question is a list of line numbers');
        else if (question.code !== undefined && (key < 1 || key > lines))
          add(at, 'unknown-key', `line ${key} is not in the code (lines 1 to ${lines})`);
      });
      if (new Set(keys.map(String)).size !== keys.length)
        add(['answer'], 'duplicate-key', 'the key names the same line twice');
      break;
    }
    case 'order': {
      if (question.options && (options.length < MIN_ORDER_STEPS || options.length > MAX_ORDER_STEPS))
        add(
          ['options'],
          'order-steps',
          `an order question arranges ${MIN_ORDER_STEPS} to ${MAX_ORDER_STEPS} steps; this one has ${options.length}`,
        );
      if (!Array.isArray(question.answer)) {
        add(['answer'], 'answer-type', 'the key of an order question lists every option id in order');
        break;
      }
      const keys = keysOf(question);
      if (new Set(keys).size !== keys.length)
        add(['answer'], 'duplicate-key', 'the key names the same option twice');
      keys.forEach((key, i) => {
        if (question.options && !seen.has(key))
          add(['answer', i], 'unknown-key', `the key "${key}" is not an option id`);
      });
      const missing = options.filter((o) => !keys.includes(o.id)).map((o) => o.id);
      if (missing.length > 0)
        add(['answer'], 'order-key', `the key must place every step; missing ${missing.join(', ')}`);
      break;
    }
    case 'single':
    case 'multiple': {
      if (typeof question.answer === 'boolean') {
        add(
          ['answer'],
          'answer-type',
          `the key of a ${question.type} question names option ids, not true/false`,
        );
        break;
      }
      const keys = keysOf(question);
      if (question.type === 'single' && keys.length !== 1)
        add(
          ['answer'],
          'single-key',
          `a single-choice question has exactly one key; this one has ${keys.length}`,
        );
      if (question.type === 'multiple' && keys.length === 0)
        add(['answer'], 'multiple-key', 'a multiple-choice question needs at least one key');
      if (new Set(keys).size !== keys.length)
        add(['answer'], 'duplicate-key', 'the key names the same option twice');
      keys.forEach((key, i) => {
        if (question.options && !seen.has(key))
          add(
            Array.isArray(question.answer) ? ['answer', i] : ['answer'],
            'unknown-key',
            `the key "${key}" is not an option id`,
          );
      });
      break;
    }
    case 'true-false':
      if (typeof question.answer !== 'boolean')
        add(['answer'], 'answer-type', 'the key of a true-false question is true or false');
      break;
    case 'text': {
      if (typeof question.answer === 'boolean')
        add(['answer'], 'answer-type', 'the key of a text question is a list of accepted answers');
      else if (Array.isArray(question.answer) && question.answer.some((a) => typeof a !== 'string')) break;
      else if (keysOf(question).some((a) => a.trim() === ''))
        add(['answer'], 'empty-answer', 'an accepted answer must not be empty');
      break;
    }
  }
  return problems;
}

/** Structural rules across every bank loaded together: question ids are unique across banks. */
export function structuralProblems(banks: ParsedBank[]): PathProblem[] {
  const problems: PathProblem[] = [];
  const firstSeen = new Map<string, string>();
  const domains = new Map<string, string>();
  for (const { file, domain, questions, ids, keys } of banks) {
    const other = domains.get(domain);
    if (other !== undefined)
      problems.push({
        file,
        path: ['domain'],
        rule: 'duplicate-domain',
        message: `domain "${domain}" is also defined in ${other}`,
      });
    else domains.set(domain, file);
    ids.forEach((id, i) => {
      if (id === undefined) return;
      const where = firstSeen.get(id);
      if (where !== undefined)
        problems.push({
          file,
          path: ['questions', i, 'id'],
          rule: 'duplicate-id',
          message: `question id "${id}" is already used in ${where}`,
        });
      else firstSeen.set(id, file);
    });
    questions.forEach((question, i) => {
      const key = question ?? keys?.[i];
      if (key) problems.push(...questionProblems(file, key, ['questions', i]));
    });
  }
  return problems;
}

function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function words(text: string): Set<string> {
  return new Set(
    normalizeText(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * Every pair (i < j) of word sets, given in ascending size, whose Jaccard similarity is at least `threshold`: the
 * same pairs as comparing all of them, found by prefix filtering (Bayardo et al., "Scaling up all pairs similarity
 * search", WWW 2007). Words are ordered rarest first; two sets that reach the threshold must share a word among the
 * first |s| - ceil(threshold * |s|) + 1 of each, so only sets meeting in those rare prefixes are compared.
 */
export function similarPairs(sets: readonly Set<string>[], threshold: number): [number, number][] {
  const frequency = new Map<string, number>();
  for (const set of sets) for (const w of set) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const byRarity = (x: string, y: string) =>
    frequency.get(x)! - frequency.get(y)! || (x < y ? -1 : x > y ? 1 : 0);
  const index = new Map<string, number[]>();
  const empty: number[] = [];
  const pairs: [number, number][] = [];
  sets.forEach((set, j) => {
    if (set.size === 0) {
      // Two prompts without words are the same prompt (similarity 1).
      for (const i of empty) pairs.push([i, j]);
      empty.push(j);
      return;
    }
    const words = [...set].sort(byRarity);
    const prefix = words.slice(0, words.length - Math.ceil(threshold * words.length) + 1);
    const candidates = new Set<number>();
    for (const w of prefix)
      for (const i of index.get(w) ?? []) if (sets[i]!.size >= threshold * set.size) candidates.add(i);
    for (const i of [...candidates].sort((x, y) => x - y))
      if (jaccard(sets[i]!, set) >= threshold) pairs.push([i, j]);
    for (const w of prefix) {
      const list = index.get(w);
      if (list) list.push(j);
      else index.set(w, [j]);
    }
  });
  return pairs;
}

/** Content rules of --strict: what an item writer can get wrong that a machine can see. */
export function contentProblems(banks: ParsedBank[]): PathProblem[] {
  const problems: PathProblem[] = [];
  const prompts: { file: string; at: DocPath; id: string; words: Set<string> }[] = [];

  for (const { file, subtopics, questions } of banks) {
    const declared = new Set(Object.keys(subtopics));
    let singles = 0;
    let longestKeys = 0;
    let optionQuestions = 0;
    // keyAt[p]: option questions with a key at position p of the source (a multiple counts at each of its keys).
    const keyAt: number[] = [];
    questions.forEach((question, qi) => {
      if (!question) return;
      const at: DocPath = ['questions', qi];
      const add = (path: DocPath, rule: string, message: string) =>
        problems.push({ file, path: [...at, ...path], rule, message });

      if (question.explanation.trim().length < MIN_EXPLANATION_LENGTH)
        add(
          ['explanation'],
          'short-explanation',
          `the explanation should say why the key is right and each distractor wrong (at least ${MIN_EXPLANATION_LENGTH} characters)`,
        );
      question.references.forEach((ref, ri) => {
        if (!ref.startsWith('https://'))
          add(['references', ri], 'reference-https', 'references should use https');
      });
      question.tags.forEach((tag, ti) => {
        if (!declared.has(tag))
          add(['tags', ti], 'undeclared-tag', `tag "${tag}" is not declared under subtopics`);
      });
      const texts = new Map<string, number>();
      (question.options ?? []).forEach((option, oi) => {
        if (ABOVE_OPTION.test(option.text))
          add(['options', oi, 'text'], 'above-option', '"all/none of the above" options are not allowed');
        const norm = normalizeText(option.text);
        if (texts.has(norm))
          add(['options', oi, 'text'], 'duplicate-option-text', 'two options have the same text');
        texts.set(norm, oi);
      });

      if (question.type === 'sql') {
        const mistakes = question.mistakes ?? [];
        if (mistakes.length < MIN_SQL_MISTAKES)
          add(
            question.mistakes ? ['mistakes'] : ['type'],
            'few-mistakes',
            `a sql task lists at least ${MIN_SQL_MISTAKES} typical wrong queries under mistakes (it has ${mistakes.length}), so validate shows its check data tells them from the reference`,
          );
        if (!SAYS_COLUMNS.test(question.prompt))
          add(
            ['prompt'],
            'sql-columns',
            'a sql prompt should say which columns to return, in which order (e.g. "Columns: id, name.")',
          );
      }
      if (question.type === 'lines' && question.code !== undefined) {
        const count = codeLines(question.code).length;
        if (count < MIN_CODE_LINES || count > MAX_CODE_LINES)
          add(
            ['code'],
            'code-length',
            `a lines question shows ${MIN_CODE_LINES} to ${MAX_CODE_LINES} lines of code; this one has ${count}`,
          );
      }
      if (question.type === 'order' && question.options) {
        question.options.forEach((option, oi) => {
          if (ORDER_GIVEAWAY.test(option.text))
            add(
              ['options', oi, 'text'],
              'order-giveaway',
              'a step text must not say where it goes (no leading number, "first", "then", "finally")',
            );
        });
        // The steps are shuffled on screen, but the bank file is published: listed in the key's order (or its
        // reverse) they give the answer away to anyone who opens it, as a key always in first place would.
        const listed = question.options.map((o) => o.id).join('\u0000');
        const key = Array.isArray(question.answer) ? question.answer.map(String) : [];
        if (
          key.length === question.options.length &&
          (listed === key.join('\u0000') || listed === [...key].reverse().join('\u0000'))
        )
          add(
            ['options'],
            'order-as-key',
            `the steps are listed in the key's order${listed === key.join('\u0000') ? '' : ' reversed'}; list them in another order (the candidate sees them shuffled anyway)`,
          );
      }

      // Only single and multiple count towards key-position: an order question's key is every option, and its
      // own source order is checked by order-as-key above.
      if (
        (question.type === 'single' || question.type === 'multiple') &&
        question.options &&
        typeof question.answer !== 'boolean'
      ) {
        optionQuestions++;
        const keys = new Set(keysOf(question));
        question.options.forEach((option, p) => {
          if (keys.has(option.id)) keyAt[p] = (keyAt[p] ?? 0) + 1;
        });
      }
      if (question.type === 'single' && question.options && typeof question.answer === 'string') {
        singles++;
        const key = question.options.find((o) => o.id === question.answer);
        if (key && question.options.every((o) => o === key || o.text.length < key.text.length)) longestKeys++;
      }
      prompts.push({ file, at, id: question.id, words: words(question.prompt) });
    });
    if (singles > 0 && longestKeys / singles > MAX_LONGEST_KEY_SHARE)
      problems.push({
        file,
        path: ['questions'],
        rule: 'longest-key',
        message: `the key is the strictly longest option in ${longestKeys} of ${singles} single-choice questions (${Math.round((100 * longestKeys) / singles)}%, at most ${MAX_LONGEST_KEY_SHARE * 100}%)`,
      });
    // Options are shuffled on screen, but the bank file ships with the package: a key that is usually first
    // in the source gives the answers away to anyone who opens it.
    if (optionQuestions >= MIN_KEY_POSITION_QUESTIONS)
      keyAt.forEach((count, p) => {
        if (count / optionQuestions > MAX_KEY_POSITION_SHARE)
          problems.push({
            file,
            path: ['questions'],
            rule: 'key-position',
            message: `a key is option ${p + 1} in ${count} of ${optionQuestions} option questions (${Math.round((100 * count) / optionQuestions)}%, at most ${MAX_KEY_POSITION_SHARE * 100}%); reorder the options`,
          });
      });
  }

  prompts.sort((a, b) => a.words.size - b.words.size);
  for (const [i, j] of similarPairs(
    prompts.map((p) => p.words),
    NEAR_DUPLICATE_SIMILARITY,
  )) {
    const a = prompts[i]!;
    const b = prompts[j]!;
    problems.push({
      file: b.file,
      path: [...b.at, 'prompt'],
      rule: 'near-duplicate',
      message: `the prompt is (nearly) the same as question "${a.id}" in ${a.file}`,
    });
  }
  return problems;
}
