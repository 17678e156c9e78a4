// backend-quiz report: candidate sessions as a terminal table, CSV, JSON, Markdown or a self-contained HTML file.
import path from 'node:path';
import { loadValidBanks } from '../../bank/banks.js';
import type { ReportFormat } from '../../core/formats.js';
import {
  answerLines,
  cohortKey,
  exposureRows,
  formatMinutes,
  readingSeconds,
  reliability,
  reportRow,
  subtopicResults,
  type ReportRow,
} from '../../core/report-data.js';
import { clip } from '../../core/describe-answer.js';
import { clipDisplay, displayWidth, padEndDisplay } from '../../ui/text.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { writeCsv } from '../../report/csv.js';
import { htmlReport } from '../../report/html.js';
import { writeJsonReport } from '../../report/json-report.js';
import { markdownReport } from '../../report/markdown.js';
import { openDatabase } from '../../store/database.js';
import { MeasurementStore } from '../../store/measurement.js';
import { ReportStore, type ReportFilter } from '../../store/reports.js';
import { bar, renderTable } from '../../ui/render.js';
import { withSpinner } from '../../ui/spinner.js';
import { createTheme } from '../../ui/theme.js';
import { isoTime, print, type CommandContext } from '../context.js';
import { exportStream, writeToFile } from '../output.js';
import { absolutePaths, domainTitles, questionIndex } from '../session-setup.js';

export interface RunReportOptions extends CommandContext {
  format: ReportFormat;
  out?: string;
  filter: ReportFilter;
  banks: string[];
}

function* rowsOf(store: ReportStore, filter: ReportFilter): Generator<ReportRow> {
  const cohorts = store.cohortScores(filter);
  for (const c of store.candidates(filter))
    yield reportRow(c, cohorts.get(cohortKey(c.assessmentId, c.assessmentHash)) ?? []);
}

async function withOutput(
  options: RunReportOptions,
  write: (out: NodeJS.WritableStream) => Promise<void> | void,
): Promise<void> {
  if (!options.out) return write(exportStream(options.stdout));
  await writeToFile(path.resolve(options.cwd, options.out), options.out, write);
  print(options.stderr, `Wrote ${options.out}`);
}

export async function runReport(options: RunReportOptions): Promise<void> {
  const banks = await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd);
  const questions = questionIndex(banks);
  const titles = domainTitles(banks);
  const subtopicTitles = Object.fromEntries(
    banks.flatMap((b) => Object.entries(b.subtopics).map(([tag, title]) => [`${b.domain}/${tag}`, title])),
  );
  const db = openDatabase(options.dbPath);
  try {
    const store = new ReportStore(db);
    store.setReadingTimes([...questions.values()].map((q) => [q.id, readingSeconds(q)]));
    const domains = store.domains(options.filter);
    const generatedAt = isoTime(options.now());
    // Exposure, like percentiles, is over every candidate of the assessment(s), whatever other filter applies.
    const exposure = exposureRows(
      new MeasurementStore(db).exposure(
        options.filter.assessment ? { assessment: options.filter.assessment } : {},
        true,
      ),
    );
    // A spinner on standard error (a terminal only) while the database is read: streamed formats spin for the
    // whole write unless they stream to this very terminal; the others only while their rows are collected.
    const spin = <T>(work: () => Promise<T> | T) =>
      withSpinner('Reading candidate sessions', options.stderr, work);
    const streamSpin = !options.out && options.stdout.isTTY === true ? <T>(w: () => T) => w() : spin;
    const collect = () => spin(() => [...rowsOf(store, options.filter)]);
    switch (options.format) {
      case 'csv':
        return await streamSpin(() =>
          withOutput(options, (out) => writeCsv(rowsOf(store, options.filter), domains, out)),
        );
      case 'json':
        return await streamSpin(() =>
          withOutput(options, (out) =>
            writeJsonReport(rowsOf(store, options.filter), domains, generatedAt, out, exposure),
          ),
        );
      case 'md': {
        const rows = await collect();
        return await withOutput(
          options,
          (out) => void out.write(markdownReport(rows, domains, generatedAt, exposure)),
        );
      }
      case 'html': {
        const rows = await collect();
        const cohorts = await spin(() =>
          [...store.responses(options.filter)].map(([c, r]) => [c, reliability(r)] as const),
        );
        const html = htmlReport(rows, domains, generatedAt, exposure, {
          titles,
          reliability: new Map(cohorts),
        });
        return await withOutput(options, (out) => void out.write(html));
      }
      case 'text': {
        const rows = await collect();
        // Colour only on the terminal: a text report written with --out is plain text.
        const color = options.color && !options.out;
        const theme = createTheme(color);
        return await withOutput(options, (out) => {
          if (rows.length === 0) {
            print(
              out,
              'No candidate sessions match. Import result files with: backend-quiz import <files|dir>',
            );
            return;
          }
          const table = rows.map((r) => [
            sanitizeLine(r.name),
            sanitizeLine(r.cohort),
            `${r.score.toFixed(1)}%`,
            r.passed === null ? '' : r.passed ? 'pass' : 'fail',
            r.percentile.toFixed(0),
            formatMinutes(r.minutes),
            r.signals.length > 0 ? 'yes' : '',
          ]);
          print(
            out,
            renderTable(
              ['candidate', 'assessment', 'score', 'result', 'pctile', 'min', 'signals'],
              table,
              theme,
            ),
          );
          const top = exposure.slice(0, 10).map((x) => `${sanitizeLine(x.id)} (${x.seen})`);
          print(
            out,
            `\nExposure: ${exposure.length} question(s) seen; most seen (candidates): ${top.join(', ')}`,
          );
          if (options.filter.candidate?.length)
            for (const row of rows)
              print(out, candidateDetail(store, row, questions, titles, subtopicTitles, color));
        });
      }
    }
  } finally {
    db.close();
  }
}

