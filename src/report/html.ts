// HTML export: one self-contained, printable file with inline SVG charts; no scripts, no network, every value escaped.
import type { ExposureRow, ReportRow } from '../core/report-data.js';
import { escapeXml as escapeHtml } from './xml.js';

const COLORS = {
  good: '#2e7d32',
  mid: '#f9a825',
  bad: '#c62828',
  axis: '#555',
  pass: '#1565c0',
  grid: '#ddd',
};
const colorFor = (pct: number) => (pct >= 70 ? COLORS.good : pct >= 50 ? COLORS.mid : COLORS.bad);

/** Histogram of scores in 10-point bins with a vertical line at the pass mark. */
export function distributionChart(scores: number[], passMark: number | null): string {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const s of scores) bins[Math.min(9, Math.floor(s / 10))]!++;
  const max = Math.max(1, ...bins);
  const w = 520;
  const h = 220;
  const left = 40;
  const bottom = 30;
  const bw = (w - left - 10) / 10;
  const bars = bins
    .map((n, i) => {
      const bh = ((h - bottom - 10) * n) / max;
      const x = left + i * bw;
      return `<rect x="${x + 2}" y="${h - bottom - bh}" width="${bw - 4}" height="${bh}" fill="${colorFor(i * 10 + 5)}"><title>${i * 10}–${i * 10 + 10}%: ${n}</title></rect><text x="${x + bw / 2}" y="${h - bottom + 14}" font-size="10" text-anchor="middle">${i * 10}</text>${n > 0 ? `<text x="${x + bw / 2}" y="${h - bottom - bh - 3}" font-size="10" text-anchor="middle">${n}</text>` : ''}`;
    })
    .join('');
  const pass =
    passMark === null
      ? ''
      : `<line x1="${left + (passMark / 100) * (w - left - 10)}" x2="${left + (passMark / 100) * (w - left - 10)}" y1="5" y2="${h - bottom}" stroke="${COLORS.pass}" stroke-width="2" stroke-dasharray="5 3"/><text x="${left + (passMark / 100) * (w - left - 10) + 4}" y="14" font-size="11" fill="${COLORS.pass}">pass ${passMark}%</text>`;
  return `<svg class="chart" role="img" aria-label="Score distribution" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg"><line x1="${left}" x2="${w - 10}" y1="${h - bottom}" y2="${h - bottom}" stroke="${COLORS.axis}"/>${bars}${pass}<text x="${w / 2}" y="${h - 2}" font-size="11" text-anchor="middle">score (%)</text></svg>`;
}

