// HTML export: one self-contained, printable file with inline SVG and CSS charts; no scripts, no network, every
// value escaped. Read by hiring managers: domain titles, exact values, a legend for every colour, one meaning per
// colour, colour-blind-safe palettes (Okabe–Ito for marks, cividis for the heat map), and narrow screens.
import type { ExposureRow, Reliability, ReportRow } from '../core/report-data.js';
import { escapeXml as escapeHtml } from './xml.js';

/** Okabe & Ito's palette, told apart with every common colour-vision deficiency. */
const COLORS = {
  bar: '#0072B2', // blue: how many candidates, how much of a domain was right
  pass: '#D55E00', // vermillion: the pass mark, nothing else
  axis: '#444',
  grid: '#e3e3e3',
  track: '#eef1f4',
};

/** Cividis (Nuñez, Anderton & Renslow 2018), sampled at 0, 25, 50, 75 and 100%: even in lightness, CVD-safe. */
const CIVIDIS = ['#00224e', '#35456c', '#666970', '#a59c74', '#fee838'];

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The heat map's colour for a percentage, with the text colour that stays readable on it. */
export function heatColor(pct: number): { fill: string; text: string } {
  const t = (Math.max(0, Math.min(100, pct)) / 100) * (CIVIDIS.length - 1);
  const i = Math.min(CIVIDIS.length - 2, Math.floor(t));
  const a = hexToRgb(CIVIDIS[i]!);
  const b = hexToRgb(CIVIDIS[i + 1]!);
  const rgb = a.map((c, k) => Math.round(c + (b[k]! - c) * (t - i)));
  const luminance = (0.2126 * rgb[0]! + 0.7152 * rgb[1]! + 0.0722 * rgb[2]!) / 255;
  return { fill: `rgb(${rgb.join(' ')})`, text: luminance > 0.45 ? '#111' : '#fff' };
}

/** "62.5%", with "± 6.3" after it when the assessment's standard error of measurement is known. */
function scoreText(score: number, sem: number | null | undefined): string {
  return sem === null || sem === undefined
    ? `<span class="value">${score.toFixed(1)}%</span>`
    : `<span class="value">${score.toFixed(1)}% <span class="sem">± ${sem.toFixed(1)}</span></span>`;
}

/** Round count steps for the y-axis: 1, 2, 5, 10, 20, 50… so there are at most about five gridlines. */
function countStep(max: number): number {
  for (let magnitude = 1; ; magnitude *= 10)
    for (const m of [1, 2, 5]) if (max / (m * magnitude) <= 5) return m * magnitude;
}

/**
 * Histogram of scores in 10-point bins. Ticks sit on the bin edges (0, 10, … 100) on the same scale as the pass
 * line, so "pass 70%" is read at the 70 tick; the y-axis counts candidates.
 */
