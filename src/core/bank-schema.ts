// The zod schema of a question bank: the single source of the TypeScript types, runtime validation
// and the published JSON Schema (schema/question-bank.schema.json, written at build time).
import { z } from 'zod';

export const BANK_FORMAT = 1;
export const DIFFICULTIES = ['junior', 'mid', 'senior'] as const;
export const QUESTION_TYPES = ['single', 'multiple', 'true-false', 'text', 'sql', 'lines', 'order'] as const;
/** Types answered by choosing among options: their keys are option ids and their options are shuffled. */
export const OPTION_TYPES = ['single', 'multiple', 'order'] as const;
/** Steps an order question arranges. */
export const MIN_ORDER_STEPS = 3;
export const MAX_ORDER_STEPS = 7;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type Difficulty = (typeof DIFFICULTIES)[number];
export type QuestionType = (typeof QUESTION_TYPES)[number];

const slug = (what: string) =>
  z.string({ error: `${what} must be a string` }).regex(SLUG, {
    error: `${what} must use lower-case letters, digits and single dashes`,
  });

const nonEmpty = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, { error: `${what} must not be empty` });

export const optionSchema = z
  .strictObject({
    id: slug('option id').describe(
      'Stable id of the option; the key names options by id, never by position.',
    ),
    text: nonEmpty('option text').describe('What the candidate sees.'),
  })
  .describe('One answer option.');

export const questionSchema = z
  .strictObject({
    id: slug('question id').describe('Stable id, unique across all banks (e.g. databases-lost-update).'),
    type: z.enum(QUESTION_TYPES, { error: `type must be one of ${QUESTION_TYPES.join(', ')}` }),
    difficulty: z.enum(DIFFICULTIES, { error: `difficulty must be one of ${DIFFICULTIES.join(', ')}` }),
    tags: z
      .array(slug('tag'), { error: 'tags must be a list' })
      .min(1, { error: 'a question needs at least one tag' })
      .describe('Subtopic ids declared under subtopics in the bank header.'),
    prompt: nonEmpty('prompt').describe('The question; may contain a fenced ``` code block.'),
    options: z
      .array(optionSchema, { error: 'options must be a list' })
      .min(2, { error: 'a question needs at least 2 options' })
      .max(8, { error: 'a question has at most 8 options' })
      .optional()
      .describe('For single, multiple and order questions only (order: the steps, listed in any order).'),
    answer: z
      .union([z.string(), z.boolean(), z.array(z.union([z.string(), z.int()]))], {
        error:
          'answer must be an option id, a list of option ids, true/false, a list of accepted texts or a list of line numbers',
      })
      .optional()
      .describe(
        'single: one option id; multiple: a list of option ids; true-false: true or false; text: a list of accepted answers; lines: the faulty line numbers; order: every option id in the correct order; sql: none (the reference is the key).',
      ),
    code: z
      .string({ error: 'code must be a string' })
      .optional()
      .describe('lines: the code shown with numbered lines; the key names lines by number, from 1.'),
    language: slug('language')
      .optional()
      .describe('lines: the language of the code (python, go, sql...), a hint for highlighting.'),
    schema: nonEmpty('schema')
      .optional()
      .describe('sql: the DDL that builds the tables (SQLite dialect), run before sample or check data.'),
    sample: z
      .string({ error: 'sample must be a string' })
      .optional()
      .describe('sql: INSERT statements of the data the candidate sees and can run queries against.'),
    check: z
      .string({ error: 'check must be a string' })
      .optional()
      .describe('sql: INSERT statements of the data a submission is graded on; never shown, never packed.'),
    reference: nonEmpty('reference')
      .optional()
      .describe('sql: the key, one SELECT, WITH or VALUES statement; never shown, never packed.'),
    ordered: z
      .boolean({ error: 'ordered must be true or false' })
      .optional()
      .describe(
        'sql: true when rows must come in the reference order; otherwise rows compare as a multiset.',
      ),
    mistakes: z
      .array(
        z.strictObject({
          query: nonEmpty('mistake query').describe('A typical wrong query.'),
          why: nonEmpty('mistake reason').describe('Why it is wrong.'),
        }),
        { error: 'mistakes must be a list of {query, why}' },
      )
      .optional()
      .describe(
        'sql: typical wrong queries; validate requires each to give a different result on the check data.',
      ),
    explanation: nonEmpty('explanation').describe('Why the key is right and why each distractor is wrong.'),
    references: z
      .array(z.url({ protocol: /^https?$/, error: 'a reference must be an http(s) URL' }), {
        error: 'references must be a list of URLs',
      })
      .min(1, { error: 'a question needs at least one reference' })
      .describe('Primary sources: RFCs, official documentation, OWASP.'),
  })
  .describe('One question.');

