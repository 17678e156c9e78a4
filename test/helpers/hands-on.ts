// Takes an assessment on the hands-on fixture bank the way `take` does once its questions are answered: a session
// in the candidate's database, each answer stored and graded as given (SQL in the sandbox, on the banks of this
// open run; nothing graded from a sealed bundle, which has no key), then the result file written by the module
// take uses.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadValidBanksFromYaml } from '../../src/bank/load-banks.js';
import { readAssessment } from '../../src/bank/read-assessment.js';
import { bundleQuestions, openBundle, readBundleFile } from '../../src/bundle/read.js';
import { selectAssessmentItems, type Assessment } from '../../src/core/assessment.js';
import type { Question } from '../../src/core/bank-schema.js';
import { createRandom } from '../../src/core/random.js';
import type { ResultFile } from '../../src/core/result-file.js';
import { scoreAnswer, summarize } from '../../src/core/scoring.js';
import { gradeSqlAnswers } from '../../src/commands/grade-sql.js';
import { buildResultFile, type AssessmentSettings } from '../../src/commands/hiring/write-result.js';
import { openDatabase } from '../../src/store/database.js';
import { SessionStore } from '../../src/store/sessions.js';
import { FIXTURES } from './fixtures.js';

/** The bank file itself: other hands-on fixtures live beside it. */
export const HANDS_ON_BANK = path.join(FIXTURES, 'banks', 'hands-on', 'grading.yaml');
export const SQL_ID = 'hands-customers-without-orders';
export const LINES_ID = 'hands-lines-sql-injection';
export const ORDER_ID = 'hands-order-tls-handshake';

export const HANDS_ON_ASSESSMENT = `format: 1
id: hands-on-grading
title: Hands-on grading
domains:
  - id: hands
    questions: [${SQL_ID}, ${LINES_ID}, ${ORDER_ID}]
passMark: 60
`;

export function handsOnQuestions(): Map<string, Question> {
  return new Map(
    loadValidBanksFromYaml([HANDS_ON_BANK], FIXTURES).flatMap((b) =>
      b.questions.map((q) => [q.id, q] as const),
    ),
  );
}

let sessionCounter = 0;

interface Source {
  assessment: Assessment;
  hash: string;
  questions: Map<string, Question>;
  bundle?: AssessmentSettings['bundle'];
}

function source(assessmentFile: string, bundleFile: string | undefined): Source {
  if (!bundleFile) {
    const questions = handsOnQuestions();
    return { ...readAssessment(assessmentFile, assessmentFile, [...questions.values()]), questions };
  }
  const onDisk = readBundleFile(bundleFile, bundleFile);
  const content = openBundle(onDisk, bundleFile);
  return {
    assessment: content.assessment,
    hash: content.assessmentHash,
    questions: new Map(bundleQuestions(content).map((q) => [q.id, q])),
    bundle: { id: onDisk.file.id, path: bundleFile, hash: onDisk.hash, sealed: true },
  };
}

/**
 * Answers every question (responses in the bank's terms: order steps by the bank's option ids, which a bundle's
 * questions carry under other ids with the same texts) and writes the result file into `out`.
 */
export async function takeHandsOn(o: {
  assessment: string;
  /** A sealed bundle of the assessment: taken from it alone, as a candidate without the banks does. */
  bundle?: string;
  db: string;
  out: string;
  name: string;
  email: string;
  answers: Record<string, string[]>;
  now: number;
}): Promise<{ file: string; result: ResultFile }> {
  const { assessment, hash, questions, bundle } = source(o.assessment, o.bundle);
  const bank = handsOnQuestions();
  const responseTo = (q: Question): string[] => {
    const given = o.answers[q.id]!;
    if (q.type !== 'order') return given;
    const text = (id: string) => bank.get(q.id)!.options.find((x) => x.id === id)!.text;
    return given.map((id) => q.options.find((x) => x.text === text(id))!.id);
  };
  const seed = 7;
  const items = selectAssessmentItems(assessment, [...questions.values()], createRandom(seed));
  const sql = await gradeSqlAnswers(
    bundle
      ? []
      : items.flatMap((i) => {
          const q = questions.get(i.questionId)!;
          return q.type === 'sql' ? [{ question: q, sql: o.answers[q.id]?.[0] ?? '' }] : [];
        }),
  );
  const settings: AssessmentSettings = {
    id: assessment.id,
    title: assessment.title,
    passMark: assessment.passMark,
    hash,
    showExplanations: false,
    bankHashes: {},
    out: o.out,
    ...(bundle ? { bundle } : {}),
  };
  const id = `${(0xabc000 + ++sessionCounter).toString(16)}${process.pid.toString(16)}`.slice(0, 12);
  const start = o.now - 10 * 60_000;
  const db = openDatabase(o.db);
  try {
    const store = new SessionStore(db);
    store.create({
      id,
      kind: 'assessment',
      startedAt: new Date(start).toISOString(),
      seed,
      timeLimitMs: null,
      settings: {
        topics: ['hands'],
        difficulty: 'mixed',
        count: items.length,
        banks: bundle ? [] : [HANDS_ON_BANK],
        assessment: settings,
      },
      items,
      candidate: { name: o.name, email: o.email },
      assessmentId: assessment.id,
    });
    const marks = items.map((item, position) => {
      const question = questions.get(item.questionId)!;
      const response = responseTo(question);
      const correct = bundle ? null : scoreAnswer(question, response, sql.verdicts);
      store.recordAnswer(id, {
        position,
        questionId: item.questionId,
        response,
        correct: correct === true,
        seconds: 60,
        answeredAt: new Date(start + (position + 1) * 60_000).toISOString(),
        elapsedMs: (position + 1) * 60_000,
      });
      return { domain: item.domain, difficulty: item.difficulty, correct };
    });
    const summary = summarize(marks);
    store.finish(id, 'completed', {
      finishedAt: new Date(start + 5 * 60_000).toISOString(),
      elapsedMs: 5 * 60_000,
      correct: bundle ? null : summary.correct,
      score: bundle ? null : summary.score,
    });
    const result = buildResultFile(store, id, questions, o.now);
    const file = path.join(o.out, `${assessment.id}-${id}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return { file, result };
  } finally {
    db.close();
  }
}
