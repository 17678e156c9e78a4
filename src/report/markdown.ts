// Markdown export: one table of candidates, for pasting into an issue or a wiki.
import type { ExposureRow, ReportRow } from '../core/report-data.js';

/** Table cells cannot hold pipes, newlines or HTML that a renderer would run. */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_`[\]])/g, '\\$1');
}

export function markdownReport(
  rows: ReportRow[],
  domains: string[],
  generatedAt: string,
  exposure: ExposureRow[],
): string {
  const header = [
    'Candidate',
    'Assessment',
    'Score',
    'Result',
    'Percentile',
    'Minutes',
    ...domains,
    'Signals',
  ];
  const lines = [
    '# backend-quiz report',
    '',
    `Generated ${generatedAt}. ${rows.length} candidate session(s). Signals are prompts to look closer, not proof.`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i >= 2 && i < header.length - 1 ? ' ---: ' : ' --- ')).join('|')}|`,
  ];
  for (const r of rows) {
    const cells = [
      escapeMarkdownCell(`${r.name} (${r.email})`),
      escapeMarkdownCell(r.cohort),
      `${r.score.toFixed(1)}%`,
      r.passed === null ? '' : r.passed ? 'pass' : 'fail',
      r.percentile.toFixed(1),
      r.minutes.toFixed(1),
      ...domains.map((d) => (r.domains[d] === undefined ? '' : `${r.domains[d].toFixed(1)}%`)),
      escapeMarkdownCell(r.signals.join('; ')),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  if (exposure.length > 0)
    lines.push(
      '',
      '## Exposure',
      '',
      'Candidates who have seen each question (the more, the likelier its content has been shared).',
      '',
      '| Question | Seen by |',
      '| --- | ---: |',
      ...exposure.map((x) => `| ${escapeMarkdownCell(x.id)} | ${x.seen} |`),
    );
  return `${lines.join('\n')}\n`;
}
