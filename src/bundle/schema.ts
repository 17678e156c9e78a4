// The candidate bundle: its zod schema (the source of the types, the runtime check and schema/bundle.schema.json)
// and the hash of what a candidate may see of a question. Nothing here may carry key material into a sealed bundle.
import { z } from 'zod';
import { assessmentSchema } from '../core/assessment.js';
import { DIFFICULTIES, QUESTION_TYPES, type Question } from '../core/bank-schema.js';
import { canonicalJson, sha256 } from '../core/result-file.js';

export const BUNDLE_KIND = 'backend-quiz-bundle';
export const BUNDLE_FORMAT = 1;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const bundleOptionSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .describe('Opaque option id, fresh for every bundle; only the packing database maps it back.'),
  text: z.string(),
});

export const bundleQuestionSchema = z
  .strictObject({
    id: z.string().min(1),
    domain: z.string().min(1),
    type: z.enum(QUESTION_TYPES),
    difficulty: z.enum(DIFFICULTIES),
    prompt: z.string(),
    options: z
      .array(bundleOptionSchema)
      .describe(
        'In an order drawn afresh for every bundle (the steps of an order question too); empty for text, lines and sql.',
      ),
    code: z
      .strictObject({ text: z.string(), language: z.string().optional() })
      .optional()
      .describe('lines: the code the candidate marks, shown with numbered lines.'),
    sql: z
      .strictObject({
        schema: z.string().describe('The DDL that builds the tables.'),
        sample: z.string().describe('The data the candidate sees and can run queries against.'),
      })
      .optional()
      .describe(
        'sql: what the candidate needs to write and try a query. Check data, reference and mistakes are key material and are never packed, not even in an open bundle.',
      ),
    contentHash: hex(32).describe(
      'SHA-256 of what the candidate sees (id, type, prompt, option texts sorted, code, sql schema and sample).',
    ),
    answer: z
      .array(z.string())
      .optional()
      .describe('Open bundles only: the key, in opaque option ids (lines: the line numbers).'),
    explanation: z.string().optional().describe('Open bundles only.'),
    references: z.array(z.string()).optional().describe('Open bundles only.'),
  })
  .describe('One question of the pool, as the candidate sees it.');

export const bundleContentSchema = z
  .strictObject({
    assessment: assessmentSchema.describe(
      'The assessment settings; showExplanations is always off when sealed.',
    ),
    assessmentHash: hex(32).describe('SHA-256 of the assessment file the bundle was packed from.'),
    domains: z.array(z.strictObject({ id: z.string(), title: z.string() })),
    questions: z.array(bundleQuestionSchema).describe('Every question the assessment can draw.'),
  })
  .superRefine((content, ctx) => {
    if (content.assessment.showExplanations && content.questions.some((q) => q.answer === undefined))
      ctx.addIssue({ code: 'custom', message: 'a sealed bundle cannot show explanations' });
  });

export const encryptionSchema = z.strictObject({
  cipher: z.literal('aes-256-gcm'),
  kdf: z.literal('scrypt'),
  N: z
    .int()
    .min(2)
    .max(2 ** 20)
    .describe('scrypt cost; a power of two.'),
  r: z.int().min(1).max(32),
  p: z.int().min(1).max(16),
  salt: base64,
  iv: base64,
  tag: base64.describe('GCM authentication tag over the ciphertext and the rest of the header.'),
});

const header = {
  kind: z.literal(BUNDLE_KIND),
  format: z.literal(BUNDLE_FORMAT),
  id: hex(8).describe('Bundle id; import finds the option mapping under it in the packing database.'),
  sealed: z.boolean().describe('false for --open bundles, which carry the keys.'),
};

export const bundleFileSchema = z
  .union([
    z.strictObject({
      ...header,
      content: bundleContentSchema,
      digest: z
        .string()
        .regex(/^sha256:[0-9a-f]{64}$/)
        .describe('SHA-256 of the canonical content.'),
    }),
    z.strictObject({
      ...header,
      encryption: encryptionSchema,
      ciphertext: base64.describe('The content, encrypted with a key derived from the passphrase.'),
    }),
  ])
  .describe('A backend-quiz candidate bundle: the questions of an assessment without their keys.');

export type BundleQuestion = z.infer<typeof bundleQuestionSchema>;
export type BundleContent = z.infer<typeof bundleContentSchema>;
export type BundleFile = z.infer<typeof bundleFileSchema>;
export type Encryption = z.infer<typeof encryptionSchema>;

export function bundleJsonSchema(): unknown {
  return z.toJSONSchema(bundleFileSchema, { target: 'draft-07', io: 'output' });
}

/**
 * What the candidate sees of a question. Option texts are sorted so the hash says nothing about their order in
 * the bank (where the key is usually first), and it never covers the key, unlike questionHash: of a sql task only
 * the schema and the sample data, which the bundle carries. Fields a type does not have drop out of the hash, so
 * the hash of a single, multiple, true-false or text question is what it was before hands-on types existed.
 */
export function visibleHash(
  question: Pick<Question, 'id' | 'type' | 'prompt' | 'options' | 'code' | 'sql'>,
): string {
  const { id, type, prompt, code } = question;
  const options = question.options.map((o) => o.text).sort();
  const sql = question.sql && { schema: question.sql.schema, sample: question.sql.sample };
  return sha256(canonicalJson({ id, type, prompt, options, code, sql }));
}

export function contentDigest(content: BundleContent): string {
  return `sha256:${sha256(canonicalJson(content))}`;
}