/** Columns of a subtopic's name in the strengths and gaps of one candidate. */
const SUBTOPIC_WIDTH = 56;

/** An answer is shown on one line: longer ones (a query) are cut with an ellipsis. */
const ANSWER_WIDTH = 100;

/**
 * Lists of subtopics as lines: each named by its title with its domain's, as the banks name them (the id only for
 * what the banks no longer have), the counts lined up in one column across all the lists by display width.
 */
export function subtopicLines(
  lists: { domain: string; tag: string; correct: number; total: number }[][],
  titles: Record<string, string>,
  subtopicTitles: Record<string, string>,
): string[][] {
  const name = (s: { domain: string; tag: string }) =>
    sanitizeLine(`${subtopicTitles[`${s.domain}/${s.tag}`] ?? s.tag} (${titles[s.domain] ?? s.domain})`);
  const width = Math.min(SUBTOPIC_WIDTH, Math.max(0, ...lists.flat().map((s) => displayWidth(name(s)))));
  return lists.map((list) =>
    list.map((s) => `  ${padEndDisplay(clipDisplay(name(s), width), width)}  ${s.correct}/${s.total}`),
  );
}

function candidateDetail(
  store: ReportStore,
  row: ReportRow,
  questions: Parameters<typeof subtopicResults>[1],
  titles: Record<string, string>,
  subtopicTitles: Record<string, string>,
  color: boolean,
): string {
  const theme = createTheme(color);
  const lines = [
    '',
    theme.bold(
      `${sanitizeLine(row.name)} <${sanitizeLine(row.email)}> · ${sanitizeLine(row.cohort)} · ${row.score.toFixed(1)}%`,
    ),
    theme.bold('By domain'),
  ];
  // Domain titles, as the end of a quiz shows them; the id only for a domain the banks no longer have.
  const domains = Object.entries(row.domains).sort((a, b) => b[1] - a[1]);
  const width = Math.min(28, Math.max(14, ...domains.map(([d]) => displayWidth(titles[d] ?? d))));
  for (const [d, pct] of domains)
    lines.push(
      `  ${padEndDisplay(clipDisplay(sanitizeLine(titles[d] ?? d), width), width)} ${bar(pct, 24, theme)} ${pct.toFixed(1).padStart(5)}%`,
    );
  const marks = store.sessionMarks(row.sessionId);
  const subtopics = subtopicResults(marks, questions);
  const strengths = subtopics.filter((s) => s.percent >= 70).slice(0, 5);
  const gaps = subtopics
    .filter((s) => s.percent < 50)
    .sort((a, b) => a.percent - b.percent || b.total - a.total)
    .slice(0, 5);
  const [strengthLines, gapLines] = subtopicLines([strengths, gaps], titles, subtopicTitles);
  lines.push(
    theme.bold('Strengths (subtopics at 70% or more)'),
    ...(strengthLines!.length ? strengthLines! : ['  none']),
  );
  lines.push(theme.bold('Gaps (subtopics below 50%)'), ...(gapLines!.length ? gapLines! : ['  none']));
  if (row.signals.length > 0) lines.push(theme.yellow(`Signals (not proof): ${row.signals.join('; ')}`));
  // The candidate's answers, one line each: a query, marked lines or steps are the evidence behind a mark.
  const answers = answerLines(marks, questions);
  const idWidth = Math.min(40, Math.max(0, ...answers.map((a) => a.questionId.length)));
  lines.push(theme.bold('Answers'));
  for (const a of answers) {
    const mark = a.correct === null ? theme.dim('–') : a.correct ? theme.green('✓') : theme.red('✗');
    const answer =
      a.correct === null ? theme.dim('not answered') : clip(sanitizeLine(a.answer), ANSWER_WIDTH);
    lines.push(`  ${mark} ${sanitizeLine(a.questionId).padEnd(idWidth)}  ${answer}`);
  }
  return lines.join('\n');
}
