// Re-grading result files with sql, lines and order answers: SQL verdicts come from outside (the sandbox), every
// mark the file claims is compared with the re-grade, and answers must be shaped for their question's type.
import { describe, expect, it } from 'vitest';
import { loadValidBanksFromYaml } from '../../src/bank/load-banks.js';
import { answerShapeProblem, registeredAssessment } from '../../src/core/assessment-rules.js';
import { assessmentSchema } from '../../src/core/assessment.js';
import { questionHash, resultDigest, type ResultFile } from '../../src/core/result-file.js';
import { sqlAnswerKey, summarize } from '../../src/core/scoring.js';
import {
  checkResult,
  gradeResult,
  sqlAnswersOf,
  verifyResult,
  type VerifyContext,
} from '../../src/core/verify-result.js';
import { FIXTURES } from '../helpers/fixtures.js';
import path from 'node:path';

const HANDS = path.join(FIXTURES, 'banks', 'hands-on', 'grading.yaml');
const questions = new Map(
  loadValidBanksFromYaml([HANDS], FIXTURES).flatMap((b) => b.questions.map((q) => [q.id, q] as const)),
);
const SQL = 'hands-customers-without-orders';
const LINES = 'hands-lines-sql-injection';
const ORDER = 'hands-order-tls-handshake';
const RIGHT_QUERY =
  'SELECT c.id, c.name FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.id IS NULL';
const WRONG_QUERY = 'SELECT id, name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)';

const registered = registeredAssessment(
  assessmentSchema.parse({
    format: 1,
    id: 'hands',
    title: 'Hands',
    domains: [{ id: 'hands', questions: [SQL, LINES, ORDER] }],
    passMark: 50,
  }),
  'h',
  [...questions.values()],
);
// The verdicts the manager's sandbox found: the grader is outside core, so core is told.
const sqlVerdicts = new Map([
  [sqlAnswerKey(SQL, RIGHT_QUERY), true],
  [sqlAnswerKey(SQL, WRONG_QUERY), false],
]);
const context: VerifyContext = {
  questions,
  now: Date.parse('2026-11-27T12:00:00.000Z'),
  findAssessment: (id, hash) => (id === 'hands' && hash === 'h' ? registered : undefined),
  sqlVerdicts,
};

type Entry = ResultFile['transcript'][number];

/** A file as an honest candidate's machine writes it: marks from the same verdicts, digest over the content. */
function resultFile(answers: Record<string, string[] | null>, edit: (r: ResultFile) => void = () => {}) {
  const transcript: Entry[] = [SQL, LINES, ORDER].map((id) => {
    const q = questions.get(id)!;
    return {
      id,
      domain: q.domain,
      difficulty: q.difficulty,
      contentHash: questionHash(q),
      shown: q.type === 'order' ? ['certificate', 'client-hello', 'client-finished', 'server-hello'] : [],
      chosen: answers[id] ?? null,
      seconds: 20,
      correct: null,
    };
  });
  const r: ResultFile = {
    format: 1,
    tool: { name: 'backend-quiz', version: '0.1.0' },
    assessment: { id: 'hands', title: 'Hands', passMark: 50, hash: 'h' },
    candidate: { name: 'Ada Lovelace', email: 'ada@example.com' },
    session: {
      id: 'abcdef',
      seed: 1,
      status: 'completed',
      startedAt: '2026-11-27T10:00:00.000Z',
      finishedAt: '2026-11-27T10:05:00.000Z',
      timeLimitMinutes: null,
      elapsedSeconds: 300,
    },
    banks: [],
    transcript,
    score: null,
    digest: '',
  };
  for (const t of r.transcript) t.correct = t.chosen === null ? null : honestMark(t);
  edit(r);
  const s = summarize(
    r.transcript.map((t) => ({ domain: t.domain, difficulty: t.difficulty, correct: t.correct })),
  );
  r.score = {
    percent: s.score,
    correct: s.correct,
    total: s.total,
    passed: s.score >= 50,
    domains: Object.fromEntries(Object.entries(s.byDomain).map(([d, t]) => [d, t.percent])),
  };
  r.digest = resultDigest(r);
  return r;
}

function honestMark(t: Entry): boolean {
  const q = questions.get(t.id)!;
  const chosen = t.chosen!;
  if (q.type === 'sql') return sqlVerdicts.get(sqlAnswerKey(t.id, chosen[0] ?? '')) === true;
  return q.answer.length === chosen.length && q.answer.every((k, i) => chosen[i] === k);
}

const right = { [SQL]: [RIGHT_QUERY], [LINES]: ['5'], [ORDER]: questions.get(ORDER)!.answer };
const wrong = {
  [SQL]: [WRONG_QUERY],
  [LINES]: ['4', '6'],
  [ORDER]: ['server-hello', 'client-hello', 'certificate', 'client-finished'],
};

