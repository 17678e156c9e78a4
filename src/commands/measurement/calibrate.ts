// backend-quiz calibrate: 2PL item parameters by marginal maximum likelihood (or Bayes modal with --prior),
// stored for adaptive mode.
import { loadValidBanks } from '../../bank/banks.js';
import { UsageError } from '../../core/errors.js';
import {
  calibrate2PL,
  DEFAULT_PRIOR,
  difficultyPrior,
  type Calibration,
  type UncalibratedReason,
} from '../../core/irt.js';
import { dichotomize, firstFractional, type SparseResponses } from '../../core/statistics.js';
import { openDatabase } from '../../store/database.js';
import { MeasurementStore, type MeasurementFilter } from '../../store/measurement.js';
import { renderTable } from '../../ui/render.js';
import { withSpinner } from '../../ui/spinner.js';
import { createTheme } from '../../ui/theme.js';
import { isoTime, print, type CommandContext } from '../context.js';
import { responsesFromCsv, responsesFromDb } from './responses-input.js';
import { absolutePaths, questionIndex } from '../session-setup.js';

export interface RunCalibrateOptions extends CommandContext {
  json: boolean;
  responses?: string;
  minResponses: number;
  /** Marks at or above this count as right; required when the responses have fractional marks. */
  dichotomize?: number;
  /** Bayes modal estimation with DEFAULT_PRIOR instead of plain marginal maximum likelihood. */
  prior: boolean;
  maxCycles: number;
  save: boolean;
  filter: MeasurementFilter;
  banks: string[];
}

const REASONS: Record<UncalibratedReason, string> = {
  'too-few-responses': 'provisional (too few responses)',
  'all-correct': 'provisional (all correct: left out)',
  'all-wrong': 'provisional (all wrong: left out)',
};

const SE_METHODS: Record<Calibration['seMethod'], string> = {
  full: 'standard errors from the full information matrix',
  'per-item': "standard errors from each question's own information (approximate: ignores covariances)",
  none: 'nothing calibrated',
};

export async function runCalibrate(options: RunCalibrateOptions): Promise<Calibration> {
  const questions = questionIndex(
    await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd),
  );
  const db = openDatabase(options.dbPath, { verify: true }); // aggregates: damage must not skew them
  try {
    const store = new MeasurementStore(db);
    const read: SparseResponses = options.responses
      ? responsesFromCsv(options.responses, options.cwd)
      : responsesFromDb(store, options.filter);
    // 2PL models right/wrong: fractional marks need an explicit threshold, never a silent rounding.
    const fractional = firstFractional(read);
    if (fractional && options.dichotomize === undefined)
      throw new UsageError(
        `calibrate needs 0/1 marks, and attempt ${fractional.attempt} has ${fractional.mark} for question ${fractional.id}: pass --dichotomize <threshold> to count marks at or above it as right`,
      );
    const sparse = options.dichotomize === undefined ? read : dichotomize(read, options.dichotomize);
    if (sparse.rows.length === 0)
      throw new UsageError('no responses to calibrate on: import result files or pass --responses <csv>');
    // Questions with too few responses keep the prior their difficulty label implies.
    const priors = Object.fromEntries(
      sparse.itemIds.flatMap((id) =>
        questions.has(id) ? [[id, difficultyPrior(questions.get(id)!.difficulty)]] : [],
      ),
    );
    const what = `Calibrating ${sparse.itemIds.length} questions on ${sparse.rows.length} attempts`;
    const calibration = await withSpinner(
      what,
      options.stderr,
      (progress) =>
        calibrate2PL(sparse, {
          minResponses: options.minResponses,
          priors,
          prior: options.prior ? DEFAULT_PRIOR : null,
          maxIterations: options.maxCycles,
          onCycle: (cycle, logLik) =>
            progress(`${what}: EM cycle ${cycle}, log-likelihood ${logLik.toFixed(3)}`),
        }),
      { enabled: !options.json },
    );
    for (const item of calibration.items)
      if (item.reason === 'all-correct' || item.reason === 'all-wrong')
        print(
          options.stderr,
          `${item.id}: ${item.reason === 'all-correct' ? 'every' : 'no'} response is correct, so it has no finite estimate; left out of the fit, it keeps its provisional values`,
        );
    if (!calibration.converged)
      print(
        options.stderr,
        `not converged after ${calibration.iterations} EM cycle(s) (--max-cycles); the estimates are those of the last cycle`,
      );
    if (options.save)
      store.saveParams(
        calibration.items
          .filter((i) => i.calibrated)
          .map((i) => ({ id: i.id, a: i.a, b: i.b, seA: i.seA, seB: i.seB, n: i.n })),
        isoTime(options.now()),
      );
    if (options.json) {
      const items = calibration.items.map(({ id, a, b, seA, seB, n, calibrated, reason }) => ({
        id,
        a,
        b,
        seA,
        seB,
        n,
        calibrated,
        reason,
      }));
      print(
        options.stdout,
        JSON.stringify(
          {
            model: calibration.model,
            estimation: calibration.prior === null ? 'mml' : 'bayes-modal',
            prior: calibration.prior,
            logLik: calibration.logLik,
            iterations: calibration.iterations,
            converged: calibration.converged,
            seMethod: calibration.seMethod,
            items,
          },
          null,
          2,
        ),
      );
    } else {
      const theme = createTheme(options.color);
      const f = (v: number | null) => (v === null ? '-' : v.toFixed(3));
      const method =
        calibration.prior === null
          ? 'marginal maximum likelihood'
          : `Bayes modal estimation (prior log a ~ N(0, ${calibration.prior.logASd}²), b ~ N(0, ${calibration.prior.bSd}²))`;
      print(
        options.stdout,
        `2PL by ${method}: ${sparse.rows.length} attempt(s), log-likelihood ${calibration.logLik.toFixed(3)}, ${calibration.iterations} EM cycle(s)${calibration.converged ? '' : ' (not converged)'}; ${SE_METHODS[calibration.seMethod]}`,
      );
      print(
        options.stdout,
        renderTable(
          ['question', 'n', 'a', 'se(a)', 'b', 'se(b)', ''],
          calibration.items.map((i) => [
            i.id,
            String(i.n),
            f(i.a),
            f(i.seA),
            f(i.b),
            f(i.seB),
            i.reason === null ? '' : REASONS[i.reason],
          ]),
          theme,
        ),
      );
      print(
        options.stdout,
        options.save
          ? `Saved the parameters of ${calibration.items.filter((i) => i.calibrated).length} question(s) for adaptive mode.`
          : 'Nothing was saved (--no-save): adaptive mode keeps the parameters it had.',
      );
    }
    return calibration;
  } finally {
    db.close();
  }
}
