// Queries behind reports: candidate sessions with per-domain results, streamed a session at a time.
import { cohortKey, cohortLabel } from '../core/report-data.js';
import type { SparseResponses } from '../core/statistics.js';
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
  /** The version of the assessment taken ('' when unknown); with the id it names the cohort. */
  assessmentHash: string;
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

type RawCandidateRow = [
  id: string,
  name: string,
  email: string | null,
  assessment: string | null,
  assessmentHash: string | null,
  startedAt: string,
  finishedAt: string | null,
  elapsedMs: number,
  status: string,
  score: number | null,
  correct: number | null,
  total: number,
  passMark: number | null,
  domain: string,
  n: number,
  ok: number,
  answered: number,
  fast: number | null,
];

function where(filter: ReportFilter): { sql: string; params: unknown[] } {
  // A session without a score was taken from a sealed bundle: only the manager's import grades it. Exam conditions
  // only: practice sessions (feedback after each answer) never enter a report or a cohort.
  const clauses = [
    's.candidate_name IS NOT NULL',
    "s.status IN ('completed', 'expired')",
    's.score IS NOT NULL',
    "s.mode = 'exam'",
  ];
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

  /**
   * Scores per cohort (assessment id and version), for percentiles. Only the assessment filter applies: a
   * candidate's percentile is over the whole cohort, whichever candidates or dates the report shows.
   */
  cohortScores(filter: ReportFilter): Map<string, number[]> {
    const { sql, params } = where(filter.assessment ? { assessment: filter.assessment } : {});
    const cohorts = new Map<string, number[]>();
    for (const row of this.db
      .prepare(
        `SELECT s.assessment_id AS a, s.assessment_hash AS h, s.score AS score FROM sessions s WHERE ${sql}`,
      )
      .iterate(...params) as Iterable<{ a: string | null; h: string | null; score: number | null }>) {
      const key = cohortKey(row.a ?? '', row.h ?? '');
      const list = cohorts.get(key) ?? [];
      list.push(row.score ?? 0);
      cohorts.set(key, list);
    }
    for (const list of cohorts.values()) list.sort((x, y) => x - y);
    return cohorts;
  }

  /** Domains with at least one item in a matching session: each candidate domain is probed through its index. */
  domains(filter: ReportFilter): string[] {
    const { sql, params } = where(filter);
    const all = this.db
      .prepare('SELECT DISTINCT domain FROM session_items ORDER BY 1')
      .pluck()
      .all() as string[];
    const used = this.db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM session_items i JOIN sessions s ON s.id = i.session_id WHERE i.domain = ? AND ${sql})`,
      )
      .pluck();
    return all.filter((d) => used.get(d, ...params) === 1);
  }

  /** One CandidateSession at a time, oldest first: memory stays flat however large the database is. */
  *candidates(filter: ReportFilter): Generator<CandidateSession> {
    this.db.exec(
      'CREATE TEMP TABLE IF NOT EXISTS reading_time (question_id TEXT PRIMARY KEY, seconds REAL NOT NULL) WITHOUT ROWID',
    );
    const { sql, params } = where(filter);
    // CROSS JOIN keeps sessions as the outer loop (in start order, through their index); otherwise the planner may
    // walk items by domain and sort everything at the end. Rows are read raw (arrays): faster for millions of rows.
    const rows = this.db
      .prepare(
        `SELECT s.id, s.candidate_name, s.candidate_email, s.assessment_id, s.assessment_hash, s.started_at, s.finished_at, s.elapsed_ms,
                s.status, s.score, s.correct, s.total, json_extract(s.settings, '$.assessment.passMark'),
                i.domain, count(*), sum(coalesce(a.correct, 0)), count(a.position), sum(a.seconds < r.seconds)
         FROM sessions s
         CROSS JOIN session_items i ON i.session_id = s.id
         LEFT JOIN answers a ON a.session_id = i.session_id AND a.position = i.position
         LEFT JOIN temp.reading_time r ON r.question_id = i.question_id
         WHERE ${sql}
         GROUP BY s.started_at, s.id, i.domain
         ORDER BY s.started_at, s.id, i.domain`,
      )
      .raw(true)
      .iterate(...params) as Iterable<RawCandidateRow>;
    let current: CandidateSession | undefined;
    for (const [
      id,
      name,
      email,
      assessment,
      assessmentHash,
      startedAt,
      finishedAt,
      elapsedMs,
      status,
      score,
      correct,
      total,
      passMark,
      domain,
      n,
      ok,
      answered,
      fast,
    ] of rows) {
      if (current?.sessionId !== id) {
        if (current) yield current;
        current = {
          sessionId: id,
          name,
          email: email ?? '',
          assessmentId: assessment ?? '',
          assessmentHash: assessmentHash ?? '',
          startedAt,
          finishedAt,
          elapsedMs,
          status,
          score: score ?? 0,
          correct: correct ?? 0,
          total,
          passMark,
          answered: 0,
          fastAnswers: 0,
          domains: {},
        };
      }
      current.domains[domain] = { correct: ok, total: n };
      current.answered += answered;
      current.fastAnswers += fast ?? 0;
    }
    if (current) yield current;
  }

  /** Per-question marks and answers of one session (null: not answered), for subtopics and the answers list. */
  sessionMarks(
    sessionId: string,
  ): { questionId: string; domain: string; correct: boolean; response: string[] | null }[] {
    return (
      this.db
        .prepare(
          `SELECT i.question_id, i.domain, coalesce(a.correct, 0) AS correct, a.response FROM session_items i
           LEFT JOIN answers a ON a.session_id = i.session_id AND a.position = i.position WHERE i.session_id = ? ORDER BY i.position`,
        )
        .all(sessionId) as { question_id: string; domain: string; correct: number; response: string | null }[]
    ).map((r) => ({
      questionId: r.question_id,
      domain: r.domain,
      correct: r.correct === 1,
      response: r.response === null ? null : (JSON.parse(r.response) as string[]),
    }));
  }

  /**
   * Each session's 0/1 marks (unanswered counts 0) by cohort label, for the reliability of the cohort's scores. As
   * for percentiles, only the assessment filter applies: reliability describes the whole cohort.
   */
  responses(filter: ReportFilter): Map<string, SparseResponses> {
    const { sql, params } = where(filter.assessment ? { assessment: filter.assessment } : {});
    const rows = this.db
      .prepare(
        `SELECT s.id, s.assessment_id, s.assessment_hash, i.question_id, coalesce(a.correct, 0) FROM sessions s
         CROSS JOIN session_items i ON i.session_id = s.id
         LEFT JOIN answers a ON a.session_id = i.session_id AND a.position = i.position
         WHERE ${sql} ORDER BY s.id, i.position`,
      )
      .raw(true)
      .iterate(...params) as Iterable<[string, string | null, string | null, string, number]>;
    interface Cohort {
      index: Map<string, number>;
      responses: SparseResponses;
    }
    const cohorts = new Map<string, Cohort>();
    let session: string | undefined;
    let cohort: Cohort | undefined;
    let items: number[] = [];
    let marks: number[] = [];
    const flush = () => {
      if (cohort && items.length > 0)
        cohort.responses.rows.push({ items: Uint32Array.from(items), marks: Uint8Array.from(marks) });
      items = [];
      marks = [];
    };
    for (const [id, assessment, hash, question, correct] of rows) {
      if (id !== session) {
        flush();
        session = id;
        const key = cohortLabel(assessment ?? '', hash ?? '');
        cohort = cohorts.get(key) ?? { index: new Map(), responses: { itemIds: [], rows: [] } };
        cohorts.set(key, cohort);
      }
      let i = cohort!.index.get(question);
      if (i === undefined) {
        i = cohort!.responses.itemIds.push(question) - 1;
        cohort!.index.set(question, i);
      }
      items.push(i);
      marks.push(correct === 1 ? 1 : 0);
    }
    flush();
    return new Map([...cohorts].map(([a, c]) => [a, c.responses]));
  }
}
