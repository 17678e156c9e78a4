// The zod schema of a question bank: the single source of the TypeScript types, runtime validation
// and the published JSON Schema (schema/question-bank.schema.json, written at build time).
import { z } from 'zod';

export const BANK_FORMAT = 1;
export const DIFFICULTIES = ['junior', 'mid', 'senior'] as const;
export const QUESTION_TYPES = ['single', 'multiple', 'true-false', 'text'] as const;
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
      .describe('For single and multiple questions only.'),
    answer: z
      .union([z.string(), z.boolean(), z.array(z.string())], {
        error: 'answer must be an option id, a list of option ids, true/false, or a list of accepted texts',
      })
      .describe(
        'single: one option id; multiple: a list of option ids; true-false: true or false; text: a list of accepted answers.',
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
  questionSchema.pick({ type: true, options: true, answer: true }).shape,
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
  /** Option ids (single, multiple, true-false: "true"/"false") or accepted texts (text). */
  answer: string[];
  explanation: string;
  references: string[];
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

export function normalizeQuestion(raw: RawQuestion, domain: string): Question {
  const answer = Array.isArray(raw.answer) ? raw.answer : [String(raw.answer)];
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
  };
}

export function bankJsonSchema(): unknown {
  return z.toJSONSchema(bankSchema, { target: 'draft-07', io: 'input' });
}
