// The time limit assessment init suggests follows what the drawn domains hold: SQL tasks take longer.
import { describe, expect, it } from 'vitest';
import type { Question, QuestionType } from '../../../src/core/bank-schema.js';
import { suggestedMinutes } from '../../../src/commands/hiring/assessment-init.js';

const bank = (domain: string, types: QuestionType[]) => ({
  domain,
  questions: types.map((type, i) => ({ id: `${domain}-${i}`, type }) as Question),
});

describe('suggestedMinutes', () => {
  it.each([
    { banks: [bank('a', ['single', 'multiple'])], count: 10, minutes: 15 },
    { banks: [bank('a', ['single']), bank('b', ['single'])], count: 5, minutes: 15 },
    { banks: [bank('sql', ['sql', 'sql'])], count: 5, minutes: 30 },
    // Half lines (2 min), half single (1.5 min): 1.75 min a question, 12 questions = 21 -> 25.
    { banks: [bank('a', ['lines', 'single'])], count: 12, minutes: 25 },
    { banks: [bank('a', ['single'])], count: 1, minutes: 5 },
    { banks: [bank('a', [])], count: 5, minutes: 5 },
  ])('$count per domain -> $minutes min', ({ banks, count, minutes }) => {
    expect(suggestedMinutes(banks, count)).toBe(minutes);
  });
});