export const bankSchema = z
  .strictObject({
    format: z.literal(BANK_FORMAT, { error: `format must be ${BANK_FORMAT}` }),
    domain: slug('domain'),
    title: nonEmpty('title'),
    description: z.string().optional(),
    subtopics: z
      .record(slug('subtopic id'), nonEmpty('subtopic title'), {
        error: 'subtopics must be a map of id: title',
      })
      .describe('Subtopic id -> title; question tags are drawn from these.'),
    questions: z.array(questionSchema, { error: 'questions must be a list' }),
  })
  .describe('A backend-quiz question bank: one domain.');

/**
 * The fields the key rules read, without the strictness: a question that fails the schema elsewhere (a bad
 * difficulty, an unknown field) still gets its key checked, so every problem is reported at once.
 */
export const questionKeySchema = z.object(
  questionSchema.pick({
    type: true,
    options: true,
    answer: true,
    code: true,
    schema: true,
    sample: true,
    check: true,
    reference: true,
    ordered: true,
    mistakes: true,
  }).shape,
);
export type QuestionKey = z.infer<typeof questionKeySchema>;

export type RawBank = z.infer<typeof bankSchema>;
export type RawQuestion = z.infer<typeof questionSchema>;

export interface Option {
  id: string;
  text: string;
}

/** A validated question, normalised: the key is always a list of strings. */
export interface Question {
  id: string;
  domain: string;
  type: QuestionType;
  difficulty: Difficulty;
  tags: string[];
  prompt: string;
  /** Empty for text questions; the two fixed options for true-false. */
  options: Option[];
  /**
   * Option ids (single, multiple, true-false: "true"/"false"; order: all of them, in order), accepted texts (text),
   * line numbers as text (lines) or the reference query (sql).
   */
  answer: string[];
  /** lines: the code whose lines the candidate marks. */
  code?: { text: string; language?: string };
  /** sql: the task; check, reference and mistakes are key material and never leave the author's files. */
  sql?: SqlTaskSpec;
  explanation: string;
  references: string[];
}

export interface SqlMistake {
  query: string;
  why: string;
}

export interface SqlTaskSpec {
  schema: string;
  sample: string;
  /** Absent in a sealed bundle: the candidate's machine has no key material. */
  check?: string;
  reference?: string;
  ordered: boolean;
  mistakes: SqlMistake[];
}

export interface Bank {
  domain: string;
  title: string;
  description: string;
  subtopics: Record<string, string>;
  questions: Question[];
  /** SHA-256 of the file's bytes: result files record which bank content was used. */
  hash: string;
  file: string;
}

export const TRUE_FALSE_OPTIONS: Option[] = [
  { id: 'true', text: 'True' },
  { id: 'false', text: 'False' },
];

/** The lines of a lines question's code, numbered from 1 (a final newline ends the last line, it adds none). */
export function codeLines(code: string): string[] {
  return code.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
}

export function normalizeQuestion(raw: RawQuestion, domain: string): Question {
  const answer =
    raw.type === 'sql'
      ? [raw.reference ?? '']
      : Array.isArray(raw.answer)
        ? raw.answer.map(String)
        : [String(raw.answer)];
  return {
    id: raw.id,
    domain,
    type: raw.type,
    difficulty: raw.difficulty,
    tags: raw.tags,
    prompt: raw.prompt,
    options: raw.type === 'true-false' ? TRUE_FALSE_OPTIONS : (raw.options ?? []),
    answer,
    explanation: raw.explanation,
    references: raw.references,
    ...(raw.type === 'lines' && raw.code !== undefined
      ? { code: { text: raw.code, ...(raw.language ? { language: raw.language } : {}) } }
      : {}),
    ...(raw.type === 'sql'
      ? {
          sql: {
            schema: raw.schema ?? '',
            sample: raw.sample ?? '',
            check: raw.check ?? '',
            reference: raw.reference ?? '',
            ordered: raw.ordered ?? false,
            mistakes: raw.mistakes ?? [],
          },
        }
      : {}),
  };
}

export function bankJsonSchema(): unknown {
  return z.toJSONSchema(bankSchema, { target: 'draft-07', io: 'input' });
}
