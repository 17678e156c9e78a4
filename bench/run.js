// npm run bench: every figure measured against a baseline in the same run (median of repeated runs, min and max).
// Writes bench/results.json and prints a table with the targets.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { spawn as spawnPty } from 'node-pty';
import { makeAnswersMap, makeBankFolder, makeKeyedBank, makePromptBanks, makeResultsDb } from './fixtures.js';
import { benchSandbox } from './sandbox.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'backend-quiz.js');
const PEAK = path.join(ROOT, 'bench', 'peak.cjs');
const work = mkdtempSync(path.join(tmpdir(), 'backend-quiz-bench-'));
const quick = process.argv.includes('--quick');
const rows = [];

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], runs: s.length };
};

function time(cmd, args, opts = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
  const ms = performance.now() - t0;
  if (r.status !== 0 && !opts.allowFail)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Runs subject and baseline alternately, so both see the same machine state. */
function compare(name, subject, baseline, runs, target, unit = 'ms') {
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    b.push(baseline());
    a.push(subject());
  }
  const sa = stats(a);
  const sb = stats(b);
  const ratio = sa.median / sb.median;
  rows.push({
    name,
    subject: sa,
    baseline: sb,
    ratio,
    target,
    unit,
    ok: target === null ? null : ratio <= target,
  });
}

function peakOf(args, env = {}) {
  const file = path.join(work, `peak-${Math.random().toString(16).slice(2)}`);
  spawnSync(process.execPath, ['--require', PEAK, BIN, ...args], {
    stdio: 'ignore',
    env: { ...process.env, ...env, BENCH_PEAK_FILE: file },
  });
  return Number(readFileSync(file, 'utf8'));
}

function record(name, value, unit, target, extra = {}) {
  rows.push({ name, value, unit, target, ok: target === null ? null : value <= target, ...extra });
}

const node0 = () => time(process.execPath, ['-e', '0']);
const RUNS = quick ? 5 : 15;

// 1. start-up
compare('start-up: --help vs node -e 0', () => time(process.execPath, [BIN, '--help']), node0, RUNS, 1.6);
compare(
  'start-up: --version vs node -e 0',
  () => time(process.execPath, [BIN, '--version']),
  node0,
  RUNS,
  1.6,
);

// 2. time to the first question in a pseudo-terminal
function ptyUntil(args, until) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawnPty(process.execPath, args, {
      cols: 100,
      rows: 40,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let buf = '';
    let done = false;
    p.onData((d) => {
      buf += d;
      if (!done && until && buf.includes(until)) {
        done = true;
        resolve(performance.now() - t0);
        p.kill();
      }
    });
    p.onExit(() =>
      done
        ? undefined
        : until
          ? reject(new Error(`exited before "${until}": ${buf}`))
          : resolve(performance.now() - t0),
    );
  });
}
{
  const a = [];
  const b = [];
  for (let i = 0; i < (quick ? 5 : 10); i++) {
    b.push(await ptyUntil(['-e', '0']));
    a.push(await ptyUntil([BIN, 'quiz', '--db', path.join(work, 'ttfq.db'), '-n', '5'], '1/5 ·'));
  }
  rows.push({
    name: 'first question in a pty vs node -e 0',
    subject: stats(a),
    baseline: stats(b),
    ratio: stats(a).median / stats(b).median,
    target: 3,
    unit: 'ms',
  });
  rows.at(-1).ok = rows.at(-1).ratio <= 3;
}

// 3. validate a 10,000-question bank against a bare YAML parse of the same files
const bankDir = path.join(work, 'banks');
makeBankFolder(bankDir);
compare(
  'validate 10,000 questions vs bare yaml parse',
  () => time(process.execPath, [BIN, 'validate', bankDir]),
  () => time(process.execPath, [path.join(ROOT, 'bench', 'yaml-parse.js'), bankDir]),
  quick ? 2 : 5,
  1.3,
);

// 4. report --format csv on 100,000 sessions x 40 answers against sqlite3 -csv running the equivalent query
const REPORT_SQL = `SELECT s.id, s.candidate_name, s.candidate_email, s.assessment_id, s.started_at, s.finished_at, s.elapsed_ms, s.status, s.score,
  json_extract(s.settings, '$.assessment.passMark'), i.domain, count(*), sum(coalesce(a.correct, 0)), count(a.position)
  FROM sessions s JOIN session_items i ON i.session_id = s.id
  LEFT JOIN answers a ON a.session_id = i.session_id AND a.position = i.position
  WHERE s.candidate_name IS NOT NULL AND s.status IN ('completed', 'expired')
  GROUP BY s.id, i.domain ORDER BY s.started_at, s.id, i.domain;`;
