// The SQL sandbox's price: queries per second through the child process against better-sqlite3 in this process on
// the same small task (fresh database each time on both sides), and what a timeout and the respawn after it cost.
import Database from 'better-sqlite3';
import { Sandbox } from '../dist/sandbox/sandbox.js';

const setup = {
  schema: `CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT);
           CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), total REAL);`,
  data: `INSERT INTO customers VALUES ${Array.from({ length: 20 }, (_, i) => `(${i + 1}, 'c${i + 1}', ${i % 3 ? `'city${i % 4}'` : 'NULL'})`).join(', ')};
         INSERT INTO orders VALUES ${Array.from({ length: 60 }, (_, i) => `(${i + 1}, ${i % 7 ? (i % 20) + 1 : 'NULL'}, ${(i * 3.7).toFixed(2)})`).join(', ')};`,
};
const query = `SELECT c.id, c.name, count(o.id) AS n, round(sum(o.total), 2) AS spent
               FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id ORDER BY spent DESC, c.id`;
const endless = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r';

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], runs: s.length };
};

function direct() {
  const db = new Database(':memory:');
  db.exec(setup.schema);
  db.exec(setup.data);
  const rows = db.prepare(query).raw(true).all();
  db.close();
  return rows;
}

/** Rows for bench/run.js: per-query times in ms (median of batches), subject against baseline. */
export async function benchSandbox({ quick }) {
  const rows = [];
  const batches = quick ? 5 : 15;
  const perBatch = quick ? 50 : 200;
  const sandbox = new Sandbox();
  await sandbox.run(setup, query); // start the child outside the measurement
  const viaSandbox = [];
  const inProcess = [];
  for (let b = 0; b < batches; b++) {
    let t0 = performance.now();
    for (let i = 0; i < perBatch; i++) direct();
    inProcess.push((performance.now() - t0) / perBatch);
    t0 = performance.now();
    for (let i = 0; i < perBatch; i++) {
      const outcome = await sandbox.run(setup, query);
      if (!outcome.ok) throw new Error(`sandbox bench query failed: ${outcome.message}`);
    }
    viaSandbox.push((performance.now() - t0) / perBatch);
  }
  await sandbox.close();
  const s = stats(viaSandbox);
  const d = stats(inProcess);
  rows.push({
    name: 'sql sandbox: one graded query vs better-sqlite3 in process',
    subject: s,
    baseline: d,
    ratio: s.median / d.median,
    target: null,
    unit: 'ms',
    note: `${(1000 / s.median).toFixed(0)} vs ${(1000 / d.median).toFixed(0)} queries/s; fresh database each`,
    digits: 3,
  });

  // A timeout costs its limit, then the kill and a new child for the next query: measured beyond the limit,
  // against the first query of a new Sandbox (a cold start, which also starts a child).
  const timeMs = 200;
  const limited = new Sandbox({ timeMs });
  await limited.run(setup, query);
  const respawn = [];
  const cold = [];
  for (let r = 0; r < (quick ? 3 : 7); r++) {
    let t0 = performance.now();
    const fresh = new Sandbox();
    await fresh.run(setup, query);
    cold.push(performance.now() - t0);
    await fresh.close();
    t0 = performance.now();
    const stopped = await limited.run(setup, endless);
    if (stopped.ok || stopped.kind !== 'timeout')
      throw new Error('sandbox bench: the endless query was not stopped');
    await limited.run(setup, query);
    respawn.push(performance.now() - t0 - timeMs);
  }
  await limited.close();
  const rs = stats(respawn);
  const cs = stats(cold);
  rows.push({
    name: `sql sandbox: timeout (beyond its ${timeMs} ms) + next query vs first query of a new Sandbox`,
    subject: rs,
    baseline: cs,
    ratio: rs.median / cs.median,
    target: null,
    unit: 'ms',
  });
  return rows;
}
