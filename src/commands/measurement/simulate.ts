// backend-quiz simulate: simulated candidates of known ability through a fixed random form and through adaptive
// mode, on the current banks and parameters; shows how many questions adaptive mode saves at equal precision.
import { loadValidBanks } from '../../bank/banks.js';
import { fixedFormPrecision, simulate, type SimulationReport } from '../../core/irt.js';
import { openDatabase } from '../../store/database.js';
import { MeasurementStore } from '../../store/measurement.js';
import { renderTable } from '../../ui/render.js';
import { createTheme } from '../../ui/theme.js';
import { print, type CommandContext } from '../context.js';
import { equalTargets, itemPool } from '../item-pool.js';
import { absolutePaths, checkTopics } from '../session-setup.js';

export interface RunSimulateOptions extends CommandContext {
  json: boolean;
  candidates: number;
  length: number;
  maxLength?: number;
  /** Default: the precision the fixed form reaches (fixedFormPrecision), as `quiz --adaptive` uses. */
  seTarget?: number;
  seed: number;
  topics: string[];
  banks: string[];
}

export async function runSimulate(options: RunSimulateOptions): Promise<SimulationReport> {
  const banks = await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd);
  checkTopics(options.topics, banks);
  const chosen = banks.filter((b) => options.topics.length === 0 || options.topics.includes(b.domain));
  const db = openDatabase(options.dbPath);
  let pool;
  try {
    pool = itemPool(
      chosen.flatMap((b) => b.questions),
      new MeasurementStore(db).params(),
    );
  } finally {
    db.close();
  }
  const maxLength = options.maxLength ?? options.length;
  const fixedLength = Math.min(options.length, pool.items.length);
  const matched = options.seTarget === undefined;
  const seTarget = options.seTarget ?? fixedFormPrecision(pool.items, fixedLength);
  const report = simulate({
    pool: pool.items,
    simulees: options.candidates,
    fixedLength,
    maxLength: Math.min(maxLength, pool.items.length),
    seTarget,
    targets: equalTargets(pool.items.map((i) => i.domain)),
    seed: options.seed,
  });
  const saving = 1 - report.adaptive.meanLength / report.fixed.meanLength;
  const result = {
    candidates: options.candidates,
    pool: pool.items.length,
    calibrated: pool.calibrated,
    seTarget,
    maxLength,
    fixed: report.fixed,
    adaptive: report.adaptive,
    questionsSaved: Math.round(1000 * saving) / 10,
  };
  if (options.json) print(options.stdout, JSON.stringify(result, null, 2));
  else {
    const theme = createTheme(options.color);
    const f = (v: number, d = 3) => v.toFixed(d);
    print(
      options.stdout,
      `${options.candidates} simulated candidates, θ ~ N(0, 1); pool of ${pool.items.length} questions (${pool.calibrated} calibrated, the rest on provisional priors)`,
    );
    print(
      options.stdout,
      renderTable(
        ['mode', 'mean length', 'RMSE', 'bias', 'r(θ̂, θ)'],
        [
          [
            'fixed random form',
            f(report.fixed.meanLength, 1),
            f(report.fixed.rmse),
            f(report.fixed.bias),
            f(report.fixed.correlation),
          ],
          [
            `adaptive (SE ≤ ${seTarget.toFixed(2)}${matched ? ', the fixed form’s precision' : ''}, max ${maxLength})`,
            f(report.adaptive.meanLength, 1),
            f(report.adaptive.rmse),
            f(report.adaptive.bias),
            f(report.adaptive.correlation),
          ],
        ],
        theme,
      ),
    );
    const saved = result.questionsSaved;
    print(
      options.stdout,
      saved >= 0
        ? `Adaptive mode used ${saved}% fewer questions than the fixed form (${f(report.adaptive.meanLength, 1)} instead of ${fixedLength}), at RMSE ${f(report.adaptive.rmse)} against ${f(report.fixed.rmse)}.`
        : `Adaptive mode used ${-saved}% more questions than the fixed form, at RMSE ${f(report.adaptive.rmse)} against ${f(report.fixed.rmse)}.`,
    );
  }
  return report;
}
