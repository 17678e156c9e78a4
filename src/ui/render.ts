// Turning results into terminal text: prompts with code, score profiles with bar charts, reviews, problems.
import type { Question } from '../core/bank-schema.js';
import { band, scaledScore } from '../core/irt.js';
import { formatProblem, type Problem } from '../core/errors.js';
import { sanitizeText, splitPrompt } from '../core/sanitize.js';
import type { Summary, Tally } from '../core/scoring.js';
import { highlightCode } from './highlight.js';
import type { Theme } from './theme.js';

/** Output stays readable at 80 columns. */
export const WIDTH = 80;

export function renderPrompt(prompt: string, theme: Theme): string {
  return splitPrompt(sanitizeText(prompt))
    .map((segment) =>
      segment.kind === 'code'
        ? segment.text
            .split('\n')
            .map((line) => `${theme.dim('│')} ${highlightCode(line, segment.lang, theme)}`)
            .join('\n')
        : segment.text,
    )
    .join('\n\n');
}

/** θ with its standard error, the 0–300 scale and the band, with the caveat that belongs next to them. */
export function renderAbility(estimate: { theta: number; se: number }, theme: Theme): string {
  return [
    '',
    theme.bold(`Ability: θ = ${estimate.theta.toFixed(2)} ± ${estimate.se.toFixed(2)} (standard error)`),
    `Scaled score ${scaledScore(estimate.theta)} of 300 (±${Math.round(50 * estimate.se)}) · band: ${band(estimate.theta)}`,
    theme.dim(
      'Adaptive estimates use provisional item parameters until the banks are calibrated on real responses.',
    ),
  ].join('\n');
}

export function bar(percent: number, width: number, theme: Theme): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  const color = percent >= 70 ? theme.green : percent >= 50 ? theme.yellow : theme.red;
  return color('█'.repeat(filled)) + theme.dim('░'.repeat(width - filled));
}

function tallyLine(label: string, t: Tally, labelWidth: number, theme: Theme): string {
  const pct = `${t.percent.toFixed(1).padStart(5)}%`;
  return `  ${label.padEnd(labelWidth)} ${bar(t.percent, 30, theme)} ${pct}  ${theme.dim(`${t.correct}/${t.total}`)}`;
}

export function renderSummary(
  summary: Summary,
  titles: Record<string, string>,
  theme: Theme,
  status: string,
): string {
  const lines: string[] = [];
  const headline = `Score: ${summary.score.toFixed(1)}%  (${summary.correct} of ${summary.total} correct)`;
  lines.push('', theme.bold(headline));
  if (status === 'expired')
    lines.push(
      theme.yellow(
        `Time ran out: ${summary.total - summary.answered} unanswered question(s) count as wrong.`,
      ),
    );
  const domains = Object.entries(summary.byDomain).sort(([a], [b]) => a.localeCompare(b));
  const labelWidth = Math.min(22, Math.max(10, ...domains.map(([d]) => (titles[d] ?? d).length)));
  lines.push('', theme.bold('By domain'));
  for (const [domain, t] of domains)
    lines.push(tallyLine((titles[domain] ?? domain).slice(0, labelWidth), t, labelWidth, theme));
  lines.push('', theme.bold('By difficulty'));
  for (const level of ['junior', 'mid', 'senior'] as const) {
    const t = summary.byDifficulty[level];
    if (t) lines.push(tallyLine(level, t, labelWidth, theme));
  }
  return lines.join('\n');
}

/** The end of a sealed assessment: what was recorded, and why there is no score. */
export function renderRecorded(summary: Summary, theme: Theme, status: string): string {
  const lines = [
    '',
    theme.bold(`Your answers are recorded: ${summary.answered} of ${summary.total} question(s) answered.`),
    'They will be graded by the hiring manager; this bundle holds no answer key, so there is no score or review here.',
  ];
  if (status === 'expired')
    lines.push(
      theme.yellow(`Time ran out: ${summary.total - summary.answered} question(s) left unanswered.`),
    );
  return lines.join('\n');
}

function wrap(text: string, width: number, indent: string): string {
  return text
    .split('\n')
    .map((paragraph) => {
      const out: string[] = [];
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        if (line && line.length + word.length + 1 > width - indent.length) {
          out.push(indent + line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      out.push(indent + line);
      return out.join('\n');
    })
    .join('\n');
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
export function renderKeyAndExplanation(question: Question, theme: Theme): string[] {
  const key =
    question.type === 'text' ? question.answer.join(' | ') : describeResponse(question, question.answer);
  return [
    `${theme.green('Correct:')} ${sanitizeText(key)}`,
    '',
    wrap(sanitizeText(question.explanation), WIDTH, '  '),
    '',
    ...question.references.map((r) => `  ${theme.cyan(sanitizeText(r))}`),
    '',
  ];
}

export function renderReviewEntry(entry: ReviewEntry, index: number, total: number, theme: Theme): string {
  const { question } = entry;
  return [
    theme.bold(`Missed ${index}/${total} · ${question.domain} · ${question.difficulty} · ${question.id}`),
    renderPrompt(question.prompt, theme),
    '',
    `${theme.red('Your answer:')} ${sanitizeText(describeResponse(question, entry.response))}`,
    ...renderKeyAndExplanation(question, theme),
  ].join('\n');
}

export function renderProblems(problems: Problem[]): string {
  return problems.map((p) => sanitizeText(formatProblem(p))).join('\n');
}

/** A fixed-width table; columns are padded to their widest cell. */
export function renderTable(header: string[], rows: string[][], theme: Theme): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [theme.bold(line(header)), ...rows.map(line)].join('\n');
}