/** Candidates (rows) by domains (columns), each cell shaded by the percentage. */
export function domainComparisonChart(rows: ReportRow[], domains: string[]): string {
  const cell = 64;
  const label = 200;
  const top = 90;
  const w = label + domains.length * cell + 10;
  const h = top + rows.length * 24 + 10;
  const heads = domains
    .map(
      (d, i) =>
        `<text transform="translate(${label + i * cell + cell / 2},${top - 8}) rotate(-40)" font-size="11">${escapeHtml(d)}</text>`,
    )
    .join('');
  const body = rows
    .map((r, y) => {
      const name = r.name.length > 28 ? `${r.name.slice(0, 27)}…` : r.name;
      const cells = domains
        .map((d, x) => {
          const v = r.domains[d];
          if (v === undefined) return '';
          return `<rect x="${label + x * cell + 1}" y="${top + y * 24 + 1}" width="${cell - 2}" height="22" fill="${colorFor(v)}" fill-opacity="${0.25 + (0.75 * v) / 100}"><title>${escapeHtml(r.name)} · ${escapeHtml(d)}: ${v}%</title></rect><text x="${label + x * cell + cell / 2}" y="${top + y * 24 + 16}" font-size="11" text-anchor="middle">${v.toFixed(0)}</text>`;
        })
        .join('');
      return `<text x="${label - 6}" y="${top + y * 24 + 16}" font-size="12" text-anchor="end">${escapeHtml(name)}</text>${cells}`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="Per-domain comparison of candidates" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">${heads}${body}</svg>`;
}

/** One candidate's per-domain profile as horizontal bars. */
export function profileChart(row: ReportRow, domains: string[]): string {
  const label = 140;
  const w = 460;
  const present = domains.filter((d) => row.domains[d] !== undefined);
  const h = present.length * 22 + 10;
  const bars = present
    .map((d, i) => {
      const v = row.domains[d]!;
      const bw = ((w - label - 50) * v) / 100;
      return `<text x="${label - 6}" y="${i * 22 + 16}" font-size="12" text-anchor="end">${escapeHtml(d)}</text><rect x="${label}" y="${i * 22 + 4}" width="${w - label - 50}" height="16" fill="${COLORS.grid}"/><rect x="${label}" y="${i * 22 + 4}" width="${bw}" height="16" fill="${colorFor(v)}"/><text x="${w - 44}" y="${i * 22 + 16}" font-size="11">${v.toFixed(1)}%</text>`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="Profile of ${escapeHtml(row.name)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">${bars}</svg>`;
}

export function htmlReport(
  rows: ReportRow[],
  domains: string[],
  generatedAt: string,
  exposure: ExposureRow[],
): string {
  const byAssessment = new Map<string, ReportRow[]>();
  for (const r of rows) byAssessment.set(r.cohort, [...(byAssessment.get(r.cohort) ?? []), r]);
  const e = escapeHtml;
  const distributions = [...byAssessment.entries()]
    .map(
      ([a, list]) =>
        `<figure><figcaption>Score distribution · ${e(a || 'no assessment')} · ${list.length} candidate(s)</figcaption>${distributionChart(
          list.map((r) => r.score),
          list[0]?.passMark ?? null,
        )}</figure>`,
    )
    .join('');
  const table = rows
    .map(
      (r) =>
        `<tr><td>${e(r.name)}<br><small>${e(r.email)}</small></td><td>${e(r.cohort)}</td><td class="n">${r.score.toFixed(1)}%</td><td>${r.passed === null ? '' : r.passed ? 'pass' : '<strong>fail</strong>'}</td><td class="n">${r.percentile.toFixed(1)}</td><td class="n">${r.minutes.toFixed(1)}</td>${domains.map((d) => `<td class="n">${r.domains[d] === undefined ? '' : `${r.domains[d].toFixed(1)}%`}</td>`).join('')}<td>${e(r.signals.join('; '))}</td></tr>`,
    )
    .join('\n');
  const profiles = rows
    .map(
      (r) =>
        `<section class="profile"><h3>${e(r.name)} <small>${e(r.email)} · ${e(r.cohort)} · ${r.score.toFixed(1)}%</small></h3>${profileChart(r, domains)}${r.signals.length > 0 ? `<p class="signal">Signals (not proof): ${e(r.signals.join('; '))}</p>` : ''}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>backend-quiz report</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; } figcaption { font-weight: 600; margin-bottom: .3rem; }
.signal { color: #8a4b00; } small { color: #666; }
.profile { break-inside: avoid; }
@media print { body { margin: 0; } .profile, figure, tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>backend-quiz report</h1>
<p>Generated ${e(generatedAt)} · ${rows.length} candidate session(s). Scores are re-graded against the manager's banks. Signals are prompts to look closer, not proof.</p>
<h2>Score distribution</h2>
${distributions}
<h2>Candidates</h2>
<table>
<thead><tr><th>Candidate</th><th>Assessment</th><th>Score</th><th>Result</th><th>Percentile</th><th>Minutes</th>${domains.map((d) => `<th>${e(d)}</th>`).join('')}<th>Signals</th></tr></thead>
<tbody>
${table}
</tbody>
</table>
<h2>Per-domain comparison</h2>
<figure>${domainComparisonChart(rows, domains)}</figure>
<h2>Profiles</h2>
${profiles}
<h2>Exposure</h2>
<p>Candidates who have seen each question (the more, the likelier its content has been shared).</p>
<table>
<thead><tr><th>Question</th><th>Seen by</th></tr></thead>
<tbody>
${exposure.map((x) => `<tr><td>${e(x.id)}</td><td class="n">${x.seen}</td></tr>`).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
