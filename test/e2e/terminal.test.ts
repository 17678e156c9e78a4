// The quiz at 80 × 24 in a real pseudo-terminal, read back through a terminal emulator: nothing wider than the
// screen, no word split across lines, every option whole on screen, the end screen's titles untruncated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';
import { KEY, PtySession, type Screen } from '../helpers/pty.js';

const NARROW_BANKS = path.join(FIXTURES, 'banks', 'narrow');
const COLS = 80;
const ROWS = 24;

interface FixtureQuestion {
  id: string;
  prompt: string;
  options: { id: string; text: string }[];
  explanation: string;
}
const bank = parse(readFileSync(path.join(NARROW_BANKS, 'performance.yaml'), 'utf8')) as {
  questions: FixtureQuestion[];
};

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const squash = (text: string) => words(text).join(' ');

/** Prose of a prompt without its fenced code. */
const prose = (prompt: string) => prompt.replace(/```[\s\S]*?```/g, ' ');

function expectFits(screen: Screen, cols = COLS): void {
  expect(screen.wrapped, `rows wrapped by the terminal:\n${screen.lines.join('\n')}`).toEqual([]);
  for (const line of screen.lines) expect(line.length).toBeLessThanOrEqual(cols);
}

/** Every word of `text` sits whole on one screen line: none was split by a line break. */
function expectWordsWhole(screen: Screen, text: string): void {
  const onScreen = new Set(screen.lines.flatMap(words));
  for (const word of words(text)) expect(onScreen, `"${word}" split or missing`).toContain(word);
}

/** Greedy wrapping: each line but a paragraph's last is full, so the next word would not have fitted on it. */
function expectFilled(lines: string[], width: number, paragraphs: string[] = []): void {
  let filled = 0;
  for (const [i, line] of lines.entries()) {
    const next = lines[i + 1];
    if (!next || paragraphs.some((p) => p.endsWith(squash(line)))) continue;
    expect(line.length + 1 + words(next)[0]!.length, `${line}\n${next}`).toBeGreaterThan(width);
    filled++;
  }
  expect(filled).toBeGreaterThan(0);
}

async function waitForQuestion(session: PtySession, n: number, total: number) {
  const from = Math.max(0, session.mark() - 2000);
  const seen = await session.waitFor(new RegExp(`${n}/${total} ·[\\s\\S]*navigate`), from);
  const question = bank.questions.find((q) => seen.includes(words(q.prompt).slice(0, 6).join(' ')));
  // The prompt's first words are on one line whatever the wrapping; anything else means the test is lost.
  expect(question, seen).toBeDefined();
  return question!;
}

