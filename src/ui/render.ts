// Turning results into terminal text: prompts with code, score profiles with bar charts, reviews, problems.
import type { Question } from '../core/bank-schema.js';
import { band, scaledScore } from '../core/irt.js';
import { formatProblem, type Problem } from '../core/errors.js';
import { sanitizeText, splitPrompt } from '../core/sanitize.js';
import type { Summary, Tally } from '../core/scoring.js';
import wrapAnsi from 'wrap-ansi';
import { highlightCode } from './highlight.js';
import {
  DEFAULT_COLUMNS,
  displayWidth,
  padEndDisplay,
  padStartDisplay,
  reflowProse,
  wrapText,
} from './text.js';
import type { Theme } from './theme.js';

/** The width output is laid out for when the terminal does not say (piped output, CI logs). */
export const WIDTH = DEFAULT_COLUMNS;

/**
 * Bank prose (prompts, explanations) for a terminal `width` columns wide: soft line breaks joined and re-wrapped at
 * word boundaries; fenced code kept line for line, highlighted, behind a margin.
 */
export function renderPrompt(prompt: string, theme: Theme, width = WIDTH, indent = ''): string {
  return splitPrompt(sanitizeText(prompt))
    .map((segment) =>
      segment.kind === 'code'
        ? segment.text
            .split('\n')
            .map((line) => codeLine(highlightCode(line, segment.lang, theme), theme, width, indent))
            .join('\n')
        : reflowProse(segment.text, width, indent),
    )
    .join('\n\n');
}

/**
 * One line of code behind its margin. Code keeps its line breaks and spacing; a line wider than the terminal is
 * continued on marked lines ("↪") rather than left for the terminal to break anywhere.
 */
function codeLine(code: string, theme: Theme, width: number, indent: string): string {
  const margin = `${indent}${theme.dim('│')} `;
  const room = width - displayWidth(margin);
  if (displayWidth(code) <= room) return margin + code;
  const [first = '', ...rest] = wrapAnsi(code, room, { hard: true, trim: false }).split('\n');
  const more = wrapAnsi(rest.join(''), room - 2, { hard: true, trim: false }).split('\n');
  return [margin + first, ...more.map((l) => `${margin}${theme.dim('↪')} ${l}`)].join('\n');
}

/** θ with its standard error, the 0–300 scale and the band, with the caveat that belongs next to them. */
export function renderAbility(estimate: { theta: number; se: number }, theme: Theme, width = WIDTH): string {
  return [
    '',
    theme.bold(`Ability: θ = ${estimate.theta.toFixed(2)} ± ${estimate.se.toFixed(2)} (standard error)`),
    `Scaled score ${scaledScore(estimate.theta)} of 300 (±${Math.round(50 * estimate.se)}) · band: ${band(estimate.theta)}`,
    theme.dim(
      wrapText(
        'Adaptive estimates use provisional item parameters until the banks are calibrated on real responses.',
        width,
      ),
    ),
  ].join('\n');
}

export function bar(percent: number, width: number, theme: Theme): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  const color = percent >= 70 ? theme.green : percent >= 50 ? theme.yellow : theme.red;
  return color('█'.repeat(filled)) + theme.dim('░'.repeat(width - filled));
}

/** The end of a sealed assessment: what was recorded, and why there is no score. */
export function renderRecorded(summary: Summary, theme: Theme, status: string, width = WIDTH): string {
  const lines = [
    '',
    theme.bold(
      wrapText(
        `Your answers are recorded: ${summary.answered} of ${summary.total} question(s) answered.`,
        width,
      ),
    ),
    wrapText(
      'They will be graded by the hiring manager; this bundle holds no answer key, so there is no score or review here.',
      width,
    ),
  ];
  if (status === 'expired')
    lines.push(
      theme.yellow(
        wrapText(`Time ran out: ${summary.total - summary.answered} question(s) left unanswered.`, width),
      ),
    );
  return lines.join('\n');
}

/** Widest and narrowest bar of the end screen's chart, in columns. */
const BAR_MAX = 30;
const BAR_MIN = 10;

export interface BarEntry {
  label: string;
  percent: number;
  /** Shown dimmed after the percentage, e.g. "3/8". */
  detail: string;
}

/**
 * A labelled bar chart fitted to `width`, one group of lines per entry: labels padded by display width and never
 * cut; when the longest label leaves too little room for a bar, every label goes on its own line above its bar.
 */
