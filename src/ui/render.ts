// Turning results into terminal text: prompts with code, score profiles with bar charts, reviews, problems.
import { codeLines, type Question } from '../core/bank-schema.js';
import { band, scaledScore } from '../core/irt.js';
import { formatProblem, type Problem } from '../core/errors.js';
import { sanitizeText, splitPrompt } from '../core/sanitize.js';
import type { Summary, Tally } from '../core/scoring.js';
import wrapAnsi from 'wrap-ansi';
import { highlightCode } from './highlight.js';
import {
  DEFAULT_COLUMNS,
  displayWidth,
  expandTabs,
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
  // Continuation lines keep the bar under the bar, whatever stands before it (line numbers, marks).
  const blank = `${' '.repeat(displayWidth(indent))}${theme.dim('│')} `;
  const room = width - displayWidth(margin);
  if (displayWidth(code) <= room) return margin + code;
  const [first = '', ...rest] = wrapAnsi(code, room, { hard: true, trim: false }).split('\n');
  const more = wrapAnsi(rest.join(''), room - 2, { hard: true, trim: false }).split('\n');
  return [margin + first, ...more.map((l) => `${blank}${theme.dim('↪')} ${l}`)].join('\n');
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
  /** sql: what the grader found, in one line (a differing row, SQLite's error, "same result as the reference"). */
  reason?: string;
}

const HANDS_ON = new Set<Question['type']>(['sql', 'lines', 'order']);

/** The answer in one line: option texts, the typed text, line numbers, the steps in order or the query. */
export function describeResponse(question: Question, response: string[] | null): string {
  if (response === null) return '(not answered)';
  if (question.type === 'text') return response[0] ?? '';
  if (question.type === 'sql') return (response[0] ?? '').replace(/\s+/g, ' ').trim() || '(empty query)';
  if (question.type === 'lines')
    return response.length === 0
      ? '(nothing marked)'
      : `line${response.length === 1 ? '' : 's'} ${response.join(', ')}`;
  const texts = response.map((id) => question.options.find((o) => o.id === id)?.text ?? id);
  return texts.join(question.type === 'order' ? ' → ' : '; ') || '(nothing chosen)';
}

/**
 * Code with its line numbers behind a margin (`marks` may put a few columns between number and bar); long lines are
 * continued on marked lines ("↪") rather than cut, as a learner reads every character here.
 */
function numberedCode(
  code: string,
  language: string,
  theme: Theme,
  width: number,
  marks: (n: number) => string = () => '',
): string[] {
  const lines = codeLines(code).map((l) => expandTabs(sanitizeText(l)));
  const numberWidth = String(lines.length).length;
  return lines.flatMap((line, i) => {
    const n = i + 1;
    const margin = `  ${theme.dim(padStartDisplay(String(n), numberWidth))} ${marks(n)}`;
    return codeLine(highlightCode(line, language, theme), theme, width, margin).split('\n');
  });
}

/** The candidate's order beside the correct one (one under the other when the terminal is too narrow). */
function renderOrders(question: Question, response: string[] | null, theme: Theme, width: number): string[] {
  const text = (id: string) => sanitizeText(question.options.find((o) => o.id === id)?.text ?? id);
  const yours = (response ?? []).map((id, i) => {
    const right = question.answer[i] === id;
    return { text: `${i + 1}. ${text(id)}`, mark: right ? theme.green(' ✔') : theme.red(' ✘') };
  });
  const key = question.answer.map((id, i) => `${i + 1}. ${text(id)}`);
  const gap = 4;
  const left = Math.max(displayWidth('Your order'), ...yours.map((y) => displayWidth(y.text) + 2));
  const right = Math.max(displayWidth('Correct order'), ...key.map(displayWidth));
  if (response !== null && 2 + left + gap + right <= width) {
    const rows = Math.max(yours.length, key.length);
    return [
      `  ${theme.bold(padEndDisplay('Your order', left))}${' '.repeat(gap)}${theme.bold('Correct order')}`,
      ...Array.from({ length: rows }, (_, i) => {
        const y = yours[i];
        const cell = y
          ? y.text + y.mark + ' '.repeat(Math.max(0, left - displayWidth(y.text) - 2))
          : ' '.repeat(left);
        return `  ${cell}${' '.repeat(gap)}${key[i] ?? ''}`.trimEnd();
      }),
    ];
  }
  const list = (items: string[]) => items.map((t) => wrapText(t, width, '  ', '   '));
  return [
    theme.bold('Your order:'),
    ...(response === null ? ['  (not answered)'] : list(yours.map((y) => y.text + y.mark))),
    theme.bold('Correct order:'),
    ...list(key),
  ];
}

