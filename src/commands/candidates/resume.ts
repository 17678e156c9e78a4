// backend-quiz resume: continue an interrupted (or killed) session at its first unanswered question.
import { loadValidBanks } from '../../bank/banks.js';
import { UsageError } from '../../core/errors.js';
import { formatClock, remainingMs, usedMs } from '../../core/timer.js';
import { openDatabase } from '../../store/database.js';
import { MeasurementStore } from '../../store/measurement.js';
import { SessionStore, type SessionRow } from '../../store/sessions.js';
import { adaptivePlan, type AdaptiveSettings } from '../item-pool.js';
import { askResumeChoice } from '../../ui/prompts.js';
import { createTheme } from '../../ui/theme.js';
import { print, requireTerminal, type CommandContext } from '../context.js';
import { playSession, type PlayResult } from '../play-session.js';
import { studyOptions } from '../study.js';
import { absolutePaths, domainTitles, questionIndex } from '../session-setup.js';
import { bundleQuestionIndex } from '../hiring/open-bundle.js';
import { writeResultFile, type AssessmentSettings } from '../hiring/write-result.js';

export interface RunResumeOptions extends CommandContext {
  sessionId?: string;
  /** Overrides the bank folders recorded with the session. */
  banks?: string[];
}

async function chooseSession(store: SessionStore, options: RunResumeOptions): Promise<SessionRow> {
  if (options.sessionId) {
    const matches = store.findByPrefix(options.sessionId);
    if (matches.length === 0)
      throw new UsageError(`no session ${options.sessionId}; see backend-quiz history`);
    if (matches.length > 1)
      throw new UsageError(`${options.sessionId} matches ${matches.length} sessions; type more of the id`);
    const session = matches[0]!;
    if (session.status === 'completed' || session.status === 'expired')
      throw new UsageError(
        `session ${session.id} is already ${session.status}; start a new one with backend-quiz quiz`,
      );
    return session;
  }
  const resumable = store.listResumable();
  if (resumable.length === 0)
    throw new UsageError('there is no interrupted quiz to resume; start one with backend-quiz quiz');
  if (resumable.length === 1) return resumable[0]!;
  const id = await askResumeChoice(
    resumable.map((s) => ({
      id: s.id,
      label: `${s.id}  ${s.startedAt.slice(0, 16).replace('T', ' ')}  ${s.answered}/${s.total} answered`,
    })),
    { input: options.stdin, output: options.stdout },
  );
  return resumable.find((s) => s.id === id)!;
}

async function bankQuestionIndex(paths: string[], cwd: string) {
  const banks = await loadValidBanks(paths, cwd);
  return { questions: questionIndex(banks), titles: domainTitles(banks) };
}

export async function runResume(options: RunResumeOptions): Promise<PlayResult> {
  requireTerminal(options, 'backend-quiz resume');
  const db = openDatabase(options.dbPath);
  try {
    const store = new SessionStore(db);
    const session = await chooseSession(store, options);
    const assessment = session.settings.assessment as AssessmentSettings | undefined;
    // A session taken from a bundle never stored its questions: they come from the bundle again.
    const { questions, titles } = assessment?.bundle
      ? await bundleQuestionIndex(assessment.bundle, options)
      : await bankQuestionIndex(
          options.banks ? absolutePaths(options.banks, options.cwd) : session.settings.banks,
          options.cwd,
        );
    const remaining = remainingMs(session.timeLimitMs, usedMs(session, options.now()));
    const theme = createTheme(options.color);
    const left = remaining === null ? '' : ` · ${formatClock(remaining)} left`;
    print(
      options.stdout,
      theme.dim(`Resuming ${session.id} at question ${session.answered + 1}/${session.total}${left}`),
    );
    const adaptive = session.settings.adaptive as AdaptiveSettings | undefined;
    const measurement = new MeasurementStore(db);
    const result = await playSession({
      ctx: options,
      store,
      sessionId: session.id,
      questions,
      titles,
      review: assessment ? assessment.showExplanations : true,
      graded: assessment?.bundle?.sealed !== true,
      ...studyOptions(options, db, session),
      // The randomesque draw continues from a seed derived from the answers so far; the questions already asked stay.
      ...(adaptive
        ? {
            adaptive: adaptivePlan(
              adaptive,
              questions.values(),
              measurement.params(),
              session.seed + session.answered,
              (e) => measurement.setAbility(session.id, e.theta, e.se),
            ),
          }
        : {}),
    });
    if (assessment) {
      const file = writeResultFile(options, store, session.id, questions);
      print(options.stdout, `\nResult written to ${file}. Send this file to the hiring manager.`);
    }
    return result;
  } finally {
    db.close();
  }
}
