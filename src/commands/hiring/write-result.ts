// Writes the result file of a finished assessment session (shared by take and resume).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Question } from '../../core/bank-schema.js';
import { UsageError } from '../../core/errors.js';
import {
  BUNDLE_RESULT_FORMAT,
  questionHash,
  resultDigest,
  RESULT_FORMAT,
  type ResultFile,
} from '../../core/result-file.js';
import { visibleHash } from '../../bundle/schema.js';
import { summarize } from '../../core/scoring.js';
import type { SessionStore } from '../../store/sessions.js';
import { packageVersion } from '../../paths.js';
import { isoTime, resumeCommand, type CommandContext } from '../context.js';

/** What `take` stores in the session's settings so that `resume` can write the same result file. */
export interface AssessmentSettings {
  id: string;
  title: string;
  passMark: number;
  hash: string;
  showExplanations: boolean;
  bankHashes: Record<string, string>;
  /** Folder or .json file the result goes to. */
  out: string;
  /** Set when taken from a bundle: the session keeps where it is and its hash, never its questions. */
  bundle?: { id: string; path: string; hash: string; sealed: boolean };
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .slice(0, 40) || 'candidate'
  );
}

export function buildResultFile(
  store: SessionStore,
  sessionId: string,
  questions: ReadonlyMap<string, Question>,
  now: number,
): ResultFile {
  const session = store.get(sessionId);
  if (!session?.candidate) throw new UsageError(`session ${sessionId} is not an assessment`);
  const settings = session.settings.assessment as AssessmentSettings;
  const items = store.items(sessionId);
  const answers = new Map(store.answers(sessionId).map((a) => [a.position, a]));
  const bundle = settings.bundle;
  // A bundle has no key, so it cannot carry questionHash; its results name what the candidate saw instead.
  const hashOf = bundle ? visibleHash : questionHash;
  const graded = bundle?.sealed !== true;
  const transcript = items.map((item, position) => {
    const answer = answers.get(position);
    return {
      id: item.questionId,
      domain: item.domain,
      difficulty: item.difficulty,
      contentHash: hashOf(questions.get(item.questionId)!),
      shown: item.optionOrder,
      chosen: answer?.response ?? null,
      seconds: answer?.seconds ?? null,
      correct: answer && graded ? answer.correct : null,
    };
  });
  const summary = summarize(
    transcript.map((t) => ({ domain: t.domain, difficulty: t.difficulty, correct: t.correct })),
  );
  const content: Omit<ResultFile, 'digest'> = {
    format: bundle ? BUNDLE_RESULT_FORMAT : RESULT_FORMAT,
    tool: { name: 'backend-quiz', version: packageVersion() },
    assessment: { id: settings.id, title: settings.title, passMark: settings.passMark, hash: settings.hash },
    candidate: session.candidate,
    session: {
      id: session.id,
      seed: session.seed,
      status: session.status === 'expired' ? 'expired' : 'completed',
      startedAt: session.startedAt,
      finishedAt: session.finishedAt ?? isoTime(now),
      timeLimitMinutes: session.timeLimitMs === null ? null : session.timeLimitMs / 60_000,
      elapsedSeconds: Math.round(session.elapsedMs / 100) / 10,
    },
    banks: Object.entries(settings.bankHashes).map(([domain, hash]) => ({ domain, hash })),
    ...(bundle ? { bundle: { id: bundle.id, hash: bundle.hash } } : {}),
    transcript,
    score: graded
      ? {
          percent: summary.score,
          correct: summary.correct,
          total: summary.total,
          passed: summary.score >= settings.passMark,
          domains: Object.fromEntries(Object.entries(summary.byDomain).map(([d, t]) => [d, t.percent])),
        }
      : null,
  };
  return { ...content, digest: resultDigest(content) };
}

export function writeResultFile(
  ctx: CommandContext,
  store: SessionStore,
  sessionId: string,
  questions: ReadonlyMap<string, Question>,
): string {
  const result = buildResultFile(store, sessionId, questions, ctx.now());
  const out = (store.get(sessionId)!.settings.assessment as AssessmentSettings).out;
  const file = out.endsWith('.json')
    ? out
    : path.join(out, `${result.assessment.id}-${slug(result.candidate.name)}-${result.session.id}.json`);
  try {
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(
      `cannot write the result file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. Your answers are saved; run ${resumeCommand(ctx, sessionId)} from a writable folder to write it again.`,
    );
  }
  return file;
}
