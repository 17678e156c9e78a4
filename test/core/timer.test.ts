import { describe, expect, it } from 'vitest';
import {
  clockPolicy,
  formatClock,
  isExpired,
  minutesToMs,
  progressLabel,
  remainingMs,
  usedMs,
} from '../../src/core/timer.js';

describe('timer policy', () => {
  it.each([
    { limit: null, elapsed: 5_000, remaining: null, expired: false },
    { limit: 60_000, elapsed: 0, remaining: 60_000, expired: false },
    { limit: 60_000, elapsed: 59_999, remaining: 1, expired: false },
    { limit: 60_000, elapsed: 60_000, remaining: 0, expired: true },
    { limit: 60_000, elapsed: 90_000, remaining: 0, expired: true },
  ])('limit $limit elapsed $elapsed', ({ limit, elapsed, remaining, expired }) => {
    expect(remainingMs(limit, elapsed)).toBe(remaining);
    expect(isExpired(limit, elapsed)).toBe(expired);
  });

  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [750_000, '12:30'],
    [3_725_000, '1:02:05'],
  ])('formatClock(%i) = %s', (ms, text) => expect(formatClock(ms)).toBe(text));

  it('labels progress as the candidate sees it', () => {
    expect(progressLabel(7, 20, 'databases', 750_000)).toBe('7/20 · databases · 12:30 left');
    expect(progressLabel(1, 5, 'apis', null)).toBe('1/5 · apis');
  });

  it.each([
    [undefined, null],
    [1, 60_000],
    [0.5, 30_000],
  ])('minutesToMs(%s) = %s', (m, ms) => expect(minutesToMs(m)).toBe(ms));
});

describe('which clock a session runs on', () => {
  const start = '2026-11-27T10:00:00.000Z';
  const at = (seconds: number) => Date.parse(start) + seconds * 1000;
  it.each([
    // Assessments: wall time since the start, whatever was stored while the program ran.
    { kind: 'assessment', stored: 5_000, now: at(60), used: 60_000 },
    { kind: 'assessment', stored: 0, now: at(3600), used: 3_600_000 },
    { kind: 'assessment', stored: 70_000, now: at(60), used: 70_000 },
    // Practice quizzes: only the time with a question on screen, so closing the program pauses them.
    { kind: 'quiz', stored: 5_000, now: at(3600), used: 5_000 },
  ])('$kind: stored $stored ms, $now', ({ kind, stored, now, used }) => {
    expect(usedMs({ kind, startedAt: start, elapsedMs: stored }, now)).toBe(used);
  });

  it('assessments are wall time, everything else screen time', () => {
    expect([clockPolicy('assessment'), clockPolicy('quiz'), clockPolicy('review')]).toEqual([
      'wall',
      'screen',
      'screen',
    ]);
  });
});
