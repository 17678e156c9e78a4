// Which questions get a distractor analysis: only those whose answers choose among options that are alternatives.
import { describe, expect, it } from 'vitest';
import { hasDistractors } from '../../../src/commands/measurement/stats.js';
import type { Question } from '../../../src/core/bank-schema.js';

describe('hasDistractors', () => {
  const of = (type: Question['type']) => ({ type }) as Question;
  it.each<[Question['type'], boolean]>([
    ['single', true],
    ['multiple', true],
    ['true-false', true],
    ['text', true],
    ['sql', false],
    ['lines', false],
    ['order', false],
  ])('%s: %s', (type, expected) => {
    expect(hasDistractors(of(type))).toBe(expected);
  });
  it('analyses a question the banks no longer have, as before', () => {
    expect(hasDistractors(undefined)).toBe(true);
  });
});
