// Time-limit policy: assessments run on wall time from the start; practice quizzes count only the time a question is
// on screen. The clock is read, never redrawn.

/**
 * `wall`: the limit runs from the start whether or not the program is open (as timed quizzes in Moodle), so closing
 * the terminal to look an answer up costs the time it takes. `screen`: only time with a question on screen counts.
 */
export type ClockPolicy = 'wall' | 'screen';

export function clockPolicy(kind: string): ClockPolicy {
  return kind === 'assessment' ? 'wall' : 'screen';
}

/** Milliseconds a session has used at `now`: since its start on the wall clock, else the time on screen stored. */
export function usedMs(session: { kind: string; startedAt: string; elapsedMs: number }, now: number): number {
  return clockPolicy(session.kind) === 'wall'
    ? Math.max(session.elapsedMs, now - Date.parse(session.startedAt))
    : session.elapsedMs;
}

/** Milliseconds left, or null when the quiz has no limit. Never negative. */
export function remainingMs(limitMs: number | null, elapsedMs: number): number | null {
  if (limitMs === null) return null;
  return Math.max(0, limitMs - elapsedMs);
}

export function isExpired(limitMs: number | null, elapsedMs: number): boolean {
  return limitMs !== null && elapsedMs >= limitMs;
}

/** "12:30" or "1:02:05"; seconds are rounded down so the label never promises time that is not there. */
export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "7/20 · databases · 12:30 left" */
export function progressLabel(
  position: number,
  total: number | string,
  domain: string,
  remaining: number | null,
): string {
  const parts = [`${position}/${total}`, domain];
  if (remaining !== null) parts.push(`${formatClock(remaining)} left`);
  return parts.join(' · ');
}

export function minutesToMs(minutes: number | undefined | null): number | null {
  return minutes === undefined || minutes === null ? null : Math.round(minutes * 60_000);
}