const sizes = quick ? [5_000, 20_000] : [25_000, 100_000];
const peaks = [];
for (const sessions of sizes) {
  const dbFile = path.join(work, `results-${sessions}.db`);
  const t0 = performance.now();
  makeResultsDb(dbFile, sessions);
  const built = performance.now() - t0;
  const mb = statSync(dbFile).size / 1e6;
  const out = path.join(work, 'report.csv');
  if (sessions === sizes.at(-1)) {
    compare(
      `report --format csv, ${sessions.toLocaleString('en')} sessions x 40 vs sqlite3 -csv`,
      () => time(process.execPath, [BIN, 'report', '--format', 'csv', '--db', dbFile, '--out', out]),
      () => time('sh', ['-c', `sqlite3 -csv "${dbFile}" "${REPORT_SQL.replace(/\n/g, ' ')}" > /dev/null`]),
      quick ? 2 : 3,
      1.5,
    );
    rows.at(-1).note = `database ${mb.toFixed(0)} MB, generated in ${(built / 1000).toFixed(1)} s`;
  }
  peaks.push({
    sessions,
    answers: sessions * 40,
    peak: peakOf(['report', '--format', 'csv', '--db', dbFile, '--out', out]),
  });
}
record(
  `report peak memory, ${(sizes.at(-1) * 40).toLocaleString('en')} answers`,
  peaks.at(-1).peak / 1e6,
  'MB',
  300,
);
record(
  `report peak memory growth ${(sizes[0] * 40) / 1e6}M -> ${(sizes.at(-1) * 40) / 1e6}M answers`,
  peaks.at(-1).peak / peaks[0].peak,
  'x',
  1.25,
  { note: peaks.map((p) => `${(p.answers / 1e6).toFixed(1)}M: ${(p.peak / 1e6).toFixed(0)} MB`).join(', ') },
);

// 5. stats and calibrate on that database, when those commands exist
const bigDb = path.join(work, `results-${sizes.at(-1)}.db`);
const commands = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout;
for (const cmd of ['stats', 'calibrate']) {
  if (!new RegExp(`^  ${cmd} `, 'm').test(commands)) continue;
  // One run each: calibrating millions of responses takes long enough that repeating it adds little.
  const args = [cmd, '--json', '--db', bigDb, ...(cmd === 'calibrate' ? ['--no-save'] : [])];
  const t = [time(process.execPath, [BIN, ...args])];
  const peak = peakOf(args);
  const baseline = stats([0, 1, 2].map(() => node0()));
  rows.push({
    name: `${cmd} on ${sizes.at(-1).toLocaleString('en')} sessions x 40`,
    subject: stats(t),
    baseline,
    ratio: stats(t).median / baseline.median,
    target: null,
    unit: 'ms',
    note: `seconds, not minutes; ${(sizes.at(-1) * 40).toLocaleString('en')} responses; peak ${(peak / 1e6).toFixed(0)} MB`,
  });
}

// Calibration over 1,000,000 responses (the smaller database), the size the speed target names.
{
  const db1m = path.join(work, `results-${sizes[0]}.db`);
  const t = [time(process.execPath, [BIN, 'calibrate', '--json', '--no-save', '--db', db1m])];
  const baseline = stats([0, 1, 2].map(() => node0()));
  rows.push({
    name: `calibrate on ${(sizes[0] * 40).toLocaleString('en')} responses`,
    subject: stats(t),
    baseline,
    ratio: stats(t).median / baseline.median,
    target: null,
    unit: 'ms',
    note: 'seconds, not minutes',
  });
}

// 6. one adaptive step on a 10,000-question pool
if (existsSync(path.join(ROOT, 'dist', 'core', 'irt.js'))) {
  const irt = await import('../dist/core/irt.js');
  const { createRandom } = await import('../dist/core/random.js');
  const random = createRandom(1);
  const pool = Array.from({ length: 10_000 }, (_, i) => ({
    id: `q${i}`,
    domain: `d${i % 8}`,
    a: 0.5 + random() * 1.5,
    b: random() * 6 - 3,
  }));
  const step = () => {
    const t0 = performance.now();
    const administered = new Set(pool.slice(0, 20).map((p) => p.id));
    const responses = pool.slice(0, 20).map((p, i) => ({ a: p.a, b: p.b, correct: i % 2 === 0 }));
    const { theta } = irt.eap(responses);
    irt.nextItem({
      candidates: pool,
      administered,
      theta,
      targets: Object.fromEntries(Array.from({ length: 8 }, (_, d) => [`d${d}`, 1 / 8])),
      k: 5,
      random,
    });
    return performance.now() - t0;
  };
  const s = stats(Array.from({ length: 200 }, step));
  const baseline = stats(
    Array.from({ length: 200 }, () => {
      const t0 = performance.now();
      let best = 0;
      for (const p of pool) best = Math.max(best, p.a);
      return performance.now() - t0;
    }),
  );
  rows.push({
    name: 'adaptive step (EAP + next item), 10,000-question pool',
    subject: s,
    baseline,
    ratio: s.median / baseline.median,
    target: null,
    unit: 'ms',
    note: 'baseline: one pass over the pool',
  });
}

