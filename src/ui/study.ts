// Terminal text for studying: feedback after a practice answer and the progress charts (the self-rating prompt is
// in prompts.ts, with every other question the program asks).
import type { Question } from '../core/bank-schema.js';
import type { ProgressReport, Tally, WeekTally } from '../core/progress.js';
import { sanitizeText } from '../core/sanitize.js';
import { describeResponse, renderHandsOnAnswer, renderKeyAndExplanation } from './render.js';
import type { Theme } from './theme.js';

/**
 * Right or wrong at once, with the key, the explanation and where to read more. A hands-on answer is shown beside
 * its key (with the grader's `reason` for a query) rather than in one line.
 */
export function renderFeedback(
  question: Question,
  response: string[],
  correct: boolean,
  theme: Theme,
  width?: number,
  reason?: string,
): string {
  const handsOn = renderHandsOnAnswer(question, response, theme, width, reason);
  const verdict = correct ? theme.green.bold('✔ Right') : theme.red.bold('✘ Wrong');
  return [
    '',
    correct || handsOn
      ? verdict
      : `${verdict} · ${theme.red('your answer:')} ${sanitizeText(describeResponse(question, response))}`,
    ...(handsOn ? [...handsOn, ''] : []),
    ...renderKeyAndExplanation(question, theme, width),
  ].join('\n');
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** One character per week: the block's height is the share right; `·` marks a week without answers. */
export function sparkline(weeks: readonly WeekTally[]): string {
  return weeks
    .map((w) =>
      w.percent === null
        ? '·'
        : BLOCKS[Math.min(BLOCKS.length - 1, Math.floor((w.percent / 100) * BLOCKS.length))],
    )
    .join('');
}

const pct = (t: Tally) => (t.percent === null ? '    -' : `${t.percent.toFixed(0).padStart(4)}%`);

/** Fits 80 columns: label 30, chart of up to 26 weeks, share right, answered, due. */
export function renderProgress(report: ProgressReport, theme: Theme): string {
  const labelWidth = 30;
  const label = (text: string, indent: string) => {
    const clean = sanitizeText(text);
    const room = labelWidth - indent.length;
    return indent + (clean.length > room ? `${clean.slice(0, room - 1)}…` : clean.padEnd(room));
  };
  const chartWidth = Math.max(report.weeks.length, 7);
  const lines = [
    theme.bold(
      `Answered ${report.total.answered}, ${report.total.percent === null ? '-' : `${report.total.percent.toFixed(1)}%`} right · due now: ${report.due.now} · due within 7 days: ${report.due.next7Days}`,
    ),
    theme.dim(
      `Weeks ${report.weeks[0] ?? ''}–${report.weeks.at(-1) ?? ''}, a character each: ▁ 0% … █ 100% right, · no answers`,
    ),
    '',
    theme.bold(
      `${'domain / subtopic'.padEnd(labelWidth)} ${'by week'.padEnd(chartWidth)} right  answered  due`,
    ),
  ];
  for (const d of report.domains) {
    lines.push(
      `${theme.bold(label(d.title, ''))} ${sparkline(d.weeks).padEnd(chartWidth)} ${pct(d)}  ${String(d.answered).padStart(8)}  ${String(d.due).padStart(3)}`,
    );
    for (const s of d.subtopics)
      lines.push(
        `${label(s.title, '  ')} ${sparkline(s.weeks).padEnd(chartWidth)} ${pct(s)}  ${String(s.answered).padStart(8)}`,
      );
  }
  if (report.domains.length === 0) lines.push('No answers yet. Start with: backend-quiz quiz --practice');
  if (report.weakest.length > 0) {
    lines.push('', theme.bold('Study next (weakest subtopics)'));
    report.weakest.forEach((w, i) => {
      lines.push(
        `${i + 1}. ${sanitizeText(w.title)} (${w.domain}) · ${w.correct}/${w.answered} right`,
        ...w.references.map((r) => `   ${theme.cyan(sanitizeText(r))}`),
      );
    });
  }
  if (report.due.now > 0) lines.push('', `Review the ${report.due.now} due question(s): backend-quiz review`);
  return lines.join('\n');
}
