// What a learner reads after a hands-on answer (the end-of-quiz review and practice feedback): the answer beside
// the key, laid out for the terminal's width.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/bank-schema.js';
import { describeResponse, renderReviewEntry } from '../../src/ui/render.js';
import { renderFeedback } from '../../src/ui/study.js';
import { displayWidth } from '../../src/ui/text.js';
import { createTheme } from '../../src/ui/theme.js';

const theme = createTheme(false);
const base = {
  domain: 'databases',
  difficulty: 'mid' as const,
  tags: ['t'],
  explanation: 'Why the key is right, and why the tempting answers are wrong.',
  references: ['https://sqlite.org/lang_select.html'],
};

const sql: Question = {
  ...base,
  id: 'sql-without-orders',
  type: 'sql',
  prompt: 'Return the id and name of every customer who has never placed an order.',
  options: [],
  answer: [
    'SELECT c.id, c.name FROM customers c\nWHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)',
  ],
  sql: {
    schema: 'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);',
    sample: '',
    check: '',
    reference:
      'SELECT c.id, c.name FROM customers c\nWHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)',
    ordered: false,
    mistakes: [],
  },
};

const lines: Question = {
  ...base,
  id: 'lines-injection',
  type: 'lines',
  prompt: 'Mark the line where untrusted input reaches the SQL interpreter.',
  options: [],
  code: {
    language: 'python',
    text: 'def orders(request, db):\n    user_id = request.args["user"]\n    cursor = db.cursor()\n    cursor.execute("SELECT * FROM o WHERE u = \'" + user_id + "\'")\n',
  },
  answer: ['4'],
};

const order: Question = {
  ...base,
  id: 'order-tcp',
  type: 'order',
  prompt: 'Put the segments of a TCP three-way handshake in order.',
  options: [
    { id: 'ack', text: 'ACK from the client' },
    { id: 'syn', text: 'SYN from the client' },
    { id: 'syn-ack', text: 'SYN-ACK from the server' },
  ],
  answer: ['syn', 'syn-ack', 'ack'],
};

const fits = (text: string, width: number) => {
  for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
};

describe('reviewing a missed hands-on answer', () => {
  it('sql: the submitted query, what grading found and the reference, each with line numbers', () => {
    const text = renderReviewEntry(
      {
        question: sql,
        response: ['SELECT id, name FROM customers\nWHERE id NOT IN (SELECT customer_id FROM orders)'],
        reason: 'row count 0, expected 3',
      },
      1,
      2,
      theme,
      80,
    );
    expect(text).toMatch(
      /Your query:\n {2}1 │ SELECT id, name FROM customers\n {2}2 │ WHERE id NOT IN \(SELECT customer_id FROM orders\)\n/,
    );
    expect(text).toContain('Checked on the hidden data: row count 0, expected 3');
    expect(text).toMatch(
      /Reference query:\n {2}1 │ SELECT c\.id, c\.name FROM customers c\n {2}2 │ WHERE NOT EXISTS/,
    );
    expect(text).not.toContain('Correct:');
    expect(text).toContain('Why the key is right');
    fits(text, 80);
  });

  it('sql: an unanswered query says so', () => {
    const text = renderReviewEntry({ question: sql, response: null }, 1, 1, theme, 80);
    expect(text).toMatch(/Your query:\n {2}\(not answered\)/);
  });

  it('lines: the code with the lines the candidate marked and the faulty ones', () => {
    const text = renderReviewEntry({ question: lines, response: ['3'] }, 1, 1, theme, 60);
    expect(text).toContain('You marked: line 3 · faulty: line 4');
    expect(text).toMatch(/\n {2}3 ▸ {3}│ {5}cursor = db\.cursor\(\)\n/);
    expect(text).toMatch(/\n {2}4 {3}✘ │ {5}cursor\.execute/);
    // The long line goes on under the bar rather than being cut: a learner reads all of it.
    expect(text).toMatch(/\n {8}│ ↪ .*user_id/);
    fits(text, 60);
  });

  it('order: the candidate order beside the correct one, each step marked right or wrong', () => {
    const text = renderReviewEntry({ question: order, response: ['syn', 'ack', 'syn-ack'] }, 1, 1, theme, 80);
    expect(text).toMatch(/Your order +Correct order/);
    expect(text).toMatch(/1\. SYN from the client ✔ +1\. SYN from the client/);
    expect(text).toMatch(/2\. ACK from the client ✘ +2\. SYN-ACK from the server/);
    expect(text).toMatch(/3\. SYN-ACK from the server ✘ +3\. ACK from the client/);
  });

  it('order: one list under the other when the terminal is too narrow for both', () => {
    const text = renderReviewEntry({ question: order, response: ['ack', 'syn', 'syn-ack'] }, 1, 1, theme, 40);
    expect(text).toMatch(
      /Your order:\n {2}1\. ACK from the client ✘\n[\s\S]*Correct order:\n {2}1\. SYN from the client/,
    );
    fits(text, 40);
  });

  it('the other types keep their one-line answer and key', () => {
    const single: Question = {
      ...base,
      id: 's',
      type: 'single',
      prompt: 'Which?',
      options: [
        { id: 'a', text: 'Alpha' },
        { id: 'b', text: 'Beta' },
      ],
      answer: ['a'],
    };
    const text = renderReviewEntry({ question: single, response: ['b'] }, 1, 1, theme, 80);
    expect(text).toContain('Your answer: Beta');
    expect(text).toContain('Correct: Alpha');
  });
});

describe('practice feedback on a hands-on answer', () => {
  it('shows the answer beside the key with the grading finding, right or wrong', () => {
    const right = renderFeedback(sql, ['SELECT 1'], true, theme, 80, 'same result as the reference');
    expect(right).toContain('✔ Right');
    expect(right).toContain('Checked on the hidden data: same result as the reference');
    expect(right).toContain('Reference query:');
    const wrong = renderFeedback(order, ['ack', 'syn', 'syn-ack'], false, theme, 80);
    expect(wrong).toMatch(/✘ Wrong\n {2}Your order/);
  });

  it('one-line descriptions name lines by number and steps in order', () => {
    expect(describeResponse(lines, ['2', '4'])).toBe('lines 2, 4');
    expect(describeResponse(order, ['syn', 'syn-ack', 'ack'])).toBe(
      'SYN from the client → SYN-ACK from the server → ACK from the client',
    );
    expect(describeResponse(sql, ['SELECT 1\n  FROM t'])).toBe('SELECT 1 FROM t');
  });
});
