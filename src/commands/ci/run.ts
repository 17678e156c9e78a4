// backend-quiz run: a quiz without prompts for scripts and CI. Answers come from a file; output is text, JSON or JUnit.
// SQL answers are run in the sandbox on the banks' check data before they are scored.
import { hostname } from 'node:os';
import path from 'node:path';
import { loadValidBanks } from '../../bank/banks.js';
import { readAnswers } from '../../bank/read-answers.js';
import { readInputFile, readInputStream } from '../../bank/read-input.js';
import { resolveAnswer } from '../../core/answers.js';
import type { Question } from '../../core/bank-schema.js';
import { BankError, EXIT_CHECK_FAILED, ExitError, UsageError, type Problem } from '../../core/errors.js';
import type { RunFormat } from '../../core/formats.js';
import { createRandom } from '../../core/random.js';
import { clip, describeKey, describeResponse } from '../../core/describe-answer.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { scoreAnswer, sqlAnswerKey, summarize, type Response } from '../../core/scoring.js';
import { selectQuestions, toQuizItem, type DifficultyChoice, type QuizItem } from '../../core/selection.js';
import { junitReport } from '../../report/junit.js';
import { openDatabase } from '../../store/database.js';
import { SessionStore } from '../../store/sessions.js';
import { renderSummary } from '../../ui/render.js';
import { createTheme } from '../../ui/theme.js';
import { isoTime, print, type CommandContext } from '../context.js';
import { gradeSqlAnswers } from '../grade-sql.js';
import { saveWaiting } from '../save-answers.js';
import {
  absolutePaths,
  checkTopics,
  domainTitles,
  newSeed,
  newSessionId,
  questionIndex,
} from '../session-setup.js';

export interface RunRunOptions extends CommandContext {
  answers: string;
  banks: string[];
  topics?: string[];
  count?: number;
  difficulty?: DifficultyChoice;
  seed?: number;
  format: RunFormat;
  passMark?: number;
  record: boolean;
}

export interface RunResult {
  score: number;
  passed: boolean;
  total: number;
  correct: number;
  domains: Record<string, number>;
  /** reason: sql questions only, the grader's one line (what differs from the expected result, or why it did not run). */
  questions: { id: string; correct: boolean; reason?: string }[];
}

/** An answers file names each question once; anything this large is not one. */
export const MAX_ANSWERS_BYTES = 8 * 1024 * 1024;

async function readInput(file: string, ctx: CommandContext): Promise<string> {
  const input =
    file === '-'
      ? await readInputStream(ctx.stdin, MAX_ANSWERS_BYTES)
      : readInputFile(path.resolve(ctx.cwd, file), MAX_ANSWERS_BYTES);
  if (!input.ok) throw new UsageError(`cannot read the answers file ${file}: ${input.reason}`);
  return input.text;
}

export async function runRun(options: RunRunOptions): Promise<RunResult> {
  const shown = options.answers === '-' ? '<stdin>' : options.answers;
  const { entries, problems } = readAnswers(await readInput(options.answers, options), shown);
  if (problems.length > 0) throw new BankError(problems);

  const bankPaths = absolutePaths(options.banks, options.cwd);
  const banks = await loadValidBanks(bankPaths, options.cwd);
  const questions = questionIndex(banks);
  const located: Problem[] = [];
  const answerOf = new Map<string, (typeof entries)[number]>();
  for (const entry of entries) {
    if (!questions.has(entry.questionId))
      located.push({
        file: shown,
        line: entry.line,
        column: entry.column,
        rule: 'unknown-question',
        message: `no question "${entry.questionId}" in the banks`,
      });
    else answerOf.set(entry.questionId, entry);
  }

  // With selection options the quiz is drawn as `quiz` would draw it; without, it is exactly the answered questions.
  const selecting = [options.topics, options.count, options.difficulty, options.seed].some(
    (v) => v !== undefined,
  );
  const seed = options.seed ?? newSeed();
  const random = createRandom(seed);
  let items: QuizItem[];
  if (selecting) {
    checkTopics(options.topics ?? [], banks);
    items = selectQuestions(
      [...questions.values()],
      { topics: options.topics ?? [], difficulty: options.difficulty ?? 'mixed', count: options.count ?? 20 },
      random,
    );
    for (const item of items)
      if (!answerOf.has(item.questionId))
        located.push({
          file: shown,
          line: 1,
          column: 1,
          rule: 'missing-answer',
          message: `no answer for question "${item.questionId}"`,
        });
  } else {
    items = [...answerOf.keys()].map((id) => toQuizItem(questions.get(id)!, random));
  }
  if (items.length === 0 && located.length === 0)
    throw new UsageError('no questions to run: the answers file is empty and no selection was given');

  const responses = new Map<string, Response>();
  for (const item of items) {
    const entry = answerOf.get(item.questionId);
    if (!entry) continue;
    const resolved = resolveAnswer(questions.get(item.questionId)!, entry.value);
    if (resolved.ok) responses.set(item.questionId, resolved.response);
    else
      located.push({
        file: shown,
        line: entry.line,
        column: entry.column,
        rule: 'invalid-answer',
        message: resolved.message,
      });
  }
  if (located.length > 0) throw new BankError(located);

  const sql = await gradeSqlAnswers(
    items.flatMap((item) => {
      const question = questions.get(item.questionId)!;
      return question.type === 'sql' ? [{ question, sql: responses.get(item.questionId)![0] ?? '' }] : [];
    }),
  );
  const graded = items.map((item): Graded => {
    const question = questions.get(item.questionId)!;
    const response = responses.get(item.questionId)!;
    const correct = scoreAnswer(question, response, sql.verdicts);
    if (question.type !== 'sql') return { item, question, response, correct };
    const query = response[0] ?? '';
    const reason = sql.reasons.get(sqlAnswerKey(question.id, query)) ?? 'no query';
    return { item, question, response, correct, reason };
  });
  const summary = summarize(
    graded.map((g) => ({ domain: g.item.domain, difficulty: g.item.difficulty, correct: g.correct })),
  );
  const passMark = options.passMark ?? null;
  const result: RunResult = {
    score: summary.score,
    passed: passMark === null || summary.score >= passMark,
    total: summary.total,
    correct: summary.correct,
    domains: Object.fromEntries(Object.entries(summary.byDomain).map(([d, t]) => [d, t.percent])),
    questions: graded.map((g) => ({
      id: g.question.id,
      correct: g.correct,
      ...(g.reason === undefined ? {} : { reason: g.reason }),
    })),
  };

  if (options.record) await record(options, { seed, bankPaths, items, graded, summary, selecting });
  output(options, result, graded, summary, banks);
  if (!result.passed) throw new ExitError(EXIT_CHECK_FAILED);
  return result;
}

