// SQL answers graded in the real sandbox before scoring: each distinct (question, query) once, blank ones left to
// scoring, and a task without check data here graded wrong with a reason instead of failing the command.
import { describe, expect, it } from 'vitest';
import { gradeSqlAnswers } from '../../src/commands/grade-sql.js';
import { sqlAnswerKey } from '../../src/core/scoring.js';
import { handsOnQuestions, LINES_ID, SQL_ID } from '../helpers/hands-on.js';

const questions = handsOnQuestions();
const task = questions.get(SQL_ID)!;
const RIGHT =
  'SELECT id, name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders WHERE customer_id IS NOT NULL)';
const WRONG = 'SELECT id, name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)';

describe('gradeSqlAnswers', () => {
  it('runs each distinct query once on the check data and says why a wrong one is wrong', async () => {
    const { verdicts, reasons } = await gradeSqlAnswers([
      { question: task, sql: RIGHT },
      { question: task, sql: WRONG },
      { question: task, sql: RIGHT },
      { question: task, sql: '   ' },
      { question: questions.get(LINES_ID)!, sql: '5' },
    ]);
    expect([...verdicts]).toEqual([
      [sqlAnswerKey(SQL_ID, RIGHT), true],
      [sqlAnswerKey(SQL_ID, WRONG), false],
    ]);
    expect(reasons.get(sqlAnswerKey(SQL_ID, WRONG))).toBe('row count 0, expected 3');
  });

  it('grades a task that has no check data here wrong, with a reason', async () => {
    const bare = { ...task, sql: { ...task.sql!, check: undefined } };
    const { verdicts, reasons } = await gradeSqlAnswers([{ question: bare, sql: RIGHT }]);
    expect(verdicts.get(sqlAnswerKey(SQL_ID, RIGHT))).toBe(false);
    expect(reasons.get(sqlAnswerKey(SQL_ID, RIGHT))).toMatch(/cannot be graded/);
  });

  it('has nothing to run without a SQL answer', async () => {
    const { verdicts } = await gradeSqlAnswers([{ question: task, sql: '' }]);
    expect(verdicts.size).toBe(0);
  });
});
