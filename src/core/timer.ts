// Time-limit policy: the clock runs only while the quiz is open, and it is read, never redrawn.

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
