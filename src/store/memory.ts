// The learner's own study data: the spaced-review memory state per question, and the answers progress is drawn from.
import type { Card } from 'ts-fsrs';
import type { MemoryState } from '../core/spaced-review.js';
import type { Db } from './database.js';

/**
 * Sessions whose answers are this learner's own and graded on this machine: quizzes (exam or practice) and reviews.
 * Imported result files are other people's answers; assessments taken here are graded by the hiring manager.
 */
export const LEARNER_KINDS = ['quiz', 'review'] as const;
const KIND_PARAMS = LEARNER_KINDS.map(() => '?').join(', ');

/** The learner's answers to one question on one day (UTC). */
export interface LearnerTally {
  questionId: string;
  domain: string;
  /** YYYY-MM-DD */
  day: string;
  answered: number;
  correct: number;
}

type RawMemory = [
  questionId: string,
  contentHash: string,
  due: string,
  stability: number,
  difficulty: number,
  elapsedDays: number,
  scheduledDays: number,
  learningSteps: number,
  reps: number,
  lapses: number,
  state: number,
  lastReview: string | null,
];

const COLUMNS = `question_id, content_hash, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps,
  reps, lapses, state, last_review`;

function toState(raw: RawMemory): MemoryState {
  const [
    questionId,
    contentHash,
    due,
    stability,
    difficulty,
    elapsedDays,
    scheduledDays,
    steps,
    reps,
    lapses,
  ] = raw;
  const card: Card = {
    due: new Date(due),
    stability,
    difficulty,
    elapsed_days: elapsedDays,
    scheduled_days: scheduledDays,
    learning_steps: steps,
    reps,
    lapses,
    state: raw[10],
    ...(raw[11] === null ? {} : { last_review: new Date(raw[11]) }),
  };
  return { questionId, contentHash, card };
}

export class MemoryStore {
  constructor(private readonly db: Db) {}

  get(questionId: string): MemoryState | undefined {
    const raw = this.db
      .prepare(`SELECT ${COLUMNS} FROM memory WHERE question_id = ?`)
      .raw(true)
      .get(questionId) as RawMemory | undefined;
    return raw && toState(raw);
  }

  /** Every stored state, including those of questions no longer in the banks (callers skip them). */
  all(): MemoryState[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM memory`).raw(true).all() as RawMemory[]).map(toState);
  }

  save(state: MemoryState, updatedAt: string): void {
    const { card } = state;
    this.db
      .prepare(
        `INSERT INTO memory (${COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (question_id) DO UPDATE SET content_hash = excluded.content_hash, due = excluded.due,
           stability = excluded.stability, difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days,
           scheduled_days = excluded.scheduled_days, learning_steps = excluded.learning_steps, reps = excluded.reps,
           lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review,
           updated_at = excluded.updated_at`,
      )
      .run(
        state.questionId,
        state.contentHash,
        card.due.toISOString(),
        card.stability,
        card.difficulty,
        card.elapsed_days,
        card.scheduled_days,
        card.learning_steps,
        card.reps,
        card.lapses,
        card.state,
        card.last_review ? card.last_review.toISOString() : null,
        updatedAt,
      );
  }

  /** The learner's answers (quiz, practice, review) per question and day: SQLite aggregates, memory stays small. */
  learnerTallies(): LearnerTally[] {
    const rows = this.db
      .prepare(
        `SELECT a.question_id, i.domain, substr(a.answered_at, 1, 10), count(*), sum(a.correct)
         FROM answers a
         JOIN session_items i ON i.session_id = a.session_id AND i.position = a.position
         JOIN sessions s ON s.id = a.session_id
         WHERE s.kind IN (${KIND_PARAMS})
         GROUP BY 1, 2, 3`,
      )
      .raw(true)
      .all(...LEARNER_KINDS) as [string, string, string, number, number][];
    return rows.map(([questionId, domain, day, answered, correct]) => ({
      questionId,
      domain,
      day,
      answered,
      correct,
    }));
  }

  /** Questions the learner answered wrong at least once. */
  missedQuestionIds(): Set<string> {
    const ids = this.db
      .prepare(
        `SELECT DISTINCT a.question_id FROM answers a JOIN sessions s ON s.id = a.session_id
         WHERE a.correct = 0 AND s.kind IN (${KIND_PARAMS})`,
      )
      .pluck()
      .all(...LEARNER_KINDS) as string[];
    return new Set(ids);
  }
}
