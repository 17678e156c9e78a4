// backend-quiz progress: share right per domain and subtopic by week, what is due, what to read next; or the missed
// questions as an Anki import file.
import path from 'node:path';
import { loadValidBanks } from '../../bank/banks.js';
import { UsageError } from '../../core/errors.js';
import type { ProgressExport } from '../../core/formats.js';
import { buildProgress, type ProgressReport } from '../../core/progress.js';
import { openDatabase } from '../../store/database.js';
import { MemoryStore } from '../../store/memory.js';
import { ankiNotes } from '../../report/anki.js';
import { renderProgress } from '../../ui/study.js';
import { createTheme } from '../../ui/theme.js';
import { print, type CommandContext } from '../context.js';
import { exportStream, writeToFile } from '../output.js';
import { absolutePaths, questionIndex } from '../session-setup.js';

export interface RunProgressOptions extends CommandContext {
  json: boolean;
  export?: ProgressExport;
  /** Write to this file instead of standard output. */
  out?: string;
  weeks: number;
  weakest: number;
  banks: string[];
}

/**
 * Standard output, or the -o file opened before any work so a bad path fails first. `exported`: JSON and Anki files
 * shown on a terminal lose every escape; the text view keeps its colours.
 */
async function output(
  options: RunProgressOptions,
  exported: boolean,
  render: () => { text: string; what: string },
): Promise<void> {
  const newline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  if (!options.out) {
    (exported ? exportStream(options.stdout) : options.stdout).write(newline(render().text));
    return;
  }
  let what = '';
  await writeToFile(path.resolve(options.cwd, options.out), options.out, (out) => {
    const rendered = render();
    what = rendered.what;
    out.write(newline(rendered.text));
  });
  print(options.stderr, `Wrote ${what} to ${options.out}`);
}

export async function runProgress(options: RunProgressOptions): Promise<ProgressReport | null> {
  if (options.json && options.export)
    throw new UsageError('--json and --export are alternatives: choose one');
  const banks = await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd);
  const db = openDatabase(options.dbPath);
  try {
    const memory = new MemoryStore(db);
    if (options.export === 'anki') {
      await output(options, true, () => {
        // Every question still in the banks that was answered wrong at least once, in bank order.
        const missed = memory.missedQuestionIds();
        const questions = [...questionIndex(banks).values()].filter((q) => missed.has(q.id));
        return { text: ankiNotes(questions), what: `${questions.length} missed question(s) as Anki notes` };
      });
      return null;
    }
    let report: ProgressReport | null = null;
    await output(options, options.json, () => {
      report = buildProgress(memory.learnerTallies(), banks, memory.all(), {
        now: new Date(options.now()),
        weeks: options.weeks,
        weakest: options.weakest,
      });
      return {
        text: options.json
          ? JSON.stringify(report, null, 2)
          : renderProgress(report, createTheme(options.color && !options.out)),
        what: 'the progress report',
      };
    });
    return report;
  } finally {
    db.close();
  }
}
