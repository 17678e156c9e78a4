// backend-quiz review: ask the questions FSRS says are due, most likely forgotten first, and reschedule each.
import { loadValidBanks } from '../../bank/banks.js';
import { createRandom } from '../../core/random.js';
import { toQuizItem } from '../../core/selection.js';
import { dueQuestions, nextDue } from '../../core/spaced-review.js';
import { openDatabase } from '../../store/database.js';
import { MemoryStore } from '../../store/memory.js';
import { SessionStore } from '../../store/sessions.js';
import { createTheme } from '../../ui/theme.js';
import { isoTime, print, requireTerminal, type CommandContext } from '../context.js';
import { playSession, type PlayResult } from '../play-session.js';
import {
  absolutePaths,
  checkTopics,
  domainTitles,
  newSeed,
  newSessionId,
  questionIndex,
} from '../session-setup.js';
import { studyOptions } from '../study.js';

export interface RunReviewOptions extends CommandContext {
  /** Ask at most this many of the due questions. */
  limit?: number;
  topics: string[];
  banks: string[];
}

/** Questions due now in the given banks, for the home menu. */
export async function countDue(options: CommandContext & { banks: string[] }): Promise<number> {
  const banks = await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd);
  const db = openDatabase(options.dbPath);
  try {
    return dueQuestions(new MemoryStore(db).all(), questionIndex(banks), new Date(options.now())).length;
  } finally {
    db.close();
  }
}

/** Null when nothing is due. */
export async function runReview(options: RunReviewOptions): Promise<PlayResult | null> {
  requireTerminal(options, 'backend-quiz review');
  const bankPaths = absolutePaths(options.banks, options.cwd);
  const banks = await loadValidBanks(bankPaths, options.cwd);
  checkTopics(options.topics, banks);
  const questions = questionIndex(banks);
  const theme = createTheme(options.color);
  const db = openDatabase(options.dbPath);
  try {
    const memory = new MemoryStore(db);
    const now = new Date(options.now());
    const due = dueQuestions(memory.all(), questions, now, {
      topics: options.topics,
      ...(options.limit === undefined ? {} : { limit: options.limit }),
    });
    if (due.length === 0) {
      const next = nextDue(memory.all(), questions, now);
      print(
        options.stdout,
        next
          ? `Nothing is due for review. Next: ${next.date} (${next.count} question(s)).`
          : 'Nothing to review yet: answer some questions first (backend-quiz quiz --practice).',
      );
      return null;
    }
    const seed = newSeed();
    const random = createRandom(seed);
    const items = due.map((d) => toQuizItem(d.question, random));
    const store = new SessionStore(db);
    const id = newSessionId();
    store.create({
      id,
      kind: 'review',
      mode: 'practice',
      startedAt: isoTime(now.getTime()),
      seed,
      timeLimitMs: null,
      settings: { topics: options.topics, difficulty: 'mixed', count: items.length, banks: bankPaths },
      items,
    });
    const changed = due.filter((d) => d.changed).length;
    print(
      options.stdout,
      theme.dim(
        `Review ${id} · ${items.length} due question(s)${changed > 0 ? `, ${changed} changed since last seen` : ''} · Ctrl-C saves and exits`,
      ),
    );
    const result = await playSession({
      ctx: options,
      store,
      sessionId: id,
      questions,
      titles: domainTitles(banks),
      review: false,
      ...studyOptions(options, db, { kind: 'review', mode: 'practice' }),
    });
    const next = nextDue(memory.all(), questions, new Date(options.now()));
    if (next) print(options.stdout, theme.dim(`\nNext review: ${next.date} (${next.count} question(s)).`));
    return result;
  } finally {
    db.close();
  }
}
