// Seeded pseudo-random numbers: every shuffle and selection takes one, so the same seed gives the same quiz.

export type Random = () => number;

/** mulberry32: tiny, fast and well distributed for shuffling; not for cryptography. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Integer in [0, max). */
export function randomInt(random: Random, max: number): number {
  return Math.floor(random() * max);
}

export const MAX_SEED = 2 ** 31 - 1;