interface Graded {
  item: QuizItem;
  question: Question;
  response: Response;
  correct: boolean;
  /** sql: the grader's reason. */
  reason?: string;
}

/** The whole run is one transaction, saved even if another program holds the database for a while. */
async function record(
  options: RunRunOptions,
  run: {
    seed: number;
    bankPaths: string[];
    items: QuizItem[];
    graded: Graded[];
    summary: ReturnType<typeof summarize>;
    selecting: boolean;
  },
): Promise<void> {
  const db = openDatabase(options.dbPath);
  try {
    const store = new SessionStore(db);
    const id = newSessionId();
    const now = isoTime(options.now());
    const save = () =>
      db
        .transaction(() => {
          store.create({
            id,
            kind: 'run',
            startedAt: now,
            seed: run.seed,
            timeLimitMs: null,
            settings: {
              topics: options.topics ?? [],
              difficulty: options.difficulty ?? 'mixed',
              count: run.items.length,
              banks: run.bankPaths,
            },
            items: run.items,
          });
          run.graded.forEach((g, position) =>
            store.recordAnswer(id, {
              position,
              questionId: g.question.id,
              response: g.response,
              correct: g.correct,
              seconds: 0,
              answeredAt: now,
              elapsedMs: 0,
            }),
          );
          store.finish(id, 'completed', {
            finishedAt: now,
            elapsedMs: 0,
            correct: run.summary.correct,
            score: run.summary.score,
          });
        })
        .immediate();
    await saveWaiting(
      options,
      store,
      save,
      run.graded.map((g) => ({ questionId: g.question.id, response: g.response })),
      'Nothing of this run was recorded; run the command again (the answers file is unchanged).',
    );
  } finally {
    db.close();
  }
}

/**
 * The JUnit failure message: the answer given and the key, each in its type's words. A sql answer has no single
 * expected text: the grader's reason says how its result differs, then the reference query (the key, as the other
 * types print theirs).
 */
function failureMessage(g: Graded): string {
  const answered = `answered: ${describeResponse(g.question, g.response) || '(nothing)'}`;
  if (g.question.type === 'sql')
    return `${answered}; ${g.reason ?? 'wrong'}; expected the result of: ${describeKey(g.question)}`;
  return `${answered}; expected: ${describeKey(g.question)}`;
}

/** A missed answer stays on one line: a long query is cut with an ellipsis. */
const ANSWER_WIDTH = 100;

function output(
  options: RunRunOptions,
  result: RunResult,
  graded: Graded[],
  summary: ReturnType<typeof summarize>,
  banks: Parameters<typeof domainTitles>[0],
): void {
  switch (options.format) {
    case 'json':
      print(options.stdout, JSON.stringify(result, null, 2));
      return;
    case 'junit':
      print(
        options.stdout,
        junitReport({
          name: 'backend-quiz',
          timestamp: isoTime(options.now()),
          hostname: hostname(),
          score: result.score,
          passMark: options.passMark ?? null,
          cases: graded.map((g) => ({
            id: g.question.id,
            domain: g.item.domain,
            correct: g.correct,
            message: failureMessage(g),
            explanation: g.question.explanation,
            references: g.question.references,
          })),
        }),
      );
      return;
    case 'text': {
      const theme = createTheme(options.color);
      print(options.stdout, renderSummary(summary, domainTitles(banks), theme, 'completed'));
      // What was answered, never the key (JUnit has the keys); a wrong query also gets the grader's reason.
      const missed = graded
        .filter((g) => !g.correct)
        .map((g) => {
          const answered = `answered: ${clip(describeResponse(g.question, g.response), ANSWER_WIDTH) || '(nothing)'}`;
          const why = g.reason === undefined ? '' : `${g.reason}; `;
          return `  ✗ ${g.question.id}: ${sanitizeLine(why + answered)}`;
        });
      if (missed.length > 0) print(options.stdout, `\nMissed:\n${missed.join('\n')}`);
      if (options.passMark !== undefined)
        print(
          options.stdout,
          `\n${result.passed ? theme.green('PASSED') : theme.red('FAILED')}: ${result.score.toFixed(1)}% against a pass mark of ${options.passMark}%`,
        );
    }
  }
}
