// The bundles a manager packed: recorded by pack, looked up by import and verify to grade sealed results.
import type { BundleRecord, PoolEntry } from '../bundle/pack.js';
import type { Assessment } from '../core/assessment.js';
import type { Db } from './database.js';

interface RawBundle {
  id: string;
  assessment_id: string;
  assessment_hash: string;
  sealed: number;
  encrypted: number;
  bundle_hash: string;
  settings: string;
  pool: string;
  created_at: string;
}

export class BundleStore {
  constructor(private readonly db: Db) {}

  add(record: BundleRecord): void {
    this.db
      .prepare(
        `INSERT INTO bundles (id, assessment_id, assessment_hash, sealed, encrypted, bundle_hash, settings, pool, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.assessmentId,
        record.assessmentHash,
        record.sealed ? 1 : 0,
        record.encrypted ? 1 : 0,
        record.bundleHash,
        JSON.stringify(record.settings),
        JSON.stringify(record.pool),
        record.createdAt,
      );
  }

  get(id: string): BundleRecord | undefined {
    const raw = this.db.prepare('SELECT * FROM bundles WHERE id = ?').get(id) as RawBundle | undefined;
    return (
      raw && {
        id: raw.id,
        assessmentId: raw.assessment_id,
        assessmentHash: raw.assessment_hash,
        sealed: raw.sealed === 1,
        encrypted: raw.encrypted === 1,
        bundleHash: raw.bundle_hash,
        settings: JSON.parse(raw.settings) as Assessment,
        pool: JSON.parse(raw.pool) as PoolEntry[],
        createdAt: raw.created_at,
      }
    );
  }
}
