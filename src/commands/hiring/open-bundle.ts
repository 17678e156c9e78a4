// Opening a candidate bundle for take and resume: read, ask the passphrase when it is encrypted, decrypt in memory.
import type { Question } from '../../core/bank-schema.js';
import { UsageError } from '../../core/errors.js';
import { bundleQuestions, openBundle, readBundleFile } from '../../bundle/read.js';
import type { BundleContent } from '../../bundle/schema.js';
import { askPassword } from '../../ui/prompts.js';
import type { CommandContext } from '../context.js';

export interface OpenedBundle {
  id: string;
  /** SHA-256 of the file: a resumed session refuses a bundle that changed. */
  hash: string;
  sealed: boolean;
  content: BundleContent;
  questions: Question[];
  titles: Record<string, string>;
}

export async function openBundleFile(
  file: string,
  shown: string,
  ctx: CommandContext,
  expectedHash?: string,
): Promise<OpenedBundle> {
  const onDisk = readBundleFile(file, shown);
  if (expectedHash !== undefined && onDisk.hash !== expectedHash)
    throw new UsageError(
      `${shown} is not the bundle this session was started from (it changed since); put the original file back`,
    );
  const passphrase = onDisk.encrypted
    ? await askPassword('Passphrase (from the hiring manager)', { input: ctx.stdin, output: ctx.stdout })
    : undefined;
  const content = openBundle(onDisk, shown, passphrase);
  return {
    id: onDisk.file.id,
    hash: onDisk.hash,
    sealed: onDisk.file.sealed,
    content,
    questions: bundleQuestions(content),
    titles: Object.fromEntries(content.domains.map((d) => [d.id, d.title])),
  };
}

/** The questions of a session taken from a bundle: the bundle is read again (and the passphrase asked again). */
export async function bundleQuestionIndex(
  bundle: { path: string; hash: string },
  ctx: CommandContext,
): Promise<{ questions: Map<string, Question>; titles: Record<string, string> }> {
  const opened = await openBundleFile(bundle.path, bundle.path, ctx, bundle.hash);
  return { questions: new Map(opened.questions.map((q) => [q.id, q])), titles: opened.titles };
}
