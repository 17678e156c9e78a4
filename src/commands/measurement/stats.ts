// backend-quiz stats: classical item analysis (Moodle's definitions) with distractor analysis and dubious flags.
import { codeLines, type Question } from '../../core/bank-schema.js';
import { EXIT_CHECK_FAILED, ExitError } from '../../core/errors.js';
import {
  itemStatistics,
  meanMark,
  type QuizStatistics,
  type SparseResponses,
} from '../../core/statistics.js';
import { openDatabase } from '../../store/database.js';
import { MeasurementStore, type MeasurementFilter } from '../../store/measurement.js';
import { renderTable } from '../../ui/render.js';
import { createTheme } from '../../ui/theme.js';
import { loadValidBanks } from '../../bank/banks.js';
import { withSpinner } from '../../ui/spinner.js';
import { print, type CommandContext } from '../context.js';
import { responsesFromCsv, responsesFromDb } from './responses-input.js';
import { absolutePaths, questionIndex } from '../session-setup.js';

export interface RunStatsOptions extends CommandContext {
  json: boolean;
  failOnDubious: boolean;
  /** Questions presented in fewer attempts are reported as too few attempts, never dubious. */
  minAttempts: number;
  responses?: string;
  filter: MeasurementFilter;
  banks: string[];
}

/** Percentage a candidate guessing at random would score, by question type (all-or-nothing marking). */
export function randomGuessScore(question: Question): number {
  const k = question.options.length;
  switch (question.type) {
    case 'single':
    case 'true-false':
      return k === 0 ? 0 : 100 / k;
    case 'multiple':
      return k === 0 ? 0 : 100 / (2 ** k - 1);
    case 'order': {
      let orders = 1;
      for (let i = 2; i <= k; i++) orders *= i;
      return 100 / orders;
    }
    case 'lines': {
      // Any non-empty set of the code's lines may be marked.
      const n = question.code ? codeLines(question.code.text).length : 0;
      return n === 0 ? 0 : 100 / (2 ** n - 1);
    }
    case 'text':
    case 'sql':
      return 0;
  }
}

type Distractors = Record<string, Record<string, { top: number; bottom: number }>>;

/**
 * Whether a question's answers are worth a distractor analysis: not for a query or marked lines (no options), nor
 * for order, whose options are steps that every answer holds, so how often one is chosen says nothing.
 */
export function hasDistractors(question: Question | undefined): boolean {
  return question === undefined || !['sql', 'lines', 'order'].includes(question.type);
}

/** How often each option was chosen by the top and the bottom third of attempts (by total score), in percent. */
function distractorAnalysis(
  store: MeasurementStore,
  filter: MeasurementFilter,
  sparse: SparseResponses,
  questions: ReadonlyMap<string, Question>,
): Distractors {
  const totals = sparse.rows.map((r) => meanMark(r.marks));
  const order = totals.map((_, i) => i).sort((x, y) => totals[x]! - totals[y]!);
  const third = Math.floor(order.length / 3);
  const group = new Int8Array(order.length);
  order.slice(0, third).forEach((i) => (group[i] = -1));
  order.slice(order.length - third).forEach((i) => (group[i] = 1));
  const counts = new Map<
    string,
    { top: number; bottom: number; options: Map<string, { top: number; bottom: number }> }
  >();
  let k = 0;
  for (const attempt of store.firstAttempts(filter, true)) {
    const g = group[k++];
    if (!g) continue;
    attempt.questionIds.forEach((id, j) => {
      const c = counts.get(id) ?? {
        top: 0,
        bottom: 0,
        options: new Map<string, { top: number; bottom: number }>(),
      };
      counts.set(id, c);
      if (g === 1) c.top++;
      else c.bottom++;
      if (!hasDistractors(questions.get(id))) return;
      for (const option of attempt.responses[j] ?? []) {
        const o = c.options.get(option) ?? { top: 0, bottom: 0 };
        c.options.set(option, o);
        if (g === 1) o.top++;
        else o.bottom++;
      }
    });
  }
  const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);
  return Object.fromEntries(
    [...counts].map(([id, c]) => [
      id,
      Object.fromEntries(
        [...c.options].map(([o, v]) => [o, { top: pct(v.top, c.top), bottom: pct(v.bottom, c.bottom) }]),
      ),
    ]),
  );
}

