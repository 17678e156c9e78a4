// backend-quiz history: past sessions with status and score, as a table or the documented JSON.
import { openDatabase } from '../../store/database.js';
import { SessionStore, type SessionMode, type SessionRow } from '../../store/sessions.js';
import { renderTable } from '../../ui/render.js';
import { createTheme } from '../../ui/theme.js';
import { print, type CommandContext } from '../context.js';

export interface RunHistoryOptions extends CommandContext {
  json: boolean;
  limit: number;
}

export interface HistoryEntry {
  id: string;
  startedAt: string;
  status: 'completed' | 'interrupted' | 'expired';
  answered: number;
  total: number;
  score: number | null;
  mode: SessionMode;
}

/** A session whose process died is shown as interrupted: it can be resumed just the same. */
export function toHistoryEntry(session: SessionRow): HistoryEntry {
  return {
    id: session.id,
    startedAt: session.startedAt,
    status: session.status === 'in-progress' ? 'interrupted' : session.status,
    answered: session.answered,
    total: session.total,
    score: session.score,
    mode: session.mode,
  };
}

export function runHistory(options: RunHistoryOptions): HistoryEntry[] {
  // A candidate's own database is small: checking it costs little, and a damaged page must not drop sessions.
  const db = openDatabase(options.dbPath, { verify: true });
  try {
    const entries = new SessionStore(db).list(options.limit).map(toHistoryEntry);
    if (options.json) print(options.stdout, JSON.stringify(entries, null, 2));
    else if (entries.length === 0)
      print(options.stdout, 'No sessions yet. Start one with: backend-quiz quiz');
    else {
      const theme = createTheme(options.color);
      const rows = entries.map((e) => [
        e.id,
        e.startedAt.slice(0, 16).replace('T', ' '),
        e.status,
        `${e.answered}/${e.total}`,
        e.score === null ? '-' : `${e.score.toFixed(1)}%`,
        e.mode,
      ]);
      print(
        options.stdout,
        renderTable(['id', 'started (UTC)', 'status', 'answered', 'score', 'mode'], rows, theme),
      );
    }
    return entries;
  } finally {
    db.close();
  }
}