describe('verifyResult with sql, lines and order answers', () => {
  it('re-grades right answers, a query written unlike the reference included', () => {
    const outcome = verifyResult(resultFile(right), context);
    expect(outcome.ok && outcome.verified.answers.map((a) => [a.id, a.correct])).toEqual([
      [SQL, true],
      [LINES, true],
      [ORDER, true],
    ]);
  });

  it('re-grades wrong answers, several marked lines included', () => {
    const outcome = verifyResult(resultFile(wrong), context);
    expect(outcome.ok && outcome.verified.score).toBe(0);
  });

  it('rejects a file that claims a wrong query correct', () => {
    const forged = resultFile(wrong, (r) => (r.transcript[0]!.correct = true));
    const outcome = verifyResult(forged, context);
    expect(outcome.ok ? [] : outcome.problems).toEqual([
      expect.stringContaining(`${SQL} (file: correct, re-graded: wrong)`),
    ]);
  });

  it('never grades a query that was not run', () => {
    const outcome = verifyResult(resultFile(right), { ...context, sqlVerdicts: new Map() });
    expect(outcome.ok ? [] : outcome.problems).toEqual([
      `the SQL answer(s) to ${SQL} could not be run to grade them`,
    ]);
  });

  it('marks a blank query wrong without running it', () => {
    const outcome = verifyResult(
      resultFile({ ...right, [SQL]: ['  '] }, (r) => (r.transcript[0]!.correct = false)),
      { ...context, sqlVerdicts: new Map() },
    );
    expect(outcome.ok && outcome.verified.answers[0]!.correct).toBe(false);
  });

  it('lists the SQL answers to run only once the file passed every other check', () => {
    const checked = checkResult(resultFile(wrong), context);
    expect(checked.ok && sqlAnswersOf(checked.checked, questions)).toEqual([
      { question: questions.get(SQL), sql: WRONG_QUERY },
    ]);
    const broken = checkResult({ ...resultFile(wrong), digest: `sha256:${'0'.repeat(64)}` }, context);
    expect(broken.ok).toBe(false);
    if (checked.ok) expect(gradeResult(checked.checked, context).ok).toBe(true);
  });

  it.each<{ name: string; edit: (r: ResultFile) => void; problem: string }>([
    {
      name: 'a marked line the code does not have',
      edit: (r) => (r.transcript[1]!.chosen = ['5', '7']),
      problem: 'marks lines its code does not have (lines 1 to 6) (answer-shape)',
    },
    {
      name: 'a line number that is not a number',
      edit: (r) => (r.transcript[1]!.chosen = ['05']),
      problem: 'marks lines its code does not have',
    },
    {
      name: 'an order that leaves a step out',
      edit: (r) => (r.transcript[2]!.chosen = ['client-hello', 'server-hello', 'certificate']),
      problem: 'does not place every step once (answer-shape)',
    },
    {
      name: 'an order with a step the question does not have',
      edit: (r) => (r.transcript[2]!.chosen = ['client-hello', 'server-hello', 'certificate', 'alert']),
      problem: 'names a step the question does not have',
    },
    {
      name: 'two queries',
      edit: (r) => (r.transcript[0]!.chosen = [RIGHT_QUERY, 'SELECT 1']),
      problem: `the answer(s) to ${SQL} repeat an option, give several texts or queries`,
    },
    {
      name: 'options shown for a lines question',
      edit: (r) => (r.transcript[1]!.shown = ['5']),
      problem: `question ${LINES}: the options shown do not match the question`,
    },
    {
      name: 'a query longer than any answer',
      edit: (r) => (r.transcript[0]!.chosen = [`SELECT 1 ${'-'.repeat(10_000)}`]),
      problem: '(10000 for a query) (answer-shape)',
    },
  ])('rejects $name', ({ edit, problem }) => {
    const outcome = verifyResult(resultFile(right, edit), context);
    expect(outcome.ok ? [] : outcome.problems).toEqual([expect.stringContaining(problem)]);
  });
});

describe('answerShapeProblem', () => {
  const single = { ...questions.get(ORDER)!, id: 's', type: 'single' as const, answer: ['certificate'] };
  it.each([
    {
      question: single,
      chosen: ['certificate', 'alert'],
      rule: 'names an option the question does not have',
    },
    { question: single, chosen: ['certificate'], rule: null },
    { question: questions.get(ORDER)!, chosen: [...questions.get(ORDER)!.answer].reverse(), rule: null },
    { question: questions.get(ORDER)!, chosen: ['certificate'], rule: 'does not place every step once' },
    { question: questions.get(LINES)!, chosen: ['1', '6'], rule: null },
    { question: questions.get(LINES)!, chosen: ['0'], rule: 'marks lines' },
    { question: questions.get(LINES)!, chosen: ['7'], rule: 'marks lines' },
    { question: questions.get(SQL)!, chosen: [RIGHT_QUERY], rule: null },
  ])('$question.type $chosen', ({ question, chosen, rule }) => {
    const problem = answerShapeProblem(question, chosen);
    if (rule === null) expect(problem).toBeNull();
    else expect(problem?.message).toContain(rule);
  });
});