export async function runStats(options: RunStatsOptions): Promise<QuizStatistics> {
  const questions = questionIndex(
    await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd),
  );
  // Reading and analysing hundreds of thousands of attempts takes a while: the phase shows on a terminal.
  const { sparse, distractors, exposure } = await withSpinner(
    'Reading attempts',
    options.stderr,
    (progress): { sparse: SparseResponses; distractors: Distractors; exposure?: Map<string, number> } => {
      if (options.responses)
        return { sparse: responsesFromCsv(options.responses, options.cwd), distractors: {} };
      // Aggregates over every row: a damaged page must stop the command, not quietly drop answers.
      const db = openDatabase(options.dbPath, { verify: true });
      try {
        const store = new MeasurementStore(db);
        const read = responsesFromDb(store, options.filter);
        progress(`Distractor analysis of ${read.rows.length} attempts`);
        return {
          sparse: read,
          distractors: distractorAnalysis(store, options.filter, read, questions),
          exposure: store.exposure(options.filter),
        };
      } finally {
        db.close();
      }
    },
    { enabled: !options.json },
  );
  const randomGuess = Object.fromEntries(
    sparse.itemIds.flatMap((id) => (questions.has(id) ? [[id, randomGuessScore(questions.get(id)!)]] : [])),
  );
  const result = itemStatistics(sparse, { randomGuess, minAttempts: options.minAttempts });
  // Moodle shows the coefficient of internal consistency as a percentage, like every other figure here.
  const test = { ...result.test, alpha: result.test.alpha === null ? null : result.test.alpha * 100 };
  // seen: candidates shown the question in any session (later attempts and unfinished ones too); in a CSV every
  // row is a candidate, so it is the number of responses.
  const items = result.items.map(({ id, n, ...rest }) => ({
    id,
    n,
    seen: exposure?.get(id) ?? n,
    ...rest,
    distractors: distractors[id] ?? {},
  }));
  if (options.json)
    print(options.stdout, JSON.stringify({ attempts: result.attempts, test, items }, null, 2));
  else printStats(options, result.attempts, test, items);
  // Questions with too few attempts are not dubious, so they never fail the check.
  if (options.failOnDubious && items.some((i) => i.dubious))
    throw new ExitError(EXIT_CHECK_FAILED, `${items.filter((i) => i.dubious).length} dubious item(s)`);
  return result;
}

function printStats(
  options: RunStatsOptions,
  attempts: number,
  test: QuizStatistics['test'],
  items: (QuizStatistics['items'][number] & { seen: number; distractors: Distractors[string] })[],
): void {
  const theme = createTheme(options.color);
  const f = (v: number | null, digits = 1) => (v === null ? '-' : v.toFixed(digits));
  print(
    options.stdout,
    theme.bold(`${attempts} attempt(s)${options.responses ? '' : ' (the first attempt of each candidate)'}`),
  );
  print(
    options.stdout,
    `mean ${f(test.mean)}%  median ${f(test.median)}%  SD ${f(test.sd)}%  skewness ${f(test.skewness, 2)}  kurtosis ${f(test.kurtosis, 2)}\n` +
      `internal consistency (alpha) ${f(test.alpha)}%  error ratio ${f(test.errorRatio)}%  standard error ${f(test.sem)}%\n`,
  );
  const rows = items.map((i) => [
    i.id,
    String(i.n),
    String(i.seen),
    f(i.facility),
    f(i.sd),
    f(i.randomGuess),
    f(i.discrimination),
    f(i.efficiency),
    f(i.effectiveWeight),
    i.tooFewAttempts ? 'too few attempts' : i.dubious ? i.reasons.join(',') : '',
  ]);
  print(
    options.stdout,
    renderTable(
      ['question', 'n', 'seen', 'facility', 'SD', 'guess', 'discrim', 'effic', 'weight', 'dubious'],
      rows,
      theme,
    ),
  );
  const thin = items.filter((i) => i.tooFewAttempts).length;
  if (thin > 0)
    print(
      options.stdout,
      `${thin} question(s) presented in fewer than ${options.minAttempts} attempts: figures shown, not judged (--min-attempts).`,
    );
  // A block only where some option was chosen by the top or the bottom third: never an empty heading.
  const dubious = items.filter(
    (i) => i.dubious && Object.values(i.distractors).some((v) => v.top > 0 || v.bottom > 0),
  );
  for (const item of dubious) {
    const lines = Object.entries(item.distractors).map(
      ([o, v]) =>
        `    ${o.padEnd(24)} top third ${v.top.toFixed(1).padStart(5)}%   bottom third ${v.bottom.toFixed(1).padStart(5)}%`,
    );
    print(
      options.stdout,
      `\n${theme.yellow(item.id)} (${item.reasons.join(', ')}): options chosen\n${lines.join('\n')}`,
    );
  }
}
