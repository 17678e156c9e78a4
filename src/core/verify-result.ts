// Checks a candidate's result file against the manager's own banks and re-grades it; never trusts its score.
// Two steps, so SQL answers can be run between them: checkResult (everything but grading), then gradeResult.
import {
  answerShapeProblem,
  formatRuleBreak,
  listIds as list,
  resultRuleBreaks,
  type AssessmentLookup,
  type RegisteredAssessment,
} from './assessment-rules.js';
import type { Question } from './bank-schema.js';
import { percent, scoreAnswer, sqlAnswerKey, summarize, type SqlVerdicts } from './scoring.js';
import {
  questionHash,
  resultDigest,
  resultFileSchema,
  type ResultFile,
  type TranscriptEntry,
} from './result-file.js';

export interface RegradedAnswer {
  id: string;
  domain: string;
  difficulty: Question['difficulty'];
  shown: string[];
  chosen: string[] | null;
  seconds: number | null;
  correct: boolean;
}

export interface Verified {
  result: ResultFile;
  /** The manager's registered copy: the pass mark, title and time limit come from here, never from the file. */
  assessment: RegisteredAssessment;
  answers: RegradedAnswer[];
  correct: number;
  total: number;
  score: number;
  passed: boolean;
}

const mark = (correct: boolean) => (correct ? 'correct' : 'wrong');

export type VerifyOutcome = { ok: true; verified: Verified } | { ok: false; problems: string[] };

/** What a result file is checked against: the manager's banks and registered assessments, and the time now. */
export interface VerifyContext {
  questions: ReadonlyMap<string, Question>;
  findAssessment: AssessmentLookup;
  now: number;
  /** Results taken from a bundle: their transcript in the banks' option ids, from the manager's record. */
  unseal?: (result: ResultFile) => Unsealed;
  /** Verdicts on the SQL answers, found by running them on the manager's side (see sqlAnswersOf). */
  sqlVerdicts?: SqlVerdicts;
}

/** A result taken from a bundle, mapped back to the banks' option ids and the key-bearing question hashes. */
export type Unsealed = { ok: true; transcript: TranscriptEntry[] } | { ok: false; problems: string[] };

/** A result file that passed every check but the grading, its transcript in the banks' option ids. */
export interface CheckedResult {
  result: ResultFile;
  registered: RegisteredAssessment;
  transcript: TranscriptEntry[];
}

export type CheckOutcome = { ok: true; checked: CheckedResult } | { ok: false; problems: string[] };

/** Checks and re-grades in one go: SQL answers need their verdicts in the context. */
export function verifyResult(data: unknown, context: VerifyContext): VerifyOutcome {
  const checked = checkResult(data, context);
  return checked.ok ? gradeResult(checked.checked, context) : checked;
}

/**
 * Everything but the grading: the file's shape and digest, its bundle, its assessment and rules, and that each
 * question is the manager's, unchanged, with an answer shaped for it. Only a file that passes has its SQL run.
 */
export function checkResult(data: unknown, context: VerifyContext): CheckOutcome {
  const { questions } = context;
  const parsed = resultFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      problems: [`not a valid result file: ${issue.path.join('.') || 'the file'}: ${issue.message}`],
    };
  }
  const result = parsed.data;
  if (resultDigest(result) !== result.digest)
    return {
      ok: false,
      problems: ['the digest does not match the content: the file was changed after backend-quiz wrote it'],
    };

  // A bundle's result can only be read with the record of its bundle: without it, nothing else can be checked.
  let transcript = result.transcript;
  if (result.bundle) {
    const unsealed = context.unseal?.(result) ?? {
      ok: false,
      problems: ['no record of bundles to grade it with'],
    };
    if (!unsealed.ok) return unsealed;
    transcript = unsealed.transcript;
  }

  const registered = context.findAssessment(result.assessment.id, result.assessment.hash);
  if (!registered)
    return {
      ok: false,
      problems: [
        `assessment ${result.assessment.id} (version ${result.assessment.hash.slice(0, 8)}) is not registered: pass the assessment file you sent with --assessment <file> (unknown-assessment)`,
      ],
    };
  const broken = resultRuleBreaks(registered, result, context.now, (id) => questions.get(id)?.type);
  if (broken.length > 0) return { ok: false, problems: broken.map(formatRuleBreak) };

  const problems: string[] = [];
  const unknown = transcript.filter((t) => !questions.has(t.id)).map((t) => t.id);
  if (unknown.length > 0) problems.push(`unknown question(s) ${list(unknown)}: not in these banks`);
  const changed = transcript
    .filter((t) => questions.has(t.id) && questionHash(questions.get(t.id)!) !== t.contentHash)
    .map((t) => t.id);
  if (changed.length > 0)
    problems.push(
      `question(s) ${list(changed)} changed since the assessment was sent; they are not re-graded against different content (import with the banks the assessment was sent with)`,
    );
  if (problems.length > 0) return { ok: false, problems };

  for (const t of transcript) {
    const question = questions.get(t.id)!;
    const optionIds = question.options.map((o) => o.id);
    if (t.shown.length !== optionIds.length || !optionIds.every((id) => t.shown.includes(id)))
      problems.push(`question ${t.id}: the options shown do not match the question`);
    const shape = t.chosen && answerShapeProblem(question, t.chosen);
    if (shape) problems.push(formatRuleBreak(shape));
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, checked: { result, registered, transcript } };
}

