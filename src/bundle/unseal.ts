// Turning a result taken from a bundle back into the banks' terms with the manager's record of that bundle:
// opaque option ids mapped back, and each question tied to the key-bearing hash it had when packed.
import { listIds as list } from '../core/assessment-rules.js';
import type { ResultFile, TranscriptEntry } from '../core/result-file.js';
import type { Unsealed } from '../core/verify-result.js';
import type { BundleRecord } from './pack.js';

export function unsealResult(result: ResultFile, record: BundleRecord | undefined): Unsealed {
  const bundle = result.bundle!;
  if (!record)
    return {
      ok: false,
      problems: [
        `bundle ${bundle.id} is not in this database: import with the database the bundle was packed with (--db)`,
      ],
    };
  if (bundle.hash !== record.bundleHash)
    return { ok: false, problems: [`taken from a bundle that differs from bundle ${record.id} as packed`] };
  if (result.assessment.id !== record.assessmentId || result.assessment.hash !== record.assessmentHash)
    return {
      ok: false,
      problems: [`the assessment in the file is not the one bundle ${record.id} was packed from`],
    };

  // A sealed bundle has no key, so its results carry no score; an open one's always do.
  if (record.sealed !== (result.score === null))
    return {
      ok: false,
      problems: [
        `the result does not match bundle ${record.id}, which was packed ${record.sealed ? 'sealed' : 'open'}`,
      ],
    };
  const pool = new Map(record.pool.map((p) => [p.id, p]));
  const outside = result.transcript.filter((t) => !pool.has(t.id)).map((t) => t.id);
  if (outside.length > 0)
    return { ok: false, problems: [`question(s) ${list(outside)} are not in the bundle`] };
  const problems: string[] = [];
  const transcript: TranscriptEntry[] = result.transcript.map((t) => {
    const entry = pool.get(t.id)!;
    if (t.contentHash !== entry.visibleHash) problems.push(`question ${t.id}: not the content of the bundle`);
    const real = (ids: string[]) => ids.map((id) => entry.options[id] ?? `?${id}`);
    const text = Object.keys(entry.options).length === 0;
    const mapped = {
      ...t,
      contentHash: entry.hash,
      shown: real(t.shown),
      chosen: t.chosen && (text ? t.chosen : real(t.chosen)),
    };
    if ([...mapped.shown, ...(text ? [] : (mapped.chosen ?? []))].some((id) => id.startsWith('?')))
      problems.push(`question ${t.id}: names options the bundle does not have`);
    return mapped;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, transcript };
}
