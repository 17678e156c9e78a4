// Imported questions -> bank YAML: ids, domain and tags settled, per-answer feedback folded into the explanation,
// and whatever the source did not hold turned into a visible TODO that `validate --strict` flags.
import { Document, isMap, isSeq } from 'yaml';
import { BANK_FORMAT, questionSchema, type RawBank, type RawQuestion } from '../core/bank-schema.js';
import { slugify, type ImportedQuestion, type Skipped } from './common.js';

/** Short on purpose: under the 80 characters of --strict's short-explanation rule. */
export const TODO_EXPLANATION = 'TODO: explain why the key is right and each distractor is wrong.';
/** http on the reserved .invalid domain (RFC 2606): --strict's reference-https rule flags it, and it never resolves. */
export const TODO_REFERENCE = 'http://todo.invalid/add-a-primary-source';
/** Not declared under subtopics, so --strict's undeclared-tag rule flags it. */
export const TODO_DIFFICULTY_TAG = 'todo-difficulty';

export interface ConvertedBank {
  bank: RawBank;
  /** Per question (same order): the TODOs left in it. */
  todos: string[][];
  /** Per question: the source position it came from. */
  sources: { line: number; column: number }[];
}

function unique(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * Groups questions into banks by the first segment of their category (else `fallbackDomain`); later category
 * segments, or the source's own tags, become tags declared under subtopics.
 */
export function toBanks(
  imported: ImportedQuestion[],
  fallbackDomain: string,
  fallbackTitle: string,
  takenIds: Set<string> = new Set(),
): { banks: ConvertedBank[]; rejected: Skipped[] } {
  const rejected: Skipped[] = [];
  const questions = imported.filter((q) => {
    const problem = unfit(q);
    if (problem) rejected.push({ ...q.at, rule: 'unsupported-shape', message: problem });
    return problem === undefined;
  });
  const byDomain = new Map<string, { title: string; items: ImportedQuestion[] }>();
  for (const q of questions) {
    const domain = slugify(q.category[0] ?? '') || fallbackDomain;
    const entry = byDomain.get(domain) ?? { title: q.category[0] ?? fallbackTitle, items: [] };
    entry.items.push(q);
    byDomain.set(domain, entry);
  }
  const banks = [...byDomain].map(([domain, { title, items }]): ConvertedBank => {
    const subtopics: Record<string, string> = {};
    const todos: string[][] = [];
    const bankQuestions = items.map((q, n): RawQuestion => {
      const todo: string[] = [];
      const sourceTags = (q.tags ?? []).map((t) => ({ id: slugify(t), title: t })).filter((t) => t.id !== '');
      const categoryTags = q.category
        .slice(1)
        .map((t) => ({ id: slugify(t), title: t }))
        .filter((t) => t.id !== '');
      const tags =
        sourceTags.length > 0
          ? sourceTags
          : categoryTags.length > 0
            ? categoryTags
            : [{ id: 'general', title: 'General' }];
      for (const t of tags) subtopics[t.id] ??= t.title;
      const tagIds = [...new Set(tags.map((t) => t.id))];
      if (!q.difficulty) {
        todo.push('difficulty: not in the source; "mid" is a placeholder (tag todo-difficulty)');
        tagIds.push(TODO_DIFFICULTY_TAG);
      }
      const named = slugify(q.name ?? '');
      const id = unique(named || `${domain}-${n + 1}`, takenIds);
      const optionIds = new Set<string>();
      const options = q.options.map((o, i) => ({
        id: unique(slugify(o.text, 40) || String.fromCharCode(97 + i), optionIds),
        text: o.text,
      }));
      const explanation = q.explanation?.trim();
      const references = q.references.filter((r) => URL.canParse(r) && /^https?:\/\/[^/]/.test(r));
      if (!explanation) todo.push('explanation: the source has no feedback to take it from');
      if (references.length === 0) todo.push('references: the source cites no source');
      const question: RawQuestion = {
        id,
        type: q.type,
        difficulty: q.difficulty ?? 'mid',
        tags: tagIds,
        prompt: q.prompt,
        ...(q.type === 'single' || q.type === 'multiple' ? { options } : {}),
        answer:
          q.type === 'single'
            ? options[q.keys[0]!]!.id
            : q.type === 'multiple'
              ? q.keys.map((k) => options[k]!.id)
              : q.type === 'true-false'
                ? q.truth === true
                : (q.accepted ?? []),
        explanation: explanation || TODO_EXPLANATION,
        references: references.length > 0 ? references : [TODO_REFERENCE],
      };
      todos.push(todo);
      return question;
    });
    return {
      bank: {
        format: BANK_FORMAT,
        domain,
        title: title.trim() || domain,
        subtopics,
        questions: bankQuestions,
      },
      todos,
      sources: items.map((q) => q.at),
    };
  });
  return { banks, rejected };
}

/** What the bank schema cannot hold even though the source format could: said before any id is taken. */
function unfit(q: ImportedQuestion): string | undefined {
  if ((q.type === 'single' || q.type === 'multiple') && (q.options.length < 2 || q.options.length > 8))
    return `a ${q.type}-choice question has 2 to 8 options; this one has ${q.options.length}`;
  if (q.type === 'text' && (q.accepted ?? []).some((a) => a.trim() === ''))
    return 'an accepted answer is empty';
  const check = questionSchema.safeParse({
    id: 'probe',
    type: q.type,
    difficulty: 'mid',
    tags: ['probe'],
    prompt: q.prompt,
    ...(q.type === 'single' || q.type === 'multiple'
      ? { options: q.options.map((o, i) => ({ id: `o${i}`, text: o.text })) }
      : {}),
    answer: q.type === 'true-false' ? true : ['x'],
    explanation: 'x',
    references: ['https://example.org'],
  });
  return check.success ? undefined : (check.error.issues[0]?.message ?? 'does not fit the bank format');
}

/** The bank as YAML, block scalars for multi-line text, each question's TODOs as a comment above it. */
export function bankYaml(converted: ConvertedBank, header: string, sourceName: string): string {
  const doc = new Document(converted.bank);
  doc.commentBefore = ` ${header}`;
  const questions = doc.get('questions', true);
  if (isSeq(questions))
    questions.items.forEach((item, i) => {
      const todo = converted.todos[i] ?? [];
      const source = converted.sources[i];
      const lines = [
        ...(source ? [` from ${sourceName}:${source.line}:${source.column}`] : []),
        ...todo.map((t) => ` TODO ${t}`),
      ];
      if (isMap(item)) item.commentBefore = lines.join('\n');
    });
  return doc.toString({ blockQuote: 'literal', lineWidth: 0 });
}
