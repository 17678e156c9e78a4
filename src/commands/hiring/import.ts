// backend-quiz import: verified, re-graded result files into the manager's database. Idempotent.
import { EXIT_CHECK_FAILED, ExitError } from '../../core/errors.js';
import { openDatabase } from '../../store/database.js';
import { withSpinner } from '../../ui/spinner.js';
import { importSession, SessionStore } from '../../store/sessions.js';
import { print } from '../context.js';
import { describeVerdict, fileEntry, verifyFiles, type FileEntry, type RunVerifyOptions } from './verify.js';

export type RunImportOptions = RunVerifyOptions;

type ImportOutcome = 'imported' | 'duplicate' | 'rejected';

export interface ImportSummary {
  imported: number;
  duplicates: number;
  rejected: number;
}

export async function runImport(options: RunImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { imported: 0, duplicates: 0, rejected: 0 };
  const entries: (FileEntry & { outcome: ImportOutcome })[] = [];
  // Text lines as each file is handled; with --json one document at the end.
  const say = (line: string) => {
    if (!options.json) print(options.stdout, line);
  };
  const db = openDatabase(options.dbPath);
  try {
    const verdicts = await withSpinner('Verifying and re-grading result files', options.stderr, () =>
      verifyFiles(options, db, true),
    );
    const store = new SessionStore(db);
    for (const verdict of verdicts) {
      if (!verdict.ok) {
        summary.rejected++;
        entries.push({ ...fileEntry(verdict), outcome: 'rejected' });
        say(describeVerdict(verdict, options.color));
        continue;
      }
      const { result, assessment, answers, correct, score } = verdict.verified;
      // Everything but the answers comes from the manager's registered assessment.
      const timeLimit = assessment.assessment.timeLimit;
      const outcome = importSession(store, db, {
        id: result.session.id,
        startedAt: result.session.startedAt,
        finishedAt: result.session.finishedAt,
        status: result.session.status,
        seed: result.session.seed,
        timeLimitMs: timeLimit === undefined ? null : timeLimit * 60_000,
        elapsedMs: Math.round(result.session.elapsedSeconds * 1000),
        candidate: result.candidate,
        assessmentId: assessment.id,
        assessmentHash: assessment.hash,
        resultDigest: result.digest,
        settings: {
          topics: [...new Set(answers.map((a) => a.domain))],
          difficulty: 'mixed',
          count: answers.length,
          banks: [],
          assessment: {
            id: assessment.id,
            title: assessment.title,
            passMark: assessment.assessment.passMark,
            hash: assessment.hash,
            ...(result.bundle ? { bundleId: result.bundle.id } : {}),
          },
        },
        items: answers.map((a) => ({
          questionId: a.id,
          domain: a.domain,
          difficulty: a.difficulty,
          optionOrder: a.shown,
        })),
        answers: answers.map((a) => ({
          questionId: a.id,
          response: a.chosen,
          correct: a.correct,
          seconds: a.seconds,
        })),
        correct,
        score,
      });
      if (outcome === 'imported') summary.imported++;
      if (outcome === 'duplicate') summary.duplicates++;
      if (outcome === 'conflict') summary.rejected++;
      entries.push(
        outcome === 'conflict'
          ? {
              ...fileEntry(verdict),
              ok: false,
              problems: ['a different file for this session was already imported'],
              outcome: 'rejected',
            }
          : { ...fileEntry(verdict), outcome },
      );
      const note =
        outcome === 'imported'
          ? ''
          : outcome === 'duplicate'
            ? ' (already imported; nothing added)'
            : ' — rejected: a different file for this session was already imported';
      say(`${describeVerdict(verdict, options.color)}${note}`);
    }
  } finally {
    db.close();
  }
  if (options.json) print(options.stdout, JSON.stringify({ files: entries, ...summary }, null, 2));
  else
    say(`${summary.imported} imported, ${summary.duplicates} already imported, ${summary.rejected} rejected`);
  if (summary.rejected > 0) throw new ExitError(EXIT_CHECK_FAILED);
  return summary;
}