// 7. peak memory of a quiz (pty, to the first question, then Ctrl-C)
{
  const file = path.join(work, 'peak-quiz');
  await new Promise((resolve) => {
    const p = spawnPty(
      process.execPath,
      ['--require', PEAK, BIN, 'quiz', '--db', path.join(work, 'peak.db'), '-n', '20'],
      {
        cols: 100,
        rows: 40,
        env: { ...process.env, NO_COLOR: '1', BENCH_PEAK_FILE: file },
      },
    );
    let buf = '';
    let sent = false;
    p.onData((d) => {
      buf += d;
      if (!sent && buf.includes('1/20 ·')) {
        sent = true;
        p.write('\x03');
      }
    });
    p.onExit(resolve);
  });
  record('quiz peak memory', Number(readFileSync(file, 'utf8')) / 1e6, 'MB', 100);
}

// 8. hostile sizes: duplicate-key checks and the near-duplicate prompt check must stay near linear
{
  const keys = quick ? 50_000 : 200_000;
  const answers = path.join(work, 'answers-map.yaml');
  makeAnswersMap(answers, keys);
  const { readAnswers } = await import('../dist/bank/read-answers.js');
  const { loadBanks } = await import('../dist/bank/load-banks.js');
  const { parseDocument } = await import('yaml');
  const inProcess = (work) => () => {
    const t0 = performance.now();
    work();
    return performance.now() - t0;
  };
  const answersText = readFileSync(answers, 'utf8');
  compare(
    `answers file of ${keys.toLocaleString('en')} keys vs bare yaml parse`,
    inProcess(() => readAnswers(answersText, 'answers.yaml')),
    inProcess(() => parseDocument(answersText, { uniqueKeys: false })),
    quick ? 2 : 3,
    3,
  );
  const keyedDir = path.join(work, 'keyed');
  mkdirSync(keyedDir);
  makeKeyedBank(path.join(keyedDir, 'keyed.yaml'), keys);
  const keyedText = readFileSync(path.join(keyedDir, 'keyed.yaml'), 'utf8');
  compare(
    `bank with a ${keys.toLocaleString('en')}-key map vs bare yaml parse`,
    inProcess(() => loadBanks({ paths: [keyedDir] })),
    inProcess(() => parseDocument(keyedText, { uniqueKeys: false }).toJS()),
    quick ? 2 : 3,
    3,
  );
  const prompts = quick ? 5_000 : 20_000;
  const promptDir = path.join(work, 'prompts');
  makePromptBanks(promptDir, prompts);
  compare(
    `validate --strict, ${prompts.toLocaleString('en')} prompts vs validate`,
    () => time(process.execPath, [BIN, 'validate', '--strict', promptDir], { allowFail: true }),
    () => time(process.execPath, [BIN, 'validate', promptDir], { allowFail: true }),
    quick ? 2 : 3,
    1.5,
  );
}

// 9. the SQL sandbox: a query through the child process vs in process, and the price of a timeout
rows.push(...(await benchSandbox({ quick })));

rmSync(work, { recursive: true, force: true });

const fmt = (s, digits = 0) =>
  `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const lines = rows.map((r) => {
  const verdict = r.ok === null || r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED';
  if (r.subject)
    return [
      r.name,
      `${fmt(r.subject, r.digits)} ${r.unit}`,
      `${fmt(r.baseline, r.digits)} ${r.unit}`,
      `${r.ratio.toFixed(2)}x`,
      r.target === null ? '-' : `<= ${r.target}x`,
      verdict,
      r.note ?? '',
    ];
  return [
    r.name,
    `${r.value.toFixed(r.unit === 'x' ? 2 : 1)} ${r.unit}`,
    '',
    '',
    `<= ${r.target} ${r.unit}`,
    verdict,
    r.note ?? '',
  ];
});
const header = ['benchmark', 'subject: median (min–max)', 'baseline', 'ratio', 'target', '', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
for (const l of [header, ...lines])
  console.log(
    l
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
writeFileSync(
  path.join(ROOT, 'bench', 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
);
console.log('\nwritten: bench/results.json');
