// Forges result files as a determined candidate could: edit the content, re-grade it so the score agrees, and
// recompute the digest. Whatever import rejects afterwards, it rejects for the rule under test.
import type { Question } from '../../src/core/bank-schema.js';
import { resultDigest, type ResultFile } from '../../src/core/result-file.js';
import { scoreAnswer, summarize, type SqlVerdicts } from '../../src/core/scoring.js';

/** `sqlVerdicts`: what the forger claims of its SQL answers (true marks a query correct, whatever it returns). */
export function forgeResult(
  base: ResultFile,
  questions: ReadonlyMap<string, Question>,
  edit: (r: ResultFile) => void,
  sqlVerdicts?: SqlVerdicts,
): ResultFile {
  const r = structuredClone(base);
  edit(r);
  for (const t of r.transcript) {
    const q = questions.get(t.id);
    t.correct = t.chosen === null || !q ? null : scoreAnswer(q, t.chosen, sqlVerdicts);
  }
  const s = summarize(
    r.transcript.map((t) => ({ domain: t.domain, difficulty: t.difficulty, correct: t.correct })),
  );
  r.score = {
    percent: s.score,
    correct: s.correct,
    total: s.total,
    passed: s.score >= r.assessment.passMark,
    domains: Object.fromEntries(Object.entries(s.byDomain).map(([d, t]) => [d, t.percent])),
  };
  const content: Partial<ResultFile> = { ...r };
  delete content.digest;
  return { ...r, digest: resultDigest(content as Omit<ResultFile, 'digest'>) };
}

/** The response that answers a question right, or wrong. */
export function answerFor(question: Question, right: boolean): string[] {
  if (question.type === 'text') return right ? [question.answer[0]!] : ['no idea'];
  if (right) return [...question.answer];
  return [question.options.find((o) => !question.answer.includes(o.id))!.id];
}
