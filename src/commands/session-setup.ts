// Helpers the session commands share: ids, seeds, the question index and topic checks.
import { randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import type { Bank, Question } from '../core/bank-schema.js';
import { UsageError } from '../core/errors.js';
import { MAX_SEED } from '../core/random.js';

export function newSessionId(): string {
  return randomBytes(6).toString('hex');
}

export function newSeed(): number {
  return randomInt(MAX_SEED);
}

export function questionIndex(banks: Bank[]): Map<string, Question> {
  return new Map(banks.flatMap((b) => b.questions.map((q) => [q.id, q] as const)));
}

export function domainTitles(banks: Bank[]): Record<string, string> {
  return Object.fromEntries(banks.map((b) => [b.domain, b.title]));
}

export function checkTopics(topics: string[], banks: Bank[]): void {
  const known = new Set(banks.map((b) => b.domain));
  const unknown = topics.filter((t) => !known.has(t));
  if (unknown.length > 0)
    throw new UsageError(`unknown topic ${unknown.join(', ')}; choose from: ${[...known].sort().join(', ')}`);
}

export function absolutePaths(paths: string[], cwd: string): string[] {
  return paths.map((p) => path.resolve(cwd, p));
}
