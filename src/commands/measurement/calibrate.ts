// backend-quiz calibrate: 2PL item parameters by marginal maximum likelihood, stored for adaptive mode.
import { loadValidBanks } from '../../bank/banks.js';
import { UsageError } from '../../core/errors.js';
import { calibrate2PL, difficultyPrior, type Calibration } from '../../core/irt.js';
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
  save: boolean;
  filter: MeasurementFilter;
  banks: string[];
}

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
    // 1e-3 on the parameters: they are shown and used to two decimals, and it halves the EM cycles on large data.
    const calibration = await withSpinner(
      `Calibrating ${sparse.itemIds.length} questions on ${sparse.rows.length} attempts`,
      options.stderr,
      () => calibrate2PL(sparse, { minResponses: options.minResponses, priors, tolerance: 1e-3 }),
    );
    if (options.save)
      store.saveParams(
        calibration.items
          .filter((i) => i.calibrated)
          .map((i) => ({ id: i.id, a: i.a, b: i.b, seA: i.seA, seB: i.seB, n: i.n })),
        isoTime(options.now()),
      );
    if (options.json) {
      const items = calibration.items.map(({ id, a, b, seA, seB, n, calibrated }) => ({
        id,
        a,
        b,
        seA,
        seB,
        n,
        calibrated,
      }));
      print(
        options.stdout,
        JSON.stringify(
          {
            model: calibration.model,
            logLik: calibration.logLik,
            iterations: calibration.iterations,
            converged: calibration.converged,
            items,
          },
          null,
          2,
        ),
      );
    } else {
      const theme = createTheme(options.color);
      const f = (v: number | null) => (v === null ? '-' : v.toFixed(2));
      print(
        options.stdout,
        `2PL by marginal maximum likelihood: ${sparse.rows.length} attempt(s), log-likelihood ${calibration.logLik.toFixed(1)}, ${calibration.iterations} EM cycle(s)${calibration.converged ? '' : ' (not converged)'}`,
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
            i.calibrated ? '' : 'prior (too few responses)',
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
