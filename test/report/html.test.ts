// The HTML report's pieces without a browser: reliability from a cohort's marks, the histogram's scale, the
// heat map's colours and escaping. What it looks like is checked in Chromium (test/e2e/html-report.test.ts).
import { describe, expect, it } from 'vitest';
import { reliability, type ReportRow } from '../../src/core/report-data.js';
import { toSparse } from '../../src/core/statistics.js';
import { distributionChart, heatColor, htmlReport } from '../../src/report/html.js';

const matrix = (rows: (number | null)[][]) => toSparse({ itemIds: rows[0]!.map((_, i) => `q${i}`), rows });

describe('reliability', () => {
  it.each([
    {
      name: 'a consistent cohort on the same questions',
      rows: [
        [1, 1, 1, 1],
        [1, 1, 1, 0],
        [1, 1, 0, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
      ],
      alpha: 0.8,
      reason: null,
    },
    { name: 'one candidate', rows: [[1, 0, 1]], alpha: null, reason: 'fewer than two candidates took it' },
    {
      name: 'different questions per candidate',
      rows: [
        [1, null, 1],
        [null, 1, 0],
      ],
      alpha: null,
      reason: 'candidates were not all given the same questions',
    },
    {
      name: 'everyone the same score',
      rows: [
        [1, 0],
        [1, 0],
      ],
      alpha: null,
      reason: 'every candidate got the same score',
    },
  ])('$name', ({ rows, alpha, reason }) => {
    const r = reliability(matrix(rows));
    expect(r.reason).toBe(reason);
    if (alpha === null) expect(r.sem).toBeNull();
    else {
      expect(r.alpha).toBeCloseTo(alpha, 5);
      // SEM = SD · √(1 − α), with SD of the percentage scores 100, 75, 50, 25, 0.
      const sd = Math.sqrt((2 * 50 ** 2 + 2 * 25 ** 2) / 4);
      expect(r.sem).toBeCloseTo(sd * Math.sqrt(1 - alpha), 5);
    }
  });
});

describe('distributionChart', () => {
  it.each([70, 65, 100, 0])('the pass line at %i sits where a tick at that value would be', (pass) => {
    const svg = distributionChart([10, 55, 70, 70, 95, 100], pass);
    const at = (pct: number) => {
      const x0 = Number(/data-tick="0" x1="([\d.]+)"/.exec(svg)![1]);
      const x100 = Number(/data-tick="100" x1="([\d.]+)"/.exec(svg)![1]);
      return x0 + ((x100 - x0) * pct) / 100;
    };
    const line = Number(/data-pass="[\d.]+" x1="([\d.]+)"/.exec(svg)![1]);
    expect(line).toBeCloseTo(at(pass), 1);
    // Ticks on every bin edge, 0 to 100, and counts up the y-axis.
    for (let t = 0; t <= 100; t += 10) expect(svg).toContain(`data-tick="${t}"`);
    expect(svg).toContain('>candidates</text>');
    expect(svg).toContain(`pass mark ${pass}%`);
  });

  it('puts 100 in the last bin and 70 right of a 70 pass line', () => {
    const svg = distributionChart([70, 100], 70);
    expect(svg).toContain('<title>70–80%: 1 candidate</title>');
    expect(svg).toContain('<title>90–100%: 1 candidate</title>');
  });
});

describe('heatColor', () => {
  it('gets lighter as the score rises (no red, one meaning), with readable text', () => {
    const lum = (c: string) => {
      const [r, g, b] = c.match(/\d+/g)!.map(Number);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const values = [0, 12.5, 25, 37.5, 50, 62.5, 75, 87.5, 100].map((v) => heatColor(v));
    for (let i = 1; i < values.length; i++)
      expect(lum(values[i]!.fill)).toBeGreaterThan(lum(values[i - 1]!.fill));
    expect(values[0]!.text).toBe('#fff');
    expect(values.at(-1)!.text).toBe('#111');
  });
});

describe('htmlReport', () => {
  const row: ReportRow = {
    sessionId: 'abc123',
    name: '<script>alert(1)</script>',
    email: 'x@example.com',
    assessment: 'backend-2026-11-27',
    cohort: 'backend-2026-11-27@1f2e3d4c',
    startedAt: '2026-11-27T00:00:00Z',
    finishedAt: null,
    minutes: 12,
    status: 'completed',
    score: 37.5,
    correct: 3,
    total: 8,
    passMark: 70,
    passed: false,
    percentile: 50,
    domains: { performance: 37.5 },
    signals: [],
  };

  it('says plainly when reliability is unknown, uses titles, shows 37.5 and escapes everything', () => {
    const html = htmlReport([row], ['performance'], 'now', [], {
      titles: { performance: 'Performance & scalability' },
      reliability: new Map([
        [
          'backend-2026-11-27@1f2e3d4c',
          { attempts: 1, alpha: null, sem: null, reason: 'fewer than two candidates took it' },
        ],
      ]),
    });
    expect(html).toContain('is not known (fewer than two candidates took it)');
    expect(html).not.toContain('± ');
    expect(html).toContain('Performance &amp; scalability');
    expect(html).toContain('>37.5%</td>');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/\b38%/);
  });

  it('shows ± SEM next to every score when it is known', () => {
    const html = htmlReport([row], ['performance'], 'now', [], {
      reliability: new Map([
        ['backend-2026-11-27@1f2e3d4c', { attempts: 9, alpha: 0.8, sem: 6.25, reason: null }],
      ]),
    });
    expect(html.match(/37\.5% <span class="sem">± 6\.3<\/span>/g)).toHaveLength(2);
    expect(html).toContain("Cronbach's α = 0.80 over 9 candidates");
  });
});
