// Queries for item analysis and IRT: first attempts as sparse 0/1 responses, distractor counts, item parameters.
import type { Db } from './database.js';

export interface MeasurementFilter {
  assessment?: string;
}

export interface AttemptResponses {
  sessionId: string;
  questionIds: string[];
  marks: number[];
  responses: (string[] | null)[];
}

export interface StoredParams {
  id: string;
  a: number;
  b: number;
  seA: number | null;
  seB: number | null;
  n: number;
}

export class MeasurementStore {
  constructor(private readonly db: Db) {}

  /**
   * The first finished attempt of each candidate (by email, else name; a session without a candidate is its own
   * attempt), one at a time with every presented question: unanswered ones count 0.
   */
  *firstAttempts(filter: MeasurementFilter, withResponses = false): Generator<AttemptResponses> {
    const params: unknown[] = [];
    // A session without a score was taken from a sealed bundle: its marks are not known on this machine. Exam
    // conditions only: answers given with feedback after each question would distort every statistic.
    let where = "s.status IN ('completed', 'expired') AND s.score IS NOT NULL AND s.mode = 'exam'";
    if (filter.assessment) {
      where += ' AND s.assessment_id = ?';
      params.push(filter.assessment);
    }
    const rows = this.db
      .prepare(
        `WITH firsts AS (
           SELECT id FROM (
             SELECT s.id, row_number() OVER (
               PARTITION BY coalesce(lower(s.candidate_email), s.candidate_name, s.id), s.assessment_id
               ORDER BY s.started_at, s.id) AS attempt
             FROM sessions s WHERE ${where})
           WHERE attempt = 1)
         SELECT i.session_id, i.question_id, coalesce(a.correct, 0)${withResponses ? ', a.response' : ''}
         FROM firsts f CROSS JOIN session_items i ON i.session_id = f.id
         LEFT JOIN answers a ON a.session_id = i.session_id AND a.position = i.position
         ORDER BY i.session_id, i.position`,
      )
      .raw(true)
      .iterate(...params) as Iterable<[string, string, number, string | null]>;
    let current: AttemptResponses | undefined;
    for (const [sessionId, questionId, mark, response] of rows) {
      if (current?.sessionId !== sessionId) {
        if (current) yield current;
        current = { sessionId, questionIds: [], marks: [], responses: [] };
      }
      current.questionIds.push(questionId);
      current.marks.push(mark);
      if (withResponses)
        current.responses.push(response === null ? null : (JSON.parse(response) as string[]));
    }
    if (current) yield current;
  }

  /**
   * How many candidates have seen each question: distinct candidates (by email, else name; a session without a
   * candidate is its own) whose sessions presented it, whatever the session's status. `candidatesOnly` leaves out
   * sessions without a candidate (local practice).
   */
  exposure(filter: MeasurementFilter, candidatesOnly = false): Map<string, number> {
    const clauses = ['1 = 1'];
    const params: unknown[] = [];
    if (filter.assessment) {
      clauses.push('s.assessment_id = ?');
      params.push(filter.assessment);
    }
    if (candidatesOnly) clauses.push('s.candidate_name IS NOT NULL');
    const where = clauses.join(' AND ');
    // Counting sessions per question is a plain scan; counting distinct candidates over every item is several times
    // slower. So count sessions, then take back the repeats, found among candidates with more than one session.
    const seen = new Map(
      this.db
        .prepare(
          `SELECT i.question_id, count(DISTINCT i.session_id) FROM sessions s
           CROSS JOIN session_items i ON i.session_id = s.id WHERE ${where} GROUP BY i.question_id`,
        )
        .raw(true)
        .all(...params) as [string, number][],
    );
    const repeats = this.db
      .prepare(
        `WITH keyed AS (
           SELECT s.id, coalesce(lower(s.candidate_email), s.candidate_name, s.id) AS k FROM sessions s WHERE ${where}),
         again AS (SELECT id, k FROM keyed WHERE k IN (SELECT k FROM keyed GROUP BY k HAVING count(*) > 1))
         SELECT i.question_id, count(DISTINCT a.id) - count(DISTINCT a.k) FROM again a
         CROSS JOIN session_items i ON i.session_id = a.id GROUP BY i.question_id`,
      )
      .raw(true)
      .all(...params) as [string, number][];
    for (const [id, extra] of repeats) seen.set(id, seen.get(id)! - extra);
    return seen;
  }

  saveParams(items: StoredParams[], at: string): void {
    const upsert = this.db.prepare(
      `INSERT INTO item_params (question_id, a, b, se_a, se_b, n, calibrated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (question_id) DO UPDATE SET a = excluded.a, b = excluded.b, se_a = excluded.se_a, se_b = excluded.se_b,
         n = excluded.n, calibrated_at = excluded.calibrated_at`,
    );
    this.db.transaction(() => {
      for (const p of items) upsert.run(p.id, p.a, p.b, p.seA, p.seB, p.n, at);
    })();
  }

  params(): Map<string, StoredParams> {
    const rows = this.db
      .prepare('SELECT question_id, a, b, se_a, se_b, n FROM item_params')
      .raw(true)
      .all() as [string, number, number, number | null, number | null, number][];
    return new Map(rows.map(([id, a, b, seA, seB, n]) => [id, { id, a, b, seA, seB, n }]));
  }

  setAbility(sessionId: string, theta: number, se: number): void {
    this.db.prepare('UPDATE sessions SET theta = ?, theta_se = ? WHERE id = ?').run(theta, se, sessionId);
  }
}
