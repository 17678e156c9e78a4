// Grading SQL answers for real: reference and submission both run in the sandbox on the check data.
import { afterAll, describe, expect, it } from 'vitest';
import { checkTask, sqlAnswerKey, SqlGrader, type SqlTask } from '../../src/sandbox/grade.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';

const schema = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), total REAL NOT NULL);`;
// The edge cases: an order without a customer (NULL), a customer without orders, a tie for the largest order.
const check = `
INSERT INTO customers VALUES (1, 'Ann', 'Oslo'), (2, 'Bob', NULL), (3, 'Cid', 'Rome'), (4, 'Dee', 'Oslo');
INSERT INTO orders VALUES (1, 1, 10.0), (2, 1, 5.5), (3, 3, 7.25), (4, NULL, 3.0), (5, 2, 10.0);`;

const withoutOrders: SqlTask = {
  id: 'sql-customers-without-orders',
  schema,
  check,
  reference:
    'SELECT c.id, c.name FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)',
  ordered: false,
  mistakes: [
    {
      query: 'SELECT id, name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)',
      why: 'NOT IN over a nullable column',
    },
    {
      query: 'SELECT c.id, c.name FROM customers c JOIN orders o ON o.customer_id = c.id',
      why: 'inner join',
    },
  ],
};

const orderCounts: SqlTask = {
  id: 'sql-order-counts',
  schema,
  check,
  reference: `SELECT c.id, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
              GROUP BY c.id ORDER BY count(o.id) DESC, c.id`,
  ordered: true,
  mistakes: [
    {
      query: `SELECT c.id, count(o.id) FROM customers c JOIN orders o ON o.customer_id = c.id
              GROUP BY c.id ORDER BY count(o.id) DESC, c.id`,
      why: 'an inner join drops customers without orders',
    },
    {
      query: `SELECT c.id, count(*) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
              GROUP BY c.id ORDER BY count(*) DESC, c.id`,
      why: 'count(*) counts the NULL row of the outer join',
    },
  ],
};

const largestOrders: SqlTask = {
  id: 'sql-largest-orders',
  schema,
  check,
  reference: 'SELECT id FROM orders WHERE total = (SELECT max(total) FROM orders)',
  ordered: false,
  mistakes: [{ query: 'SELECT id FROM orders ORDER BY total DESC LIMIT 1', why: 'LIMIT drops the tie' }],
};

const sandbox = new Sandbox();
afterAll(() => sandbox.close());

describe('SqlGrader', () => {
  const grader = new SqlGrader(sandbox);

  it.each([
    { task: withoutOrders, sql: withoutOrders.reference },
    {
      task: withoutOrders,
      sql: 'SELECT c.id, c.name FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.id IS NULL',
    },
    {
      task: withoutOrders,
      sql: 'SELECT id, name FROM customers EXCEPT SELECT c.id, c.name FROM customers c JOIN orders o ON o.customer_id = c.id;',
    },
    {
      task: orderCounts,
      sql: `-- a correlated subquery instead of a join
            SELECT id, (SELECT count(*) FROM orders WHERE customer_id = customers.id) AS n
            FROM customers ORDER BY n DESC, id`,
    },
    {
      task: largestOrders,
      sql: 'WITH ranked AS (SELECT id, rank() OVER (ORDER BY total DESC) AS r FROM orders) SELECT id FROM ranked WHERE r = 1 ORDER BY id DESC',
    },
    // A real where the reference gives integers: compared by value.
    { task: largestOrders, sql: 'SELECT id * 1.0 FROM orders WHERE total >= 10' },
  ])('accepts a correct query written differently: $sql', async ({ task, sql }) => {
    expect(await grader.grade(task, sql)).toEqual({ correct: true, reason: 'same result as the reference' });
  });

  it.each([
    { task: withoutOrders, mistake: 0, reason: 'row count 0, expected 1' },
    { task: withoutOrders, mistake: 1, reason: 'row count 4, expected 1' },
    { task: orderCounts, mistake: 0, reason: 'row count 3, expected 4' },
    { task: orderCounts, mistake: 1, reason: 'row 4 differs in column 2: 1, expected 0' },
    { task: largestOrders, mistake: 0, reason: 'row count 1, expected 2' },
  ])('fails $task.id mistake $mistake: $reason', async ({ task, mistake, reason }) => {
    const query = task.mistakes?.[mistake]?.query ?? '';
    expect(await grader.grade(task, query)).toEqual({ correct: false, reason });
  });

  it.each([
    { sql: 'SELECT id, name FROM customers', reason: 'row count 4, expected 1' },
    { sql: 'SELECT id FROM customers WHERE id = 4', reason: '1 column, expected 2' },
    { sql: "SELECT 4, 'dee'", reason: "row (4, 'Dee') is missing" },
    { sql: "SELECT '4', 'Dee'", reason: "row (4, 'Dee') is missing" },
    { sql: "SELECT 3, 'Dee'", reason: "unexpected row (3, 'Dee')" },
    { sql: 'SELECT id, name FROM customer', reason: 'no such table: customer' },
    { sql: 'DELETE FROM orders', reason: 'only one SELECT, WITH or VALUES statement is run' },
  ])('says why $sql is wrong', async ({ sql, reason }) => {
    expect(await grader.grade(withoutOrders, sql)).toEqual({ correct: false, reason });
  });

  it('an ordered task requires the order', async () => {
    const reversed = orderCounts.reference.replace('count(o.id) DESC, c.id', 'count(o.id), c.id');
    expect(await grader.grade(orderCounts, reversed)).toMatchObject({ correct: false });
    expect(await grader.grade({ ...orderCounts, ordered: false }, reversed)).toMatchObject({ correct: true });
  });

  it('grades against the current reference when the task changes under the same id', async () => {
    const sql = 'SELECT id FROM orders WHERE total = 10';
    expect(await grader.grade(largestOrders, sql)).toMatchObject({ correct: true });
    const changed = {
      ...largestOrders,
      reference: 'SELECT id FROM orders WHERE total = (SELECT min(total) FROM orders)',
    };
    expect(await grader.grade(changed, sql)).toMatchObject({ correct: false });
  });

  it('says an answer cannot be graded when the reference fails', async () => {
    const broken = { ...largestOrders, id: 'sql-broken', reference: 'SELECT id FROM order' };
    expect(await grader.grade(broken, 'SELECT 1')).toEqual({
      correct: false,
      reason: 'cannot be graded: the reference query fails (near "order": syntax error)',
    });
  });
});

describe('sqlAnswerKey', () => {
  it('tells questions and texts apart', () => {
    const keys = new Set([
      sqlAnswerKey('sql-a', 'SELECT 1'),
      sqlAnswerKey('sql-a', 'SELECT 2'),
      sqlAnswerKey('sql-b', 'SELECT 1'),
      sqlAnswerKey('sql-a', 'SELECT 1 '),
    ]);
    expect(keys.size).toBe(4);
    expect(sqlAnswerKey('sql-a', 'SELECT 1')).toBe(sqlAnswerKey('sql-a', 'SELECT 1'));
  });
});

describe('checkTask', () => {
  it.each([withoutOrders, orderCounts, largestOrders])('finds nothing wrong with $id', async (task) => {
    expect(await checkTask(sandbox, task)).toEqual([]);
  });

  it('reports a mistake the check data cannot tell from the reference', async () => {
    // Without the NULL customer_id, NOT IN gives the right answer: the check data lacks the edge case.
    const task = { ...withoutOrders, check: check.replace('(4, NULL, 3.0)', '(4, 1, 3.0)') };
    expect(await checkTask(sandbox, task)).toEqual([
      {
        target: { mistake: 0 },
        message: 'gives the same result as the reference on the check data; add rows that tell them apart',
      },
    ]);
  });

  it('accepts a mistake that fails to run: it is graded wrong', async () => {
    const task = {
      ...largestOrders,
      mistakes: [{ query: 'SELECT id FROM orders ORDER BY totl LIMIT 1', why: 'typo' }],
    };
    expect(await checkTask(sandbox, task)).toEqual([]);
  });

  it.each([
    {
      name: 'a reference that fails',
      task: { ...largestOrders, reference: 'SELECT id FROM orderz' },
      message: 'fails on the check data: no such table: orderz',
    },
    {
      name: 'a reference that is not one query',
      task: { ...largestOrders, reference: 'SELECT 1; SELECT 2' },
      message: 'fails on the check data: only one SELECT, WITH or VALUES statement is run',
    },
    {
      name: 'check data that does not load',
      task: { ...largestOrders, check: 'INSERT INTO orders VALUES (1)' },
      message:
        'schema and check data do not run: data: table orders has 3 columns but 1 values were supplied',
    },
    {
      name: 'a reference with no rows',
      task: { ...largestOrders, reference: 'SELECT id FROM orders WHERE total > 100', mistakes: [] },
      message: 'returns no rows on the check data; add rows the query should return',
    },
  ])('reports $name', async ({ task, message }) => {
    expect(await checkTask(sandbox, task)).toEqual([{ target: 'reference', message }]);
  });
});
