// Reading a candidate bundle: the file checked against its schema, the content decrypted in memory only, and the
// questions turned into the engine's types. Every failure is one UsageError line (exit 2).
import { readInputFile } from '../bank/read-input.js';
import type { Question } from '../core/bank-schema.js';
import { UsageError } from '../core/errors.js';
import { sha256 } from '../core/result-file.js';
import { decryptContent } from './encrypt.js';
import {
  bundleContentSchema,
  bundleFileSchema,
  contentDigest,
  type BundleContent,
  type BundleFile,
} from './schema.js';

/** The shipped banks packed whole are well under 2 MiB. */
export const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;

export interface BundleOnDisk {
  file: BundleFile;
  /** SHA-256 of the file's text: sessions and result files name the exact bundle taken. */
  hash: string;
  encrypted: boolean;
}

/**
 * A file given to `take` is a bundle when it is JSON (an assessment is YAML). A file that cannot be read at all (missing,
 * a pipe, a device) is refused here, with its reason, before any bank is loaded for it.
 */
export function looksLikeBundle(file: string, shown: string): boolean {
  if (file.endsWith('.json')) return true;
  const input = readInputFile(file, MAX_BUNDLE_BYTES);
  if (!input.ok && input.kind === 'unreadable') throw new UsageError(`cannot read ${shown}: ${input.reason}`);
  return input.ok && input.text.trimStart().startsWith('{');
}

export function readBundleFile(file: string, shown: string): BundleOnDisk {
  const input = readInputFile(file, MAX_BUNDLE_BYTES);
  if (!input.ok) throw new UsageError(`cannot read the bundle ${shown}: ${input.reason}`);
  const text = input.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(
      `${shown} is not a complete bundle (truncated or edited?); ask the hiring manager for the file again`,
    );
  }
  const parsed = bundleFileSchema.safeParse(data);
  if (!parsed.success)
    throw new UsageError(
      `${shown} is not a valid backend-quiz bundle (edited, or written by a newer backend-quiz?); ask the hiring manager for the file again`,
    );
  return { file: parsed.data, hash: sha256(text), encrypted: 'ciphertext' in parsed.data };
}

/** The content of a bundle; `passphrase` is needed when it is encrypted. */
export function openBundle(bundle: BundleOnDisk, shown: string, passphrase?: string): BundleContent {
  const file = bundle.file;
  if ('content' in file) {
    if (contentDigest(file.content) !== file.digest)
      throw new UsageError(
        `${shown} was changed after it was packed; ask the hiring manager for the file again`,
      );
    return file.content;
  }
  const plaintext = decryptContent(file, file.encryption, file.ciphertext, passphrase ?? '');
  if (plaintext === null)
    throw new UsageError(
      `cannot open ${shown}: wrong passphrase, or the file was changed after it was packed`,
    );
  const content = bundleContentSchema.safeParse(JSON.parse(plaintext));
  if (!content.success) throw new UsageError(`${shown} holds content this backend-quiz cannot read`);
  return content.data;
}

/**
 * The bundle's questions in the engine's shape. A sealed bundle has no key: answer, explanation and references stay
 * empty. A sql task comes with its schema and sample data only: no check data and no reference, so it can be
 * shown and tried here but only graded where it was packed (`ordered` is part of grading, so it is left false).
 */
export function bundleQuestions(content: BundleContent): Question[] {
  return content.questions.map((q) => ({
    ...(q.code ? { code: q.code } : {}),
    ...(q.sql ? { sql: { schema: q.sql.schema, sample: q.sql.sample, ordered: false, mistakes: [] } } : {}),
    id: q.id,
    domain: q.domain,
    type: q.type,
    difficulty: q.difficulty,
    tags: [],
    prompt: q.prompt,
    options: q.options,
    answer: q.answer ?? [],
    explanation: q.explanation ?? '',
    references: q.references ?? [],
  }));
}
