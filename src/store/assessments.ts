// The manager's registry of assessments: one row per version (id + hash), with its parsed settings and pool.
// Imports are checked against it; whatever packs or sends an assessment registers it here.
import type { Assessment } from '../core/assessment.js';
import type { PoolQuestion, RegisteredAssessment } from '../core/assessment-rules.js';
import type { Db } from './database.js';

export type RegisterOutcome = 'registered' | 'known';

/** Stores one version of an assessment; registering the same id and hash again changes nothing. */
export function registerAssessment(db: Db, entry: RegisteredAssessment, at: string): RegisterOutcome {
  const { changes } = db
    .prepare(
      `INSERT INTO assessments (id, hash, title, settings, pool, registered_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id, hash) DO NOTHING`,
    )
    .run(entry.id, entry.hash, entry.title, JSON.stringify(entry.assessment), JSON.stringify(entry.pool), at);
  return changes > 0 ? 'registered' : 'known';
}

/** The registered version of an assessment, or undefined when the manager never registered it. */
export function findAssessment(db: Db, id: string, hash: string): RegisteredAssessment | undefined {
  const row = db
    .prepare('SELECT id, hash, title, settings, pool FROM assessments WHERE id = ? AND hash = ?')
    .get(id, hash) as { id: string; hash: string; title: string; settings: string; pool: string } | undefined;
  return (
    row && {
      id: row.id,
      hash: row.hash,
      title: row.title,
      assessment: JSON.parse(row.settings) as Assessment,
      pool: JSON.parse(row.pool) as PoolQuestion[],
    }
  );
}
