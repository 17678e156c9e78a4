// Typed queries over sessions, their items and answers. Each answer is its own transaction.
import type { Statement } from 'better-sqlite3';
import { retryWhileLocked, type Db, type LockWait } from './database.js';
import type { QuizItem } from '../core/selection.js';
import type { Response } from '../core/scoring.js';
import type { Difficulty } from '../core/bank-schema.js';

export const SESSION_STATUSES = ['in-progress', 'interrupted', 'completed', 'expired'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** Exam conditions feed reports, statistics and calibration; practice (feedback after each answer) never does. */
export const SESSION_MODES = ['exam', 'practice'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export interface SessionSettings {
  topics: string[];
  difficulty: string;
  count: number;
  banks: string[];
  [extra: string]: unknown;
}

export interface Candidate {
  name: string;
  email: string;
}

export interface NewSession {
  candidate?: Candidate;
  assessmentId?: string;
  /** The version of the assessment; else taken from settings.assessment.hash. */
  assessmentHash?: string;
  /** Set for sessions imported from a result file. */
  resultDigest?: string;
  id: string;
  kind: string;
  /** Default exam. */
  mode?: SessionMode;
  startedAt: string;
  seed: number;
  timeLimitMs: number | null;
  settings: SessionSettings;
  items: QuizItem[];
}

export interface SessionRow {
  id: string;
  kind: string;
  mode: SessionMode;
  status: SessionStatus;
  startedAt: string;
  finishedAt: string | null;
  seed: number;
  timeLimitMs: number | null;
  elapsedMs: number;
  settings: SessionSettings;
  total: number;
  answered: number;
  correct: number | null;
  score: number | null;
  candidate: Candidate | null;
  assessmentId: string | null;
  resultDigest: string | null;
}

export interface AnswerRow {
  position: number;
  questionId: string;
  response: Response;
  correct: boolean;
  seconds: number;
  answeredAt: string;
}

export interface RecordedAnswer extends AnswerRow {
  elapsedMs: number;
}

interface RawSession {
  id: string;
  kind: string;
  mode: SessionMode;
  status: SessionStatus;
  started_at: string;
  finished_at: string | null;
  seed: number;
  time_limit_ms: number | null;
  elapsed_ms: number;
  settings: string;
  total: number;
  answered: number;
  correct: number | null;
  score: number | null;
  candidate_name: string | null;
  candidate_email: string | null;
  assessment_id: string | null;
  result_digest: string | null;
}

const SESSION_COLUMNS = `s.id, s.kind, s.mode, s.status, s.started_at, s.finished_at, s.seed, s.time_limit_ms, s.elapsed_ms,
  s.settings, s.total, s.correct, s.score, s.candidate_name, s.candidate_email, s.assessment_id, s.result_digest, (SELECT count(*) FROM answers a WHERE a.session_id = s.id) AS answered`;

function toSession(raw: RawSession): SessionRow {
  return {
    id: raw.id,
    kind: raw.kind,
    mode: raw.mode,
    status: raw.status,
    startedAt: raw.started_at,
    finishedAt: raw.finished_at,
    seed: raw.seed,
    timeLimitMs: raw.time_limit_ms,
    elapsedMs: raw.elapsed_ms,
    settings: JSON.parse(raw.settings) as SessionSettings,
    total: raw.total,
    answered: raw.answered,
    correct: raw.correct,
    score: raw.score,
    candidate:
      raw.candidate_name === null ? null : { name: raw.candidate_name, email: raw.candidate_email ?? '' },
    assessmentId: raw.assessment_id,
    resultDigest: raw.result_digest,
  };
}

function settingsHash(settings: SessionSettings): string | null {
  const hash = (settings.assessment as { hash?: unknown } | undefined)?.hash;
  return typeof hash === 'string' ? hash : null;
}

export class SessionStore {
  constructor(private readonly db: Db) {}

  create(session: NewSession): void {
    const insertSession = this.db.prepare(
      `INSERT INTO sessions (id, kind, status, started_at, seed, time_limit_ms, settings, total,
         candidate_name, candidate_email, assessment_id, assessment_hash, result_digest, mode)
       VALUES (?, ?, 'in-progress', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertItem = this.db.prepare(
      `INSERT INTO session_items (session_id, position, question_id, domain, difficulty, option_order) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.db
      .transaction(() => {
        insertSession.run(
          session.id,
          session.kind,
          session.startedAt,
          session.seed,
          session.timeLimitMs,
          JSON.stringify(session.settings),
          session.items.length,
          session.candidate?.name ?? null,
          session.candidate?.email ?? null,
          session.assessmentId ?? null,
          session.assessmentId === undefined
            ? null
            : (session.assessmentHash ?? settingsHash(session.settings)),
          session.resultDigest ?? null,
          session.mode ?? 'exam',
        );
        session.items.forEach((item, i) =>
          insertItem.run(
            session.id,
            i,
            item.questionId,
            item.domain,
            item.difficulty,
            JSON.stringify(item.optionOrder),
          ),
        );
      })
      .immediate();
  }

  /** Adaptive sessions choose their questions as they go: each is stored before it is asked. */
  addItem(sessionId: string, position: number, item: QuizItem): void {
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO session_items (session_id, position, question_id, domain, difficulty, option_order) VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(
            sessionId,
            position,
            item.questionId,
            item.domain,
            item.difficulty,
            JSON.stringify(item.optionOrder),
          );
        this.db.prepare('UPDATE sessions SET total = ? WHERE id = ?').run(position + 1, sessionId);
      })
      .immediate();
  }

  /** Stores one answer and the session's elapsed time together, the moment the answer is given. */
  recordAnswer(sessionId: string, answer: RecordedAnswer): void {
    this.db
      .transaction(() => {
        this.insertAnswer(sessionId, answer);
        this.statement(
          'touch',
          `UPDATE sessions SET elapsed_ms = ?, status = 'in-progress' WHERE id = ?`,
        ).run(answer.elapsedMs, sessionId);
      })
      .immediate();
  }

  /** One answer row; callers own the transaction (recordAnswer for a live quiz, importSession for a result file). */
  insertAnswer(sessionId: string, answer: AnswerRow): void {
    this.statement(
      'answer',
      `INSERT INTO answers (session_id, position, question_id, response, correct, seconds, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      sessionId,
      answer.position,
      answer.questionId,
      JSON.stringify(answer.response),
      answer.correct ? 1 : 0,
      answer.seconds,
      answer.answeredAt,
    );
  }

  /** Runs store calls (each its own transaction), waiting out another program's lock instead of failing. */
  whileLocked<T>(work: () => T, wait: LockWait): Promise<T> {
    return retryWhileLocked(this.db, work, wait);
  }

  /** Statements on the quiz's hot path are prepared once per connection. */
  private readonly statements = new Map<string, Statement>();
  private statement(name: string, sql: string): Statement {
    let statement = this.statements.get(name);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(name, statement);
    }
    return statement;
  }

  setStatus(sessionId: string, status: SessionStatus, elapsedMs: number): void {
    this.db
      .prepare(`UPDATE sessions SET status = ?, elapsed_ms = ? WHERE id = ?`)
      .run(status, elapsedMs, sessionId);
  }

  finish(
    sessionId: string,
    status: 'completed' | 'expired',
    /** correct and score are null for a sealed bundle: the candidate's machine has no key. */
    result: { finishedAt: string; elapsedMs: number; correct: number | null; score: number | null },
  ): void {
    this.db
      .prepare(
        `UPDATE sessions SET status = ?, finished_at = ?, elapsed_ms = ?, correct = ?, score = ? WHERE id = ?`,
      )
      .run(status, result.finishedAt, result.elapsedMs, result.correct, result.score, sessionId);
  }

  get(sessionId: string): SessionRow | undefined {
    const raw = this.db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.id = ?`).get(sessionId) as
      RawSession | undefined;
    return raw && toSession(raw);
  }

  /** Sessions whose id starts with the given prefix, so users can type a short id. */
  findByPrefix(prefix: string): SessionRow[] {
    const rows = this.db
      .prepare(
        `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE substr(s.id, 1, length(?)) = ? ORDER BY s.started_at DESC`,
      )
      .all(prefix, prefix) as RawSession[];
    return rows.map(toSession);
  }

  /** Unfinished sessions, newest first: interrupted ones and ones whose process died. */
  listResumable(): SessionRow[] {
    const rows = this.db
      .prepare(
        `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.status IN ('in-progress', 'interrupted') ORDER BY s.started_at DESC, s.rowid DESC`,
      )
      .all() as RawSession[];
    return rows.map(toSession);
  }

  list(limit = 1000): SessionRow[] {
    const rows = this.db
      .prepare(`SELECT ${SESSION_COLUMNS} FROM sessions s ORDER BY s.started_at DESC, s.rowid DESC LIMIT ?`)
      .all(limit) as RawSession[];
    return rows.map(toSession);
  }

  items(sessionId: string): QuizItem[] {
    const rows = this.db
      .prepare(
        `SELECT question_id, domain, difficulty, option_order FROM session_items WHERE session_id = ? ORDER BY position`,
      )
      .all(sessionId) as {
      question_id: string;
      domain: string;
      difficulty: Difficulty;
      option_order: string;
    }[];
    return rows.map((r) => ({
      questionId: r.question_id,
      domain: r.domain,
      difficulty: r.difficulty,
      optionOrder: JSON.parse(r.option_order) as string[],
    }));
  }

  answers(sessionId: string): AnswerRow[] {
    const rows = this.db
      .prepare(
        `SELECT position, question_id, response, correct, seconds, answered_at FROM answers WHERE session_id = ? ORDER BY position`,
      )
      .all(sessionId) as {
      position: number;
      question_id: string;
      response: string;
      correct: number;
      seconds: number;
      answered_at: string;
    }[];
    return rows.map((r) => ({
      position: r.position,
      questionId: r.question_id,
      response: JSON.parse(r.response) as Response,
      correct: r.correct === 1,
      seconds: r.seconds,
      answeredAt: r.answered_at,
    }));
  }
}

export interface ImportedSession {
  id: string;
  startedAt: string;
  finishedAt: string;
  status: 'completed' | 'expired';
  seed: number;
  timeLimitMs: number | null;
  elapsedMs: number;
  candidate: Candidate;
  assessmentId: string;
  assessmentHash: string;
  resultDigest: string;
  settings: SessionSettings;
  items: QuizItem[];
  answers: { questionId: string; response: Response | null; correct: boolean; seconds: number | null }[];
  correct: number;
  score: number;
}

export type ImportOutcome = 'imported' | 'duplicate' | 'conflict';

/** Stores a verified result file as one session, all or nothing; the same file twice adds nothing. */
export function importSession(store: SessionStore, db: Db, session: ImportedSession): ImportOutcome {
  const existing = store.get(session.id);
  if (existing) return existing.resultDigest === session.resultDigest ? 'duplicate' : 'conflict';
  db.transaction(() => {
    store.create({ ...session, kind: 'import' });
    session.answers.forEach((a, position) => {
      if (a.response === null) return;
      store.insertAnswer(session.id, {
        position,
        questionId: a.questionId,
        response: a.response,
        correct: a.correct,
        seconds: a.seconds ?? 0,
        answeredAt: session.finishedAt,
      });
    });
    store.finish(session.id, session.status, {
      finishedAt: session.finishedAt,
      elapsedMs: session.elapsedMs,
      correct: session.correct,
      score: session.score,
    });
  }).immediate();
  return 'imported';
}
