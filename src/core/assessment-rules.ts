// What the manager's own copy of an assessment allows, and the rules an imported result file must keep: the file's
// answers are the only thing trusted; its pass mark, time limit and form are checked against the registered copy.
import { codeLines, DIFFICULTIES, type Difficulty, type Question, type QuestionType } from './bank-schema.js';
import { splitByMix, type Assessment } from './assessment.js';
import type { ResultFile } from './result-file.js';
import { minutesToMs } from './timer.js';

/** A question the assessment can draw, as the manager's banks had it when the assessment was registered. */
export interface PoolQuestion {
  id: string;
  domain: string;
  difficulty: Difficulty;
}

/** The manager's copy of one version of an assessment: its parsed settings and the pool it draws from. */
export interface RegisteredAssessment {
  id: string;
  /** SHA-256 of the assessment file's text; with the id it names one version (one cohort). */
  hash: string;
  title: string;
  assessment: Assessment;
  pool: PoolQuestion[];
}

export type AssessmentLookup = (id: string, hash: string) => RegisteredAssessment | undefined;

/** A broken rule: `rule` is a stable name, `message` says what the file holds. */
export interface RuleBreak {
  rule: string;
  message: string;
}

/** Candidate names and emails longer than this are refused (they end up in every report row). */
export const MAX_CANDIDATE_LENGTH = 200;
/** A typed answer longer than this is not an answer to any question here. */
export const MAX_TEXT_ANSWER_LENGTH = 1000;
/** A query longer than this is not an answer to a task here (reference queries run to a few hundred characters). */
export const MAX_SQL_ANSWER_LENGTH = 10_000;
/** Slack on the time limit for the moments between the clock running out and the session being saved. */
export const TIME_GRACE_SECONDS = 30;

// C0 and C1 controls (line breaks and tabs included), DEL, line/paragraph separators and bidi controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function registeredAssessment(
  assessment: Assessment,
  hash: string,
  questions: readonly Question[],
): RegisteredAssessment {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const pool = new Map<string, PoolQuestion>();
  const add = (q: Question) => pool.set(q.id, { id: q.id, domain: q.domain, difficulty: q.difficulty });
  for (const domain of assessment.domains)
    if (domain.questions) for (const id of domain.questions) add(byId.get(id)!);
    else for (const q of questions) if (q.domain === domain.id) add(q);
  return { id: assessment.id, hash, title: assessment.title, assessment, pool: [...pool.values()] };
}

/** Why a candidate name or email cannot be used, or null. Shared by `take` (as typed) and import (as read). */
export function candidateFieldProblem(field: 'name' | 'email', value: string): RuleBreak | null {
  if (value.length > MAX_CANDIDATE_LENGTH)
    return {
      rule: 'candidate-length',
      message: `the candidate ${field} has ${value.length} characters; at most ${MAX_CANDIDATE_LENGTH} are allowed`,
    };
  if (CONTROL.test(value))
    return {
      rule: 'candidate-control',
      message: `the candidate ${field} contains control characters (line breaks, tabs or escapes)`,
    };
  if (value.trim() === '') return { rule: 'candidate-empty', message: `the candidate ${field} is empty` };
  return null;
}

/** Up to five ids, then how many more. */
export function listIds(ids: string[]): string {
  const unique = [...new Set(ids)];
  return unique.length > 5
    ? `${unique.slice(0, 5).join(', ')} and ${unique.length - 5} more`
    : unique.join(', ');
}

/** The settings the file repeats must be the registered ones: a file cannot lower its own pass mark. */
function settingProblems(reg: RegisteredAssessment, result: ResultFile): RuleBreak[] {
  const a = reg.assessment;
  const out: RuleBreak[] = [];
  if (result.assessment.passMark !== a.passMark)
    out.push({
      rule: 'pass-mark',
      message: `the pass mark in the file (${result.assessment.passMark}%) is not the assessment's (${a.passMark}%)`,
    });
  const limit = a.timeLimit ?? null;
  if (minutesToMs(result.session.timeLimitMinutes) !== minutesToMs(limit))
    out.push({
      rule: 'time-limit',
      message: `the time limit in the file (${result.session.timeLimitMinutes ?? 'none'}) is not the assessment's (${limit === null ? 'none' : `${limit} min`})`,
    });
  if (a.seedPolicy === 'same-for-all' && result.session.seed !== a.seed)
    out.push({
      rule: 'seed',
      message: `the assessment gives every candidate the draw of seed ${a.seed}; the file has seed ${result.session.seed}`,
    });
  return out;
}

