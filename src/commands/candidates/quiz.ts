// backend-quiz quiz: select questions, create a stored session, and play it in the terminal.
import { loadValidBanks } from '../../bank/banks.js';
import { UsageError } from '../../core/errors.js';
import { createRandom } from '../../core/random.js';
import { selectQuestions, type DifficultyChoice } from '../../core/selection.js';
import { minutesToMs } from '../../core/timer.js';
import { openDatabase } from '../../store/database.js';
import { MeasurementStore } from '../../store/measurement.js';
import { SessionStore } from '../../store/sessions.js';
import { adaptivePlan, equalTargets, matchedSeTarget, type AdaptiveSettings } from '../item-pool.js';
import { terminalSize, wrapText } from '../../ui/text.js';
import { createTheme } from '../../ui/theme.js';
import { isoTime, print, requireTerminal, type CommandContext } from '../context.js';
import { playSession, type PlayResult } from '../play-session.js';
import { studyOptions } from '../study.js';
import {
  absolutePaths,
  checkTopics,
  domainTitles,
  newSeed,
  newSessionId,
  questionIndex,
} from '../session-setup.js';

export interface RunQuizOptions extends CommandContext {
  topics: string[];
  count: number;
  difficulty: DifficultyChoice;
  seed?: number;
  timeLimit?: number;
  banks: string[];
  /** Choose each next question by information at the current ability estimate; --count is the maximum length. */
  adaptive?: boolean;
  seTarget?: number;
  /** Right or wrong with the explanation after each answer; stored as practice, never in reports or statistics. */
  practice?: boolean;
}

export async function runQuiz(options: RunQuizOptions): Promise<PlayResult> {
  requireTerminal(options, 'backend-quiz quiz');
  const bankPaths = absolutePaths(options.banks, options.cwd);
  const banks = await loadValidBanks(bankPaths, options.cwd);
  checkTopics(options.topics, banks);
  const seed = options.seed ?? newSeed();
  const questions = banks.flatMap((b) => b.questions);
  const items = options.adaptive ? [] : selectQuestions(questions, options, createRandom(seed));
  if (!options.adaptive && items.length === 0)
    throw new UsageError(
      `no ${options.difficulty === 'mixed' ? '' : `${options.difficulty} `}questions in ${options.topics.join(', ') || 'the banks'}`,
    );

  const db = openDatabase(options.dbPath);
  try {
    const measurement = new MeasurementStore(db);
    const params = measurement.params();
    const targets = equalTargets(options.topics.length > 0 ? options.topics : banks.map((b) => b.domain));
    const adaptive: AdaptiveSettings | undefined = options.adaptive
      ? {
          // By default the precision the fixed quiz of --count questions reaches, so adaptive mode is shorter
          // at equal precision rather than longer at a precision nobody asked for.
          seTarget:
            options.seTarget ??
            matchedSeTarget(
              questions.filter((q) => targets[q.domain] !== undefined),
              params,
              options.count,
            ),
          maxLength: options.count,
          targets,
        }
      : undefined;
    const store = new SessionStore(db);
    const id = newSessionId();
    const timeLimitMs = minutesToMs(options.timeLimit);
    const mode = options.practice ? 'practice' : 'exam';
    store.create({
      id,
      kind: 'quiz',
      mode,
      startedAt: isoTime(options.now()),
      seed,
      timeLimitMs,
      settings: {
        topics: options.topics,
        difficulty: options.difficulty,
        count: options.count,
        banks: bankPaths,
        ...(adaptive ? { adaptive } : {}),
      },
      items,
    });
    const theme = createTheme(options.color);
    const limit = timeLimitMs === null ? 'no time limit' : `${options.timeLimit} min`;
    const fewer = !adaptive && items.length < options.count ? ` (only ${items.length} match)` : '';
    const size = adaptive
      ? `adaptive, up to ${options.count} questions (stops at SE ≤ ${adaptive.seTarget.toFixed(2)})`
      : `${items.length} questions${fewer}`;
    print(
      options.stdout,
      theme.dim(
        wrapText(
          `${options.practice ? 'Practice · ' : ''}Session ${id} · seed ${seed} · ${size} · ${limit} · Ctrl-C saves and exits`,
          terminalSize(options.stdout).columns,
        ),
      ),
    );
    return await playSession({
      ctx: options,
      store,
      sessionId: id,
      questions: questionIndex(banks),
      titles: domainTitles(banks),
      review: true,
      ...studyOptions(options, db, { kind: 'quiz', mode }),
      ...(adaptive
        ? {
            adaptive: adaptivePlan(adaptive, questions, params, seed, (e) =>
              measurement.setAbility(id, e.theta, e.se),
            ),
          }
        : {}),
    });
  } finally {
    db.close();
  }
}
