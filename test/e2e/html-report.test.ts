// The HTML report as a hiring manager sees it, in headless Chromium at 1200 and 600 pixels: a cohort of ten
// candidates who took the same sixteen questions from the shipped banks (one taken in a pseudo-terminal, the others
// derived from its result file with other answers, re-graded and re-signed), imported and reported.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadValidBanks } from '../../src/bank/banks.js';
import type { Question } from '../../src/core/bank-schema.js';
import { resultDigest, type ResultFile } from '../../src/core/result-file.js';
import { percent, scoreAnswer } from '../../src/core/scoring.js';
import { launchChromium as launchBrowser } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { ROOT, SHIPPED_BANKS } from '../helpers/fixtures.js';
import { takeAssessment } from '../helpers/take.js';

const DOMAINS = ['architecture', 'databases', 'performance', 'security'];
const PASS_MARK = 70;
/** Questions each candidate answers correctly, in the order of the list (a noisy Guttman pattern). */
const CORRECT_COUNTS = [3, 5, 6, 8, 9, 10, 11, 12, 13, 15];
const NAMES = [
  'Zoë Lovelace',
  '山田 太郎',
  '<img src=x onerror=alert(1)>',
  'Grace Hopper',
  'Linus 🐧 Torvalds',
  'Barbara Liskov',
  'Edsger Dijkstra',
  'Margaret Hamilton',
  'Ken Thompson',
  'Radia Perlman',
];

let dir: string;
let html: string;
let text: string;
let report: { domains: string[]; candidates: ReportCandidate[] };
let titles: Record<string, string>;
interface ReportCandidate {
  sessionId: string;
  name: string;
  assessment: string;
  score: number;
  percentile: number;
  domains: Record<string, number>;
}
const shots = () => process.env.REPORT_SCREENSHOTS ?? path.join(dir, 'screenshots');