/** The questions must be a form the assessment can produce: from its pool, once each, in its counts and mix. */
function formProblems(reg: RegisteredAssessment, result: ResultFile): RuleBreak[] {
  const a = reg.assessment;
  const pool = new Map(reg.pool.map((q) => [q.id, q]));
  const ids = result.transcript.map((t) => t.id);
  const seen = new Set<string>();
  const duplicates = ids.filter((id) => seen.size === seen.add(id).size);
  if (duplicates.length > 0)
    return [
      { rule: 'duplicate-question', message: `question(s) ${listIds(duplicates)} appear more than once` },
    ];
  const outside = ids.filter((id) => !pool.has(id));
  if (outside.length > 0)
    return [
      {
        rule: 'outside-pool',
        message: `question(s) ${listIds(outside)} are not in the pool of assessment ${reg.id}`,
      },
    ];
  const mislabelled = result.transcript
    .filter((t) => pool.get(t.id)!.domain !== t.domain || pool.get(t.id)!.difficulty !== t.difficulty)
    .map((t) => t.id);
  if (mislabelled.length > 0)
    return [
      {
        rule: 'outside-pool',
        message: `question(s) ${listIds(mislabelled)} carry another domain or difficulty than in the assessment's pool`,
      },
    ];

  const maxLength = a.domains.reduce((n, d) => n + (d.count ?? d.questions?.length ?? 0), 0);
  if (ids.length === 0 || ids.length > maxLength)
    return [
      {
        rule: 'domain-count',
        message: `the file has ${ids.length} question(s); the assessment asks ${a.adaptive ? 'from 1 to ' : ''}${maxLength}`,
      },
    ];
  if (a.adaptive) return [];

  const out: RuleBreak[] = [];
  const explicit = new Set(a.domains.flatMap((d) => d.questions ?? []));
  const missing = [...explicit].filter((id) => !seen.has(id));
  if (missing.length > 0)
    out.push({
      rule: 'domain-questions',
      message: `question(s) ${listIds(missing)} that the assessment always asks are missing`,
    });
  const expected = new Map<string, number>();
  for (const d of a.domains) expected.set(d.id, (expected.get(d.id) ?? 0) + (d.count ?? d.questions!.length));
  for (const [domain, count] of expected) {
    const actual = result.transcript.filter((t) => t.domain === domain).length;
    if (actual !== count)
      out.push({
        rule: 'domain-count',
        message: `${domain}: ${actual} question(s) in the file; the assessment asks ${count}`,
      });
  }
  if (out.length > 0 || !a.difficulty) return out;
  // A drawn domain takes the mix's share of each level, falling back to other levels only where a level runs short.
  for (const d of a.domains) {
    if (d.count === undefined) continue;
    const want = splitByMix(d.count, a.difficulty);
    const drawn = result.transcript.filter((t) => t.domain === d.id && !explicit.has(t.id));
    for (const level of DIFFICULTIES) {
      const available = reg.pool.filter(
        (q) => q.domain === d.id && q.difficulty === level && !explicit.has(q.id),
      ).length;
      const need = Math.min(want[level], available);
      const got = drawn.filter((t) => t.difficulty === level).length;
      if (got < need)
        out.push({
          rule: 'difficulty-mix',
          message: `${d.id}: ${got} ${level} question(s) in the file; the assessment's mix draws ${need}`,
        });
    }
  }
  return out;
}

/** Times must be possible: within the limit (plus a grace), per-question seconds within the elapsed time. */
function timeProblems(reg: RegisteredAssessment, result: ResultFile, now: number): RuleBreak[] {
  const { session, transcript } = result;
  const start = Date.parse(session.startedAt);
  const end = Date.parse(session.finishedAt);
  if (end < start)
    return [{ rule: 'times', message: 'the session finished before it started (finishedAt < startedAt)' }];
  if (end > now + 5 * 60_000)
    return [{ rule: 'times', message: `the session finished in the future (${session.finishedAt})` }];
  const wall = (end - start) / 1000;
  const out: RuleBreak[] = [];
  // Elapsed seconds are rounded to a tenth, as is each question's time.
  if (session.elapsedSeconds > wall + 1)
    out.push({
      rule: 'times',
      message: `${session.elapsedSeconds} s elapsed, but only ${wall.toFixed(1)} s passed between start and finish`,
    });
  const unTimed = transcript.filter((t) => t.chosen !== null && t.seconds === null).map((t) => t.id);
  if (unTimed.length > 0)
    out.push({ rule: 'times', message: `answered question(s) ${listIds(unTimed)} have no time` });
  const sum = transcript.reduce((s, t) => s + (t.seconds ?? 0), 0);
  if (sum > session.elapsedSeconds + 0.05 * transcript.length + 1)
    out.push({
      rule: 'times',
      message: `the seconds per question add up to ${sum.toFixed(1)} s, more than the ${session.elapsedSeconds} s elapsed`,
    });
  const limit = reg.assessment.timeLimit;
  if (limit !== undefined) {
    const longest = Math.max(wall, session.elapsedSeconds);
    if (longest > limit * 60 + TIME_GRACE_SECONDS)
      out.push({
        rule: 'time-limit-exceeded',
        message: `the session took ${longest.toFixed(0)} s; the time limit is ${limit * 60} s (+${TIME_GRACE_SECONDS} s grace)`,
      });
  }
  return out;
}