export function renderBars(entries: BarEntry[], width: number, theme: Theme): string[][] {
  const detailWidth = Math.max(0, ...entries.map((e) => displayWidth(e.detail)));
  // "  label bar  37.5%  3/8": the columns around the label and the bar
  const fixed = 2 + 1 + 1 + 6 + (detailWidth > 0 ? 2 + detailWidth : 0);
  const labelWidth = Math.max(0, ...entries.map((e) => displayWidth(e.label)));
  const stacked = width - fixed - labelWidth < BAR_MIN;
  const room = stacked ? width - fixed - 2 : width - fixed - labelWidth;
  const barWidth = Math.max(1, Math.min(BAR_MAX, room));
  return entries.map(({ label, percent, detail }) => {
    const pct = padStartDisplay(`${percent.toFixed(1)}%`, 6);
    const tail = `${bar(percent, barWidth, theme)} ${pct}${detail ? `  ${theme.dim(detail)}` : ''}`;
    return stacked
      ? [...wrapText(label, width, '  ').split('\n'), `    ${tail}`]
      : [`  ${padEndDisplay(label, labelWidth)} ${tail}`];
  });
}

export function renderSummary(
  summary: Summary,
  titles: Record<string, string>,
  theme: Theme,
  status: string,
  width = WIDTH,
): string {
  const lines: string[] = [];
  const headline = `Score: ${summary.score.toFixed(1)}%  (${summary.correct} of ${summary.total} correct)`;
  lines.push('', theme.bold(headline));
  if (status === 'expired')
    lines.push(
      theme.yellow(
        wrapText(
          `Time ran out: ${summary.total - summary.answered} unanswered question(s) count as wrong.`,
          width,
        ),
      ),
    );
  const tally = (label: string, t: Tally): BarEntry => ({
    label,
    percent: t.percent,
    detail: `${t.correct}/${t.total}`,
  });
  const domains = Object.entries(summary.byDomain)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([domain, t]) => tally(sanitizeText(titles[domain] ?? domain), t));
  const levels = (['junior', 'mid', 'senior'] as const).flatMap((level) => {
    const t = summary.byDifficulty[level];
    return t ? [tally(level, t)] : [];
  });
  // One layout for both charts, so their bars line up.
  const chart = renderBars([...domains, ...levels], width, theme);
  lines.push('', theme.bold('By domain'), ...chart.slice(0, domains.length).flat());
  lines.push('', theme.bold('By difficulty'), ...chart.slice(domains.length).flat());
  return lines.join('\n');
}

export interface ReviewEntry {
  question: Question;
  response: string[] | null;
}

export function describeResponse(question: Question, response: string[] | null): string {
  if (response === null) return '(not answered)';
  if (question.type === 'text') return response[0] ?? '';
  return (
    response.map((id) => question.options.find((o) => o.id === id)?.text ?? id).join('; ') ||
    '(nothing chosen)'
  );
}

/** The key, the explanation and the references: what a learner reads after answering (review and practice). */
export function renderKeyAndExplanation(question: Question, theme: Theme, width = WIDTH): string[] {
  const key =
    question.type === 'text' ? question.answer.join(' | ') : describeResponse(question, question.answer);
  return [
    wrapText(`${theme.green('Correct:')} ${sanitizeText(key)}`, width, '', '  '),
    '',
    renderPrompt(question.explanation, theme, width, '  '),
    '',
    ...question.references.map((r) => theme.cyan(wrapText(sanitizeText(r), width, '  '))),
    '',
  ];
}

export function renderReviewEntry(
  entry: ReviewEntry,
  index: number,
  total: number,
  theme: Theme,
  width = WIDTH,
): string {
  const { question } = entry;
  return [
    theme.bold(
      wrapText(
        `Missed ${index}/${total} · ${question.domain} · ${question.difficulty} · ${question.id}`,
        width,
      ),
    ),
    renderPrompt(question.prompt, theme, width),
    '',
    wrapText(
      `${theme.red('Your answer:')} ${sanitizeText(describeResponse(question, entry.response))}`,
      width,
      '',
      '  ',
    ),
    ...renderKeyAndExplanation(question, theme, width),
  ].join('\n');
}

export function renderProblems(problems: Problem[]): string {
  return problems.map((p) => sanitizeText(formatProblem(p))).join('\n');
}

/** A fixed-width table; columns are padded to their widest cell, measured in columns so CJK and emoji line up. */
export function renderTable(header: string[], rows: string[][], theme: Theme): string {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => padEndDisplay(c, widths[i]!))
      .join('  ')
      .trimEnd();
  return [theme.bold(line(header)), ...rows.map(line)].join('\n');
}