/**
 * A hands-on answer set against the key: the query beside the reference with the grader's finding, the code with the
 * candidate's marks and the faulty lines, or the two orders. Undefined for the other types.
 */
export function renderHandsOnAnswer(
  question: Question,
  response: string[] | null,
  theme: Theme,
  width = WIDTH,
  reason?: string,
): string[] | undefined {
  switch (question.type) {
    case 'sql': {
      const query = response?.[0] ?? '';
      const reference = question.sql?.reference ?? question.answer[0] ?? '';
      return [
        theme.bold('Your query:'),
        ...(response === null || query.trim() === ''
          ? ['  (not answered)']
          : numberedCode(query, 'sql', theme, width)),
        ...(reason
          ? [
              wrapText(
                `${theme.bold('Checked on the hidden data:')} ${sanitizeText(reason)}`,
                width,
                '',
                '  ',
              ),
            ]
          : []),
        ...(reference.trim() === ''
          ? []
          : [theme.bold('Reference query:'), ...numberedCode(reference, 'sql', theme, width)]),
      ];
    }
    case 'lines': {
      const marked = new Set((response ?? []).map((r) => String(Number(r))));
      const faulty = new Set(question.answer.map((r) => String(Number(r))));
      const marks = (n: number) =>
        `${marked.has(String(n)) ? '▸' : ' '} ${faulty.has(String(n)) ? theme.red('✘') : ' '} `;
      return [
        wrapText(
          `${theme.bold('You marked:')} ${describeResponse(question, response)} · ${theme.bold('faulty:')} ${describeResponse(question, question.answer)}`,
          width,
          '',
          '  ',
        ),
        theme.dim('  (▸ marked by you, ✘ faulty)'),
        ...numberedCode(question.code?.text ?? '', question.code?.language ?? '', theme, width, marks),
      ];
    }
    case 'order':
      return renderOrders(question, response, theme, width);
    default:
      return undefined;
  }
}

/** The key, the explanation and the references: what a learner reads after answering (review and practice). */
export function renderKeyAndExplanation(question: Question, theme: Theme, width = WIDTH): string[] {
  // A hands-on key is shown beside the candidate's answer (renderHandsOnAnswer).
  const key = HANDS_ON.has(question.type)
    ? []
    : [
        wrapText(
          `${theme.green('Correct:')} ${sanitizeText(question.type === 'text' ? question.answer.join(' | ') : describeResponse(question, question.answer))}`,
          width,
          '',
          '  ',
        ),
        '',
      ];
  return [
    ...key,
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
  const handsOn = renderHandsOnAnswer(question, entry.response, theme, width, entry.reason);
  return [
    theme.bold(
      wrapText(
        `Missed ${index}/${total} · ${question.domain} · ${question.difficulty} · ${question.id}`,
        width,
      ),
    ),
    renderPrompt(question.prompt, theme, width),
    '',
    ...(handsOn
      ? [...handsOn, '']
      : [
          wrapText(
            `${theme.red('Your answer:')} ${sanitizeText(describeResponse(question, entry.response))}`,
            width,
            '',
            '  ',
          ),
        ]),
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
