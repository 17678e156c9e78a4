// The item pool adaptive mode and simulate work on: every question with calibrated parameters where the database
// has them, else the provisional prior its difficulty label implies.
import type { Question } from '../core/bank-schema.js';
import { difficultyPrior, fixedFormPrecision, type AbilityEstimate, type PoolItem } from '../core/irt.js';
import { createRandom } from '../core/random.js';
import type { AdaptivePlan } from './play-session.js';
import type { StoredParams } from '../store/measurement.js';

export interface ItemPool {
  items: (PoolItem & { calibrated: boolean })[];
  calibrated: number;
}

export function itemPool(questions: Iterable<Question>, params: ReadonlyMap<string, StoredParams>): ItemPool {
  const items = [...questions].map((q) => {
    const p = params.get(q.id);
    return p
      ? { id: q.id, domain: q.domain, a: p.a, b: p.b, calibrated: true }
      : { id: q.id, domain: q.domain, ...difficultyPrior(q.difficulty), calibrated: false };
  });
  return { items, calibrated: items.filter((i) => i.calibrated).length };
}

/** Adaptive mode's default SE target: the precision a fixed random form of `length` questions reaches. */
export function matchedSeTarget(
  questions: Iterable<Question>,
  params: ReadonlyMap<string, StoredParams>,
  length: number,
): number {
  return fixedFormPrecision(itemPool(questions, params).items, length);
}

/** Equal target shares across the chosen domains. */
export function equalTargets(domains: Iterable<string>): Record<string, number> {
  return Object.fromEntries([...new Set(domains)].map((d) => [d, 1]));
}

export interface AdaptiveSettings {
  seTarget: number;
  maxLength: number;
  /** Domain -> target share. */
  targets: Record<string, number>;
}

/** The plan play-session follows for an adaptive session; `seed` keeps the randomesque choices reproducible. */
export function adaptivePlan(
  settings: AdaptiveSettings,
  questions: Iterable<Question>,
  params: ReadonlyMap<string, StoredParams>,
  seed: number,
  onEstimate?: (estimate: AbilityEstimate) => void,
): AdaptivePlan {
  const inScope = [...questions].filter((q) => settings.targets[q.domain] !== undefined);
  return {
    pool: itemPool(inScope, params).items,
    targets: settings.targets,
    seTarget: settings.seTarget,
    maxLength: settings.maxLength,
    random: createRandom(seed),
    ...(onEstimate ? { onEstimate } : {}),
  };
}