describe('an 80 × 24 terminal', () => {
  it('shows prompts and long options wrapped at word boundaries, whole, and an untruncated end screen', async () => {
    const db = path.join(tempDir(), 'results.db');
    const session = new PtySession(
      ['quiz', '--db', db, '--banks', NARROW_BANKS, '--seed', '3', '-n', '2'],
      {},
      undefined,
      { cols: COLS, rows: ROWS },
    );
    for (let n = 1; n <= 2; n++) {
      const question = await waitForQuestion(session, n, 2);
      const screen = await session.screen();
      expectFits(screen);
      expectWordsWhole(screen, prose(question.prompt));
      for (const option of question.options) expectWordsWhole(screen, option.text);
      // Each option is on screen in full: its lines, joined, read as the option's text.
      const list = squash(screen.lines.join('\n').replace(/[❯◯◉]/g, ' '));
      for (const option of question.options) expect(list).toContain(squash(option.text));
      // Bank prose is joined and re-wrapped: the source's ~110-column lines would leave a short line behind each.
      expect(list).toContain(squash(prose(question.prompt).split('\n').slice(0, 2).join(' ')));
      // Options in the order shown: where each one's first words are on screen.
      const shown = squash(screen.lines.join('\n'));
      const order = [...question.options].sort(
        (a, b) =>
          shown.indexOf(words(a.text).slice(0, 4).join(' ')) -
          shown.indexOf(words(b.text).slice(0, 4).join(' ')),
      );
      const mark = session.mark();
      let chosen = order.slice(0, 1);
      // The multiple-choice question gets its first two boxes ticked (never its two keys in this order), so at least
      // one question is missed and the answer shown afterwards is two long options.
      if (question.id === 'narrow-headers') {
        session.write(KEY.space + KEY.down + KEY.space + KEY.enter);
        chosen = order.slice(0, 2);
        expect(chosen.map((o) => o.id).sort()).not.toEqual(['private', 'swr']);
      } else session.write(KEY.enter);
      await session.waitFor(n === 2 ? 'Review the' : '2/2 ·', mark);
      // The answered question stays on screen with the chosen options, wrapped as cleanly.
      const answered = await session.screen();
      expectFits(answered);
      for (const option of chosen) expectWordsWhole(answered, option.text);
      if (chosen.length > 1) {
        // Two ticked options read as one text, each line filled as far as the next word allows.
        const hint = answered.lines.findIndex((l) => l.startsWith('(select all that apply)'));
        const next = answered.lines.findIndex((l, i) => i > hint && l.startsWith('?'));
        const lines = answered.lines.slice(hint + 1, next).filter((l) => l.trim() !== '');
        expect(squash(lines.join(' '))).toBe(squash(chosen.map((o) => o.text).join('; ')));
        expectFilled(lines, COLS - 2);
      }
    }
    await session.waitFor('Review the');
    const endScreen = await session.screen();
    expectFits(endScreen);
    expect(endScreen.lines.some((l) => l.includes('Performance and scalability'))).toBe(true);

    const reviewMark = session.mark();
    session.write(KEY.enter);
    await session.waitFor(/Missed 1\/\d[\s\S]*https:/, reviewMark);
    await new Promise((r) => setTimeout(r, 200));
    const review = await session.screen();
    expectFits(review);
    const shown = session.text.slice(reviewMark);
    const first = bank.questions.find((q) => shown.includes(`· ${q.id}`))!;
    expect(first).toBeDefined();
    expectWordsWhole(review, first.explanation);
    // Soft breaks joined: each explanation line but a paragraph's last is filled as far as the next word allows.
    // The explanation: after the blank line that follows "Correct: ...", up to the references.
    const correct = review.lines.findLastIndex((l) => l.startsWith('Correct:'));
    expect(correct).toBeGreaterThanOrEqual(0);
    const start = review.lines.findIndex((l, i) => i > correct && l.trim() === '');
    const end = review.lines.findIndex((l, i) => i > start && l.includes('https:'));
    const lines = review.lines.slice(start + 1, end).filter((l) => l.trim() !== '');
    const paragraphs = first.explanation.split(/\n\s*\n/).map(squash);
    expectFilled(lines, COLS, paragraphs);
    session.write(KEY.ctrlC);
    await session.wait();
  }, 60_000);

  it('redraws the question for the new width when the terminal is resized', async () => {
    const db = path.join(tempDir(), 'results.db');
    const session = new PtySession(
      ['quiz', '--db', db, '--banks', NARROW_BANKS, '--seed', '3', '-n', '2'],
      {},
      undefined,
      { cols: COLS, rows: ROWS },
    );
    const question = await waitForQuestion(session, 1, 2);
    const mark = session.mark();
    session.resize(60, ROWS);
    await session.waitFor(/1\/2 ·[\s\S]*navigate/, mark);
    await new Promise((r) => setTimeout(r, 200));
    const screen = await session.screen();
    expectFits(screen, 60);
    expectWordsWhole(screen, prose(question.prompt));
    for (const option of question.options) expectWordsWhole(screen, option.text);
    session.write(KEY.ctrlC);
    expect((await session.wait()).exitCode).toBe(130);
  }, 60_000);
});
