// The sandbox's child process: builds in-memory databases from setup SQL and runs one guarded query at a time.
// It lives in its own process because a query stuck inside SQLite cannot be stopped from JavaScript: the parent
// kills this process when the wall-clock limit passes (see sandbox.ts). It exits when its IPC channel closes.
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { guardQuery, guardSetup, ONE_QUERY_ONLY } from './guard.js';
import type { Reply, Request } from './protocol.js';
import type { QueryOutcome, SqlLimits, SqlSetup, SqlTable, SqlValue } from './sandbox.js';

const memoryLimit = Number(process.argv[2]);

// A watchdog thread: it keeps running while the main thread is inside SQLite. Resident memory past the limit
// (a recursive CTE doubling a string, a huge sort) kills the process before it can starve the machine; the parent
// reads an unrequested SIGKILL as "too much memory". A changed parent pid means the parent died while a query
// ran endlessly: nobody is left to kill this process, so it does so itself.
if (memoryLimit > 0 && process.send) {
  const watchdog = new Worker(
    `const { workerData: { limit, ppid } } = require('node:worker_threads');
     setInterval(() => {
       if (process.memoryUsage.rss() > limit || process.ppid !== ppid) process.kill(process.pid, 'SIGKILL');
     }, 20);`,
    { eval: true, workerData: { limit: memoryLimit, ppid: process.ppid } },
  );
  watchdog.unref();
}

/** Serialized images of recently built setups: import re-grades the same few tasks hundreds of times. */
const images = new Map<string, Buffer | { error: string }>();
const IMAGES_KEPT = 16;

type Opened = { db: Database.Database } | { error: string };

function build(setup: SqlSetup): Buffer | { error: string } {
  for (const [part, sql] of [
    ['schema', setup.schema],
    ['data', setup.data],
  ] as const) {
    const refused = guardSetup(sql);
    if (refused) return { error: `${part}: ${refused}` };
  }
  const db = new Database(':memory:');
  try {
    for (const [part, sql] of [
      ['schema', setup.schema],
      ['data', setup.data],
    ] as const) {
      try {
        db.exec(sql);
      } catch (error) {
        return { error: `${part}: ${messageOf(error)}` };
      }
    }
    return db.serialize();
  } finally {
    db.close();
  }
}

/** A fresh database for every request, deserialized from the cached image of its setup. */
function open(setup: SqlSetup): Opened {
  const key = `${setup.schema}\u0000${setup.data}`;
  let image = images.get(key);
  if (image) {
    images.delete(key); // re-inserted below: the map's order is the order of last use
  } else {
    image = build(setup);
    if (images.size >= IMAGES_KEPT) images.delete(images.keys().next().value as string);
  }
  images.set(key, image);
  if (!Buffer.isBuffer(image)) return image;
  const db = new Database(image);
  // Sorts and temporary indexes stay in memory (the watchdog sees them) instead of in temp files;
  // nothing the candidate writes may change the database, and the schema gets no trust it does not need.
  db.pragma('temp_store = MEMORY');
  db.pragma('trusted_schema = OFF');
  db.pragma('query_only = ON');
  return { db };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function failure(error: unknown): QueryOutcome {
  const code = codeOf(error);
  const kind = code === 'SQLITE_TOOBIG' || code === 'SQLITE_NOMEM' ? 'too-large' : 'error';
  return { ok: false, kind, message: messageOf(error) };
}

function sizeOf(v: unknown): number {
  if (v === null) return 1;
  if (typeof v === 'number' || typeof v === 'bigint') return 8;
  if (typeof v === 'string') return Buffer.byteLength(v);
  return v instanceof Uint8Array ? v.byteLength : 8;
}

function size(bytes: number): string {
  const round = (n: number): number => Math.round(n * 10) / 10;
  if (bytes >= 1024 * 1024) return `${round(bytes / 1024 / 1024)} MB`;
  return bytes >= 1024 ? `${round(bytes / 1024)} KB` : `${bytes} bytes`;
}

interface Collected {
  columns: string[];
  rows: SqlValue[][];
  rowCount: number;
}

/** Runs a prepared reader statement under the row and size caps, keeping at most `keep` rows. */
function collect(
  stmt: Database.Statement,
  limits: SqlLimits,
  keep: number,
): Collected | { kind: 'too-large'; message: string } {
  stmt.raw(true);
  const columns = stmt.columns().map((c) => c.name);
  const rows: SqlValue[][] = [];
  let rowCount = 0;
  let bytes = 0;
  // Leaving the loop early resets the statement, so SQLite stops producing rows.
  for (const row of stmt.iterate() as IterableIterator<SqlValue[]>) {
    rowCount++;
    if (rowCount > limits.maxRows) return { kind: 'too-large', message: `more than ${limits.maxRows} rows` };
    for (const v of row) bytes += sizeOf(v);
    if (bytes > limits.maxBytes)
      return { kind: 'too-large', message: `result over ${size(limits.maxBytes)}` };
    if (rows.length < keep) rows.push(row);
  }
  return { columns, rows, rowCount };
}

function runQuery(db: Database.Database, sql: string, limits: SqlLimits, preview?: number): QueryOutcome {
  try {
    const stmt = db.prepare(sql);
    // A second line of defence behind the guard: PRAGMA and ATTACH, for one, can pass as read-only.
    if (!stmt.reader || !stmt.readonly) return { ok: false, kind: 'refused', message: ONE_QUERY_ONLY };
    const result = collect(stmt, limits, preview ?? Infinity);
    if ('kind' in result) return { ok: false, ...result };
    return { ok: true, ...result, truncated: result.rows.length < result.rowCount };
  } catch (error) {
    return failure(error);
  }
}

function tables(db: Database.Database, limits: SqlLimits): SqlTable[] | { ok: false; message: string } {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
    )
    .pluck()
    .all() as string[];
  const shown: SqlTable[] = [];
  for (const name of names) {
    try {
      const result = collect(db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`), limits, Infinity);
      if ('kind' in result) return { ok: false, message: `table ${name}: ${result.message}` };
      shown.push({ name, columns: result.columns, rows: result.rows });
    } catch (error) {
      return { ok: false, message: `table ${name}: ${messageOf(error)}` };
    }
  }
  return shown;
}

function send(reply: Reply, then?: () => void): void {
  // The callback runs once the message is written: the parent must see "started" before this process blocks.
  process.send?.(reply, undefined, undefined, () => then?.());
}

function handle(request: Request): void {
  const { id } = request;
  if (request.op === 'run') {
    const guarded = guardQuery(request.sql);
    if (!guarded.ok)
      return send({ id, type: 'outcome', outcome: { ok: false, kind: 'refused', message: guarded.message } });
    const opened = open(request.setup);
    if ('error' in opened)
      return send({ id, type: 'outcome', outcome: { ok: false, kind: 'setup', message: opened.error } });
    return send({ id, type: 'started' }, () => {
      const outcome = runQuery(opened.db, guarded.sql, request.limits, request.preview);
      opened.db.close();
      send({ id, type: 'outcome', outcome });
    });
  }
  const opened = open(request.setup);
  if ('error' in opened) return send({ id, type: 'tables', tables: { ok: false, message: opened.error } });
  const result = tables(opened.db, request.limits);
  opened.db.close();
  send({ id, type: 'tables', tables: result });
}

process.on('message', (request: Request) => handle(request));
process.on('disconnect', () => process.exit(0));
