// The result file a candidate sends back: its schema, the content digest, and the hash of each question's content.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Question } from './bank-schema.js';

export const RESULT_FORMAT = 1;
/** A result taken from a candidate bundle: option ids are the bundle's opaque ones, and a sealed one has no score. */
export const BUNDLE_RESULT_FORMAT = 2;

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a question asks and expects: if any of it changes, a recorded answer can no longer be re-graded. */
export function questionHash(question: Question): string {
  const { id, type, prompt, options, answer, code } = question;
  // A SQL task is graded on its schema, check data and reference; the listed mistakes only serve validation.
  const sql = question.sql && { ...question.sql, mistakes: undefined };
  return sha256(canonicalJson({ id, type, prompt, options, answer, code, sql }));
}

/** No quiz lasts a year: larger figures (up to 1e308, which times 1000 is Infinity) are forged. */
const MAX_SECONDS = 366 * 24 * 3600;

const transcriptEntry = z.strictObject({
  id: z.string(),
  domain: z.string(),
  difficulty: z.enum(['junior', 'mid', 'senior']),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  shown: z.array(z.string()).describe('Option ids in the order the candidate saw them.'),
  chosen: z.array(z.string()).nullable().describe('Chosen option ids or typed text; null when not answered.'),
  seconds: z.number().min(0).max(MAX_SECONDS).nullable(),
  correct: z.boolean().nullable(),
});

const resultFileObject = z.strictObject({
  format: z.union([z.literal(RESULT_FORMAT), z.literal(BUNDLE_RESULT_FORMAT)]),
  tool: z.strictObject({ name: z.literal('backend-quiz'), version: z.string() }),
  assessment: z.strictObject({ id: z.string(), title: z.string(), passMark: z.number(), hash: z.string() }),
  candidate: z.strictObject({ name: z.string(), email: z.string() }),
  session: z.strictObject({
    id: z.string().regex(/^[0-9a-f]{6,32}$/),
    seed: z.int(),
    status: z.enum(['completed', 'expired']),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    timeLimitMinutes: z
      .number()
      .positive()
      .max(MAX_SECONDS / 60)
      .nullable(),
    elapsedSeconds: z.number().min(0).max(MAX_SECONDS),
  }),
  banks: z.array(z.strictObject({ domain: z.string(), hash: z.string() })),
  bundle: z
    .strictObject({ id: z.string().regex(/^[0-9a-f]{16}$/), hash: z.string().regex(/^[0-9a-f]{64}$/) })
    .optional()
    .describe('Format 2: the bundle taken (its id and the SHA-256 of its file).'),
  transcript: z.array(transcriptEntry),
  score: z
    .strictObject({
      percent: z.number(),
      correct: z.int(),
      total: z.int(),
      passed: z.boolean(),
      domains: z.record(z.string(), z.number()),
    })
    .nullable()
    .describe('null for a sealed bundle: the candidate has no key, the manager grades.'),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

export const resultFileSchema = resultFileObject
  .refine((r) => (r.format === BUNDLE_RESULT_FORMAT) === (r.bundle !== undefined), {
    error: 'format 2 results name their bundle, format 1 results do not',
    path: ['bundle'],
  })
  .refine((r) => r.format === BUNDLE_RESULT_FORMAT || r.score !== null, {
    error: 'a format 1 result has a score',
    path: ['score'],
  });

export type ResultFile = z.infer<typeof resultFileSchema>;
export type TranscriptEntry = z.infer<typeof transcriptEntry>;

/** The digest covers everything in the file except the digest itself. */
export function resultDigest(result: Omit<ResultFile, 'digest'> & { digest?: string }): string {
  const content: Record<string, unknown> = { ...result };
  delete content.digest;
  return `sha256:${sha256(canonicalJson(content))}`;
}