export function distributionChart(scores: number[], passMark: number | null): string {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const s of scores) bins[Math.max(0, Math.min(9, Math.floor(s / 10)))]!++;
  const step = countStep(Math.max(1, ...bins));
  const top = Math.max(step, Math.ceil(Math.max(1, ...bins) / step) * step);
  const w = 560;
  const h = 280;
  const m = { left: 48, right: 18, top: 30, bottom: 46 };
  const plotW = w - m.left - m.right;
  const plotH = h - m.top - m.bottom;
  const x = (pct: number) => m.left + (pct / 100) * plotW;
  const y = (count: number) => m.top + plotH - (count / top) * plotH;
  const f = (n: number) => Number(n.toFixed(2));
  const parts: string[] = [];
  for (let c = 0; c <= top; c += step)
    parts.push(
      `<line x1="${m.left}" x2="${w - m.right}" y1="${f(y(c))}" y2="${f(y(c))}" stroke="${c === 0 ? COLORS.axis : COLORS.grid}"/>`,
      `<text x="${m.left - 8}" y="${f(y(c) + 4)}" font-size="12" text-anchor="end">${c}</text>`,
    );
  bins.forEach((n, i) => {
    if (n === 0) return;
    const label = `${i * 10}–${i * 10 + 10}%: ${n} candidate${n === 1 ? '' : 's'}`;
    parts.push(
      `<rect x="${f(x(i * 10) + 1.5)}" y="${f(y(n))}" width="${f(plotW / 10 - 3)}" height="${f(y(0) - y(n))}" fill="${COLORS.bar}"><title>${label}</title></rect>`,
      `<text x="${f(x(i * 10 + 5))}" y="${f(y(n) - 5)}" font-size="12" text-anchor="middle">${n}</text>`,
    );
  });
  for (let t = 0; t <= 100; t += 10)
    parts.push(
      `<line data-tick="${t}" x1="${f(x(t))}" x2="${f(x(t))}" y1="${f(y(0))}" y2="${f(y(0) + 5)}" stroke="${COLORS.axis}"/>`,
      `<text x="${f(x(t))}" y="${f(y(0) + 19)}" font-size="12" text-anchor="middle">${t}</text>`,
    );
  parts.push(
    `<text x="${f(m.left + plotW / 2)}" y="${h - 6}" font-size="12" text-anchor="middle">score (% correct)</text>`,
    `<text transform="translate(14 ${f(m.top + plotH / 2)}) rotate(-90)" font-size="12" text-anchor="middle">candidates</text>`,
  );
  if (passMark !== null) {
    const px = f(x(passMark));
    // The label goes on whichever side of the line has room.
    const right = passMark <= 75;
    parts.push(
      `<line data-pass="${passMark}" x1="${px}" x2="${px}" y1="${m.top - 8}" y2="${f(y(0))}" stroke="${COLORS.pass}" stroke-width="2.5" stroke-dasharray="6 3"/>`,
      `<text x="${f(px + (right ? 6 : -6))}" y="${m.top - 12}" font-size="12" font-weight="600" fill="${COLORS.pass}" text-anchor="${right ? 'start' : 'end'}">pass mark ${passMark}%</text>`,
    );
  }
  return `<svg class="chart" role="img" aria-label="Score distribution" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

/** The colour scale of the heat map, as a gradient bar with its ticks. */
function heatLegend(): string {
  const stops = CIVIDIS.map((c, i) => `${c} ${i * 25}%`).join(', ');
  return `<div class="legend" aria-label="Colour legend"><span>% correct in the domain</span><span class="scale"><span class="gradient" style="background: linear-gradient(to right, ${stops})"></span><span class="ticks"><span>0</span><span>25</span><span>50</span><span>75</span><span>100</span></span></span><span class="na">— not asked</span></div>`;
}

/** Candidates (rows) by domains (columns): each cell gives the exact percentage, its colour the same value. */
export function domainComparisonChart(
  rows: ReportRow[],
  domains: string[],
  titles: Record<string, string> = {},
): string {
  const e = escapeHtml;
  const head = domains.map((d) => `<th scope="col">${e(titles[d] ?? d)}</th>`).join('');
  const body = rows
    .map((r) => {
      const cells = domains
        .map((d) => {
          const v = r.domains[d];
          if (v === undefined) return '<td class="heat na">—</td>';
          const { fill, text } = heatColor(v);
          return `<td class="heat" data-domain="${e(d)}" style="background: ${fill}; color: ${text}">${v.toFixed(1)}%</td>`;
        })
        .join('');
      return `<tr data-session="${e(r.sessionId)}"><th scope="row">${e(r.name)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `${heatLegend()}<div class="scroll"><table class="heatmap" aria-label="Per-domain comparison of candidates"><thead><tr><th scope="col">Candidate</th>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** One candidate's per-domain profile as horizontal bars, each with its exact value. */
export function profileChart(row: ReportRow, domains: string[], titles: Record<string, string> = {}): string {
  const e = escapeHtml;
  const bars = domains
    .filter((d) => row.domains[d] !== undefined)
    .map((d) => {
      const v = row.domains[d]!;
      return `<div class="bar-row"><span class="bar-label">${e(titles[d] ?? d)}</span><span class="track"><span class="fill" style="width: ${v.toFixed(1)}%"></span></span><span class="bar-value">${v.toFixed(1)}%</span></div>`;
    })
    .join('');
  return `<div class="bars" role="img" aria-label="Profile of ${e(row.name)}">${bars}</div>`;
}

function reliabilityNote(assessment: string, r: Reliability | undefined): string {
  const e = escapeHtml;
  if (r !== undefined && r.sem !== null && r.alpha !== null)
    return `<p class="note">Scores are shown ± their standard error of measurement (SEM): ${r.sem.toFixed(1)} points, from Cronbach's α = ${r.alpha.toFixed(2)} over ${r.attempts} candidates (SEM = SD × √(1 − α)). About two times in three a candidate's true score lies within one SEM of the score shown, so scores closer than that to the pass mark or to each other are not clearly different.</p>`;
  return `<p class="note">The reliability of <span class="id">${e(assessment || 'sessions without an assessment')}</span> is not known (${e(r?.reason ?? 'no responses were found')}), so its scores are shown without a standard error of measurement. Treat small differences between scores with caution.</p>`;
}

export interface HtmlReportOptions {
  /** Domain titles by id, as the banks name them. */
  titles?: Record<string, string>;
  /** Reliability of each cohort's scores, by cohort label (ReportRow.cohort). */
  reliability?: ReadonlyMap<string, Reliability>;
}

export function htmlReport(
  rows: ReportRow[],
  domains: string[],
  generatedAt: string,
  exposure: ExposureRow[],
  options: HtmlReportOptions = {},
): string {
  const titles = options.titles ?? {};
  const byAssessment = new Map<string, ReportRow[]>();
  for (const r of rows) byAssessment.set(r.cohort, [...(byAssessment.get(r.cohort) ?? []), r]);
  const e = escapeHtml;
  const semOf = (r: ReportRow) => options.reliability?.get(r.cohort)?.sem;
  const assessmentName = (a: string) => `<span class="id">${e(a || 'no assessment')}</span>`;
  const distributions = [...byAssessment.entries()]
    .map(([a, list]) => {
      const pass = list[0]?.passMark ?? null;
      const caption = `Score distribution · ${assessmentName(a)} · ${list.length} candidate${list.length === 1 ? '' : 's'}${pass === null ? '' : ` · pass mark ${pass}%`}`;
      return `<figure><figcaption>${caption}</figcaption>${distributionChart(
        list.map((r) => r.score),
        pass,
      )}${reliabilityNote(a, options.reliability?.get(a))}</figure>`;
    })
    .join('');
  const table = rows
    .map(
      (r) =>
        `<tr data-session="${e(r.sessionId)}"><td class="who">${e(r.name)}<br><small>${e(r.email)}</small></td><td data-label="Assessment">${assessmentName(r.cohort)}</td><td class="n score" data-label="Score">${scoreText(r.score, semOf(r))}</td><td data-label="Result">${r.passed === null ? '' : r.passed ? 'pass' : '<strong>fail</strong>'}</td><td class="n" data-label="Percentile">${r.percentile.toFixed(1)}</td><td class="n" data-label="Minutes">${r.minutes.toFixed(1)}</td><td class="signals" data-label="Signals">${e(r.signals.join('; '))}</td></tr>`,
    )
    .join('\n');
  const profiles = rows
    .map(
      (r) =>
        `<section class="profile"><h3>${e(r.name)} <small>${e(r.email)} · ${assessmentName(r.cohort)} · ${scoreText(r.score, semOf(r))}</small></h3>${profileChart(r, domains, titles)}${r.signals.length > 0 ? `<p class="signal">Signals (not proof): ${e(r.signals.join('; '))}</p>` : ''}</section>`,
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
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK JP", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; margin: 2rem auto; padding: 0 1rem; max-width: 72rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #ddd; padding: 5px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.id { white-space: nowrap; font-family: ui-monospace, monospace; font-size: .92em; }
.sem { color: #555; font-size: .9em; } .value { white-space: nowrap; }
.scroll { max-width: 100%; overflow-x: auto; }
figure { margin: 1rem 0 1.5rem; } figcaption { font-weight: 600; margin-bottom: .3rem; }
svg.chart { display: block; width: 100%; max-width: 560px; height: auto; }
.note { color: #444; max-width: 44rem; font-size: .93em; }
.legend { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1rem; margin: .3rem 0 .6rem; font-size: .9em; }
.legend .scale { display: inline-flex; flex-direction: column; width: 14rem; }
.legend .gradient { display: block; height: 14px; border: 1px solid #999; }
.legend .ticks { display: flex; justify-content: space-between; font-size: .85em; }
.legend .na { color: #555; }
table.heatmap td.heat { text-align: center; font-variant-numeric: tabular-nums; min-width: 4.2em; font-weight: 600; }
table.heatmap td.na { color: #777; font-weight: 400; }
table.heatmap thead th { vertical-align: bottom; font-size: .9em; width: 7em; }
.bars { max-width: 40rem; }
.bar-row { display: grid; grid-template-columns: minmax(7rem, 14rem) 1fr 4rem; gap: .6rem; align-items: center; margin: 3px 0; }
.bar-label { font-size: .93em; }
.track { display: block; height: 14px; background: ${COLORS.track}; }
.fill { display: block; height: 100%; background: ${COLORS.bar}; }
.bar-value { text-align: right; font-variant-numeric: tabular-nums; }
.signal { color: #8a4b00; } small { color: #666; }
.profile { break-inside: avoid; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media (max-width: 640px) {
  body { margin: 1rem auto; padding: 0 .6rem; }
  .bar-row { grid-template-columns: 8rem 1fr 3.6rem; }
  /* Narrow screens: each candidate becomes a block of labelled lines instead of a row too wide to read. */
  table.candidates { width: 100%; }
  table.candidates thead { display: none; }
  table.candidates tr { display: block; border-bottom: 1px solid #ccc; padding: .4rem 0; }
  table.candidates td { display: block; border: none; padding: 1px 4px; text-align: left; }
  table.candidates td.who { font-weight: 600; }
  table.candidates td[data-label]::before { content: attr(data-label); display: inline-block; width: 6.5rem; color: #555; font-weight: 400; }
  table.candidates td.signals:empty { display: none; }
  table.heatmap th, table.heatmap td { padding: 4px 4px; }
  table.heatmap td.heat { min-width: 3.4em; font-size: .88em; }
  table.heatmap thead th { font-size: .8em; width: auto; }
}
@media print { body { margin: 0; max-width: none; } .profile, figure, tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>backend-quiz report</h1>
<p>Generated ${e(generatedAt)} · ${rows.length} candidate session${rows.length === 1 ? '' : 's'}. Scores are re-graded against the manager's banks. Signals are prompts to look closer, not proof.</p>
<h2>Score distribution</h2>
${distributions}
<h2>Candidates</h2>
<div class="scroll">
<table class="candidates">
<thead><tr><th>Candidate</th><th>Assessment</th><th>Score</th><th>Result</th><th>Percentile</th><th>Minutes</th><th>Signals</th></tr></thead>
<tbody>
${table}
</tbody>
</table>
</div>
<h2>Per-domain comparison</h2>
<figure>${domainComparisonChart(rows, domains, titles)}</figure>
<h2>Profiles</h2>
<p class="note">Bars show the share of each domain's questions answered correctly.</p>
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