/** Line numbers as a lines answer gives them: whole numbers, no sign, no fraction. */
const LINE_NUMBER = /^\d{1,6}$/;

/**
 * Answers must be shaped like answers: no repeated option or line, one bounded text for a text question and one
 * bounded query for a sql one, only line numbers for a lines question (the one type without options that takes
 * several answers). What needs the question itself is answerShapeProblem's.
 */
function answerProblems(result: ResultFile, typeOf: QuestionTypeOf): RuleBreak[] {
  const bad = result.transcript
    .filter((t) => {
      if (t.chosen === null) return false;
      const type = typeOf(t.id);
      const limit = type === 'sql' ? MAX_SQL_ANSWER_LENGTH : MAX_TEXT_ANSWER_LENGTH;
      return (
        new Set(t.chosen).size !== t.chosen.length ||
        t.chosen.some((c) => c.length > limit) ||
        (type === 'lines'
          ? t.chosen.some((c) => !LINE_NUMBER.test(c))
          : t.shown.length === 0 && t.chosen.length > 1)
      );
    })
    .map((t) => t.id);
  return bad.length > 0
    ? [
        {
          rule: 'answer-shape',
          message: `the answer(s) to ${listIds(bad)} repeat an option, give several texts or queries, mark something other than line numbers or exceed ${MAX_TEXT_ANSWER_LENGTH} characters (${MAX_SQL_ANSWER_LENGTH} for a query)`,
        },
      ]
    : [];
}

/**
 * Why a recorded answer (in the banks' option ids) does not fit its question, or null: only options the question
 * has, every step once for order, only lines its code has. The rest of an answer's shape is answerProblems'.
 */
export function answerShapeProblem(question: Question, chosen: readonly string[]): RuleBreak | null {
  const shape = (message: string): RuleBreak => ({ rule: 'answer-shape', message });
  const ids = new Set(question.options.map((o) => o.id));
  switch (question.type) {
    case 'single':
    case 'multiple':
    case 'true-false':
      return chosen.every((c) => ids.has(c))
        ? null
        : shape(`the answer to ${question.id} names an option the question does not have`);
    case 'order':
      if (!chosen.every((c) => ids.has(c)))
        return shape(`the answer to ${question.id} names a step the question does not have`);
      return chosen.length === ids.size
        ? null
        : shape(`the answer to ${question.id} does not place every step once`);
    case 'lines': {
      const count = codeLines(question.code?.text ?? '').length;
      const outside = chosen.filter((c) => !/^[1-9]\d*$/.test(c) || Number(c) > count);
      return outside.length === 0
        ? null
        : shape(`the answer to ${question.id} marks lines its code does not have (lines 1 to ${count})`);
    }
    case 'text':
    case 'sql':
      return null;
  }
}

/** The type of a question in the manager's banks; undefined for one they do not have (reported elsewhere). */
export type QuestionTypeOf = (id: string) => QuestionType | undefined;

/** Every rule the file breaks against the registered assessment; empty when the file may be re-graded. */
export function resultRuleBreaks(
  reg: RegisteredAssessment,
  result: ResultFile,
  now: number,
  typeOf: QuestionTypeOf = () => undefined,
): RuleBreak[] {
  const candidate = [
    candidateFieldProblem('name', result.candidate.name),
    candidateFieldProblem('email', result.candidate.email),
  ].filter((p): p is RuleBreak => p !== null);
  return [
    ...candidate,
    ...settingProblems(reg, result),
    ...formProblems(reg, result),
    ...timeProblems(reg, result, now),
    ...answerProblems(result, typeOf),
  ];
}

export function formatRuleBreak(problem: RuleBreak): string {
  return `${problem.message} (${problem.rule})`;
}
