// Queries behind reports: candidate sessions with per-domain results, streamed a session at a time.
import type { Db } from './database.js';

export interface ReportFilter {
  assessment?: string;
  /** Matches a candidate's name or email, case-insensitively. */
  candidate?: string[];
  since?: string;
  until?: string;
}

export interface CandidateSession {
  sessionId: string;
  name: string;
  email: string;
  assessmentId: string;
  startedAt: string;
  finishedAt: string | null;
  elapsedMs: number;
  status: string;
  score: number;
  correct: number;
  total: number;
  passMark: number | null;
  answered: number;
  /** Answers given faster than the question's plausible reading time. */
  fastAnswers: number;
  domains: Record<string, { correct: number; total: number }>;
}

function where(filter: ReportFilter): { sql: string; params: unknown[] } {
  const clauses = ['s.candidate_name IS NOT NULL', "s.status IN ('completed', 'expired')"];
  const params: unknown[] = [];
  if (filter.assessment) {
    clauses.push('s.assessment_id = ?');
    params.push(filter.assessment);
  }
  if (filter.candidate && filter.candidate.length > 0) {
    clauses.push(
      `(${filter.candidate.map(() => '(lower(s.candidate_name) = lower(?) OR lower(s.candidate_email) = lower(?))').join(' OR ')})`,
    );
    for (const c of filter.candidate) params.push(c, c);
  }
  if (filter.since) {
    clauses.push('s.started_at >= ?');
    params.push(filter.since);
  }
  if (filter.until) {
    clauses.push('s.started_at < ?');
    params.push(filter.until);
  }
  return { sql: clauses.join(' AND '), params };
}

export class ReportStore {
  constructor(private readonly db: Db) {}

  /** Plausible minimum reading time per question, used by the fast-answer signal. */
  setReadingTimes(times: Iterable<[string, number]>): void {
    this.db.exec(
      'CREATE TEMP TABLE IF NOT EXISTS reading_time (question_id TEXT PRIMARY KEY, seconds REAL NOT NULL) WITHOUT ROWID',
    );
    const insert = this.db.prepare(
      'INSERT OR REPLACE INTO reading_time (question_id, seconds) VALUES (?, ?)',
    );
    this.db.transaction(() => {
      for (const [id, seconds] of times) insert.run(id, seconds);
    })();
  }

  /** Scores per assessment, for percentiles within each cohort. */
  cohortScores(filter: ReportFilter): Map<string, number[]> {
    const { sql, params } = where(filter);
    const cohorts = new Map<string, number[]>();
    for (const row of this.db
      .prepare(`SELECT s.assessment_id AS a, s.score AS score FROM sessions s WHERE ${sql}`)
      .iterate(...params) as Iterable<{ a: string | null; score: number | null }>) {
      const key = row.a ?? '';
      const list = cohorts.get(key) ?? [];
      list.push(row.score ?? 0);
      cohorts.set(key, list);
    }
    for (const list of cohorts.values()) list.sort((x, y) => x - y);
    return cohorts;
  }

  domains(filter: ReportFilter): string[] {
    const { sql, params } = where(filter);
    return (
      this.db
        .prepare(
          `SELECT DISTINCT i.domain AS d FROM sessions s JOIN session_items i ON i.session_id = s.id WHERE ${sql} ORDER BY 1`,
        )
        .all(...params) as { d: string }[]
    ).map((r) => r.d);
  }

  /** One CandidateSession at a time, oldest first: memory stays flat however large the database is. */
  *candidates(filter: ReportFilter): Generator<CandidateSession> {
    this.db.exec(
      'CREATE TEMP TABLE IF NOT EXISTS reading_time (question_id TEXT PRIMARY KEY, seconds REAL NOT NULL) WITHOUT ROWID',
    );
    const { sql, params } = where(filter);
    const rows = this.db
      .prepare(
        `SELECT s.id, s.candidate_name, s.candidate_email, s.assessment_id, s.started_at, s.finished_at, s.elapsed_ms,
                s.status, s.score, s.correct, s.total, json_extract(s.settings, '$.assessment.passMark') AS pass_mark,
                i.domain, count(*) AS n, sum(coalesce(a.correct, 0)) AS ok, count(a.position) AS answered,
                sum(a.seconds IS NOT NULL AND a.seconds < r.seconds) AS fast
         FROM sessions s
         JOIN session_items i ON i.session_id = s.id
         LEFT JOIN answers a ON a.session_id = i.session_id AND a.position = i.position
         LEFT JOIN temp.reading_time r ON r.question_id = i.question_id
         WHERE ${sql}
         GROUP BY s.id, i.domain
         ORDER BY s.started_at, s.id, i.domain`,
      )
      .iterate(...params) as Iterable<{
      id: string;
      candidate_name: string;
      candidate_email: string | null;
      assessment_id: string | null;
      started_at: string;
      finished_at: string | null;
      elapsed_ms: number;
      status: string;
      score: number | null;
      correct: number | null;
      total: number;
      pass_mark: number | null;
      domain: string;
      n: number;
      ok: number;
      answered: number;
      fast: number | null;
    }>;
    let current: CandidateSession | undefined;
    for (const row of rows) {
      if (current?.sessionId !== row.id) {
        if (current) yield current;
        current = {
          sessionId: row.id,
          name: row.candidate_name,
          email: row.candidate_email ?? '',
          assessmentId: row.assessment_id ?? '',
          startedAt: row.started_at,
          finishedAt: row.finished_at,
          elapsedMs: row.elapsed_ms,
          status: row.status,
          score: row.score ?? 0,
          correct: row.correct ?? 0,
          total: row.total,
          passMark: row.pass_mark,
          answered: 0,
          fastAnswers: 0,
          domains: {},
        };
      }
      current.domains[row.domain] = { correct: row.ok, total: row.n };
      current.answered += row.answered;
      current.fastAnswers += row.fast ?? 0;
    }
    if (current) yield current;
  }

  /** Per-question marks of one session, for strengths and gaps by subtopic. */
  sessionMarks(sessionId: string): { questionId: string; domain: string; correct: boolean }[] {
    return (
      this.db
        .prepare(
          `SELECT i.question_id, i.domain, coalesce(a.correct, 0) AS correct FROM session_items i
           LEFT JOIN answers a ON a.session_id = i.session_id AND a.position = i.position WHERE i.session_id = ? ORDER BY i.position`,
        )
        .all(sessionId) as { question_id: string; domain: string; correct: number }[]
    ).map((r) => ({ questionId: r.question_id, domain: r.domain, correct: r.correct === 1 }));
  }
}
