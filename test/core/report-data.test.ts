// Pure helpers of the report rows.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadValidBanksFromYaml } from '../../src/bank/load-banks.js';
import { answerLines, formatMinutes, readingSeconds } from '../../src/core/report-data.js';
import { FIXTURES } from '../helpers/fixtures.js';

const HANDS = path.join(FIXTURES, 'banks', 'hands-on', 'grading.yaml');

describe('formatMinutes', () => {
  it.each([
    [0.5, '0.5'],
    [0.04, '0.0'],
    [9.94, '9.9'],
    [12.4, '12'],
    [45.6, '46'],
  ])('%s minutes reads %s', (minutes, shown) => {
    expect(formatMinutes(minutes)).toBe(shown);
  });
});

describe('answerLines', () => {
  const questions = new Map(
    loadValidBanksFromYaml([HANDS], FIXTURES).flatMap((b) => b.questions.map((q) => [q.id, q] as const)),
  );
  it('says each answer in its type’s words and never the key', () => {
    const lines = answerLines(
      [
        {
          questionId: 'hands-customers-without-orders',
          correct: false,
          response: ['SELECT id\n  FROM customers'],
        },
        { questionId: 'hands-lines-sql-injection', correct: true, response: ['5'] },
        { questionId: 'hands-order-tls-handshake', correct: false, response: null },
        { questionId: 'gone-from-the-banks', correct: false, response: ['b', 'c'] },
      ],
      questions,
    );
    expect(lines).toEqual([
      { questionId: 'hands-customers-without-orders', correct: false, answer: 'SELECT id FROM customers' },
      { questionId: 'hands-lines-sql-injection', correct: true, answer: 'line 5' },
      { questionId: 'hands-order-tls-handshake', correct: null, answer: '' },
      { questionId: 'gone-from-the-banks', correct: false, answer: 'b; c' },
    ]);
  });

  it('reads the order steps as the candidate put them', () => {
    const [line] = answerLines(
      [
        {
          questionId: 'hands-order-tls-handshake',
          correct: true,
          response: ['client-hello', 'server-hello', 'certificate', 'client-finished'],
        },
      ],
      questions,
    );
    expect(line?.answer).toBe(
      'ClientHello → ServerHello → Certificate and CertificateVerify → Finished from the client',
    );
  });
});

describe('readingSeconds', () => {
  const questions = loadValidBanksFromYaml([HANDS], FIXTURES).flatMap((b) => b.questions);
  it('counts the code of a lines question and the schema of a sql one', () => {
    for (const q of questions.filter((q) => q.type !== 'order')) {
      const promptOnly = readingSeconds({ ...q, code: undefined, sql: undefined });
      expect(readingSeconds(q)).toBeGreaterThan(promptOnly);
    }
  });
});