/** The SQL answers of a checked file: what must be run before it is graded. Blank ones are wrong unrun. */
export function sqlAnswersOf(
  checked: CheckedResult,
  questions: ReadonlyMap<string, Question>,
): { question: Question; sql: string }[] {
  return checked.transcript.flatMap((t) => {
    const question = questions.get(t.id)!;
    const sql = t.chosen?.[0];
    return question.type === 'sql' && sql !== undefined && sql.trim() !== '' ? [{ question, sql }] : [];
  });
}

/** Re-grades a checked file against the manager's key and compares with every mark and score the file claims. */
export function gradeResult(checked: CheckedResult, context: VerifyContext): VerifyOutcome {
  const { result, registered, transcript } = checked;
  const { questions, sqlVerdicts } = context;
  const answers: RegradedAnswer[] = [];
  const unrun = sqlAnswersOf(checked, questions)
    .filter((a) => !sqlVerdicts?.has(sqlAnswerKey(a.question.id, a.sql)))
    .map((a) => a.question.id);
  if (unrun.length > 0)
    return { ok: false, problems: [`the SQL answer(s) to ${list(unrun)} could not be run to grade them`] };
  for (const t of transcript) {
    const question = questions.get(t.id)!;
    const correct = t.chosen !== null && scoreAnswer(question, t.chosen, sqlVerdicts);
    answers.push({
      id: t.id,
      domain: question.domain,
      difficulty: question.difficulty,
      shown: t.shown,
      chosen: t.chosen,
      seconds: t.seconds,
      correct,
    });
  }

  const summary = summarize(
    answers.map((a) => ({
      domain: a.domain,
      difficulty: a.difficulty,
      correct: a.chosen === null ? null : a.correct,
    })),
  );
  const claimed = result.score;
  const perQuestionMismatch = transcript.flatMap((t, i) =>
    t.correct !== null && t.correct !== answers[i]!.correct
      ? [`${t.id} (file: ${mark(t.correct)}, re-graded: ${mark(answers[i]!.correct)})`]
      : [],
  );
  // Name only what differs: equal totals with swapped marks must not read as two identical scores.
  const mismatch: string[] = [];
  if (claimed && (Math.abs(claimed.percent - summary.score) > 0.05 || claimed.correct !== summary.correct))
    mismatch.push(
      `the score in the file (${claimed.percent.toFixed(1)}%, ${claimed.correct} correct) does not match the re-graded score (${summary.score.toFixed(1)}%, ${summary.correct} correct)`,
    );
  if (perQuestionMismatch.length > 0)
    mismatch.push(`question marks in the file differ from the re-grade: ${list(perQuestionMismatch)}`);
  if (mismatch.length > 0) return { ok: false, problems: [mismatch.join('; ')] };
  return {
    ok: true,
    verified: {
      result,
      assessment: registered,
      answers,
      correct: summary.correct,
      total: summary.total,
      score: percent(summary.correct, summary.total),
      passed: summary.score >= registered.assessment.passMark,
    },
  };
}