function answerFor(question: Question, correct: boolean): string[] {
  if (question.type === 'text') return correct ? [question.answer[0]!] : ['no idea'];
  if (correct) return [...question.answer];
  const wrong = question.options.find((o) => !question.answer.includes(o.id));
  return [wrong!.id];
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'backend-quiz-html-'));
  const banks = await loadValidBanks([SHIPPED_BANKS], ROOT);
  titles = Object.fromEntries(banks.map((b) => [b.domain, b.title]));
  const questions = new Map(banks.flatMap((b) => b.questions.map((q) => [q.id, q] as const)));
  const chosen = DOMAINS.map(
    (d) =>
      [
        d,
        banks
          .find((b) => b.domain === d)!
          .questions.filter((q) => q.type !== 'text')
          .slice(0, 4)
          .map((q) => q.id),
      ] as const,
  );
  writeFileSync(
    path.join(dir, 'assessment.yaml'),
    `format: 1\nid: backend-2026-11-27\ntitle: Backend hiring\ndomains:\n${chosen
      .map(([d, ids]) => `  - id: ${d}\n    questions: [${ids.join(', ')}]\n`)
      .join('')}passMark: ${PASS_MARK}\nseedPolicy: per-candidate\n`,
  );
  mkdirSync(path.join(dir, 'results'));
  const first = await takeAssessment({
    assessment: path.join(dir, 'assessment.yaml'),
    banks: SHIPPED_BANKS,
    db: path.join(dir, 'candidates.db'),
    out: path.join(dir, 'results'),
    total: 16,
    name: 'Template',
    email: 'template@example.com',
  });
  const template = JSON.parse(readFileSync(first, 'utf8')) as ResultFile;
  const order = chosen.flatMap(([, ids]) => ids);
  const files = CORRECT_COUNTS.map((count, k) => {
    // Candidate k gets the first `count` questions right, with one pair swapped for every other candidate.
    const right = new Set(order.slice(0, count));
    if (k % 2 === 1 && count > 1 && count < order.length) {
      right.delete(order[count - 1]!);
      right.add(order[count]!);
    }
    const transcript = template.transcript.map((t) => {
      const answer = answerFor(questions.get(t.id)!, right.has(t.id));
      return { ...t, chosen: answer, correct: scoreAnswer(questions.get(t.id)!, answer) };
    });
    const correct = transcript.filter((t) => t.correct).length;
    const domains = Object.fromEntries(
      DOMAINS.map((d) => {
        const mine = transcript.filter((t) => t.domain === d);
        return [d, percent(mine.filter((t) => t.correct).length, mine.length)];
      }),
    );
    const score = percent(correct, transcript.length);
    const result = {
      ...template,
      candidate: { name: NAMES[k]!, email: `candidate${k}@example.com` },
      session: { ...template.session, id: `${template.session.id.slice(0, 8)}${String(k).padStart(4, '0')}` },
      transcript,
      score: { percent: score, correct, total: transcript.length, passed: score >= PASS_MARK, domains },
    };
    const file = path.join(dir, 'results', `candidate-${k}.json`);
    writeFileSync(file, JSON.stringify({ ...result, digest: resultDigest(result) }));
    return file;
  });
  const db = path.join(dir, 'manager.db');
  const cli = (args: string[]) => runCli([...args, '--banks', SHIPPED_BANKS, '--db', db]);
  const imported = await cli(['import', ...files, '--assessment', path.join(dir, 'assessment.yaml')]);
  expect(imported.stdout).toContain('10 imported');
  const json = await cli(['report', '--format', 'json']);
  report = JSON.parse(json.stdout) as typeof report;
  text = (await cli(['report'])).stdout;
  const out = await cli(['report', '--format', 'html', '--out', path.join(dir, 'report.html')]);
  expect(out.code).toBe(0);
  html = path.join(dir, 'report.html');
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(width: number, use: (page: Page) => Promise<void>): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${html}`);
    mkdirSync(shots(), { recursive: true });
    await page.screenshot({ path: path.join(shots(), `report-${width}.png`), fullPage: true });
    // The same page in screen-sized pieces, legible one at a time.
    const height: number = await page.evaluate('document.scrollingElement.scrollHeight');
    for (let y = 0, i = 1; y < height; y += 900, i++)
      await page.screenshot({
        path: path.join(shots(), `report-${width}-${i}.png`),
        fullPage: true,
        clip: { x: 0, y, width, height: Math.min(900, height - y) },
      });
    await use(page);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
}

/** Every assessment id is laid out as one line box: it did not break. */
async function expectIdsOnOneLine(page: Page): Promise<void> {
  const boxes: number[] = await page.evaluate(
    "[...document.querySelectorAll('.id')].map((n) => n.getClientRects().length)",
  );
  expect(boxes.length).toBeGreaterThan(0);
  expect(boxes.filter((n) => n !== 1)).toEqual([]);
}

describe('the HTML report in Chromium', () => {
  it('at 1200 px: values match the JSON report, ± SEM shown, titles not ids, a legend, the pass line on its tick', async () => {
    expect(report.candidates).toHaveLength(10);
    await open(1200, async (page) => {
      // The pass line is drawn where the 70 tick is, on the same scale.
      const pass = await page.locator('svg line[data-pass]').boundingBox();
      const tick = await page.locator(`svg line[data-tick="${PASS_MARK}"]`).boundingBox();
      expect(pass && tick).toBeTruthy();
      expect(Math.abs(pass!.x + pass!.width / 2 - (tick!.x + tick!.width / 2))).toBeLessThan(0.5);
      // The y-axis counts candidates; the x-axis ends at 100.
      const labels = await page.locator('svg[aria-label="Score distribution"] text').allTextContents();
      expect(labels).toContain('100');
      expect(labels).toContain('candidates');

      for (const c of report.candidates) {
        const row = page.locator(`table.candidates tr[data-session="${c.sessionId}"]`);
        expect(await row.locator('td').nth(0).innerText()).toContain(c.name);
        expect(await row.locator('td.score').innerText()).toMatch(
          new RegExp(`^${c.score.toFixed(1).replace('.', '\\.')}% ± \\d+\\.\\d$`),
        );
        expect(await row.locator('td').nth(4).innerText()).toBe(c.percentile.toFixed(1));
        const heat = page.locator(`table.heatmap tr[data-session="${c.sessionId}"]`);
        for (const d of report.domains)
          expect(await heat.locator(`td[data-domain="${d}"]`).innerText()).toBe(
            `${c.domains[d]!.toFixed(1)}%`,
          );
      }
      expect(report.candidates.some((c) => c.score === 37.5)).toBe(true);
      expect(await page.locator('table.heatmap').innerText()).not.toMatch(/\b38%/);

      const heads = await page.locator('table.heatmap thead th').allInnerTexts();
      expect(heads.slice(1)).toEqual(report.domains.map((d) => titles[d]));
      expect(await page.locator('.legend').isVisible()).toBe(true);
      expect(await page.locator('.note').first().innerText()).toMatch(
        /Cronbach's α = 0\.\d\d over 10 candidates/,
      );

      // An assessment id never breaks across lines; hostile names are text.
      await expectIdsOnOneLine(page);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('body').innerText()).toContain('<img src=x onerror=alert(1)>');
    });
  }, 60_000);

  it('at 600 px the page does not scroll sideways', async () => {
    await open(600, async (page) => {
      // Evaluated in the page (this project's types have no DOM).
      const [scrollWidth, innerWidth]: [number, number] = await page.evaluate(
        '[document.scrollingElement.scrollWidth, window.innerWidth]',
      );
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      await expectIdsOnOneLine(page);
      const pass = await page.locator('svg line[data-pass]').boundingBox();
      const tick = await page.locator(`svg line[data-tick="${PASS_MARK}"]`).boundingBox();
      expect(Math.abs(pass!.x + pass!.width / 2 - (tick!.x + tick!.width / 2))).toBeLessThan(0.5);
    });
  }, 60_000);
});

describe('the text report', () => {
  it('lines up CJK and emoji names: every score starts in the same column', () => {
    const rows = text.split('\n').filter((l) => /\d+\.\d%/.test(l));
    expect(rows.some((r) => r.includes('山田 太郎'))).toBe(true);
    expect(rows.some((r) => r.includes('🐧'))).toBe(true);
    const columns = rows.map((r) => stringWidth(r.slice(0, r.search(/\d+\.\d%/))));
    expect(new Set(columns).size, rows.join('\n')).toBe(1);
  });
});
