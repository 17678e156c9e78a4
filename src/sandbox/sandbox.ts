// Runs a candidate's SQL safely: a fresh in-memory SQLite database per query, inside a child process with a
// wall-clock limit, a memory ceiling and caps on the result's rows and bytes.
//
// Why a process and not a worker thread: better-sqlite3 offers no interrupt and is built without the progress
// callback, so a thread stuck inside sqlite3_step (an endless recursive CTE) cannot be stopped by
// worker.terminate(), and process exit then waits for that thread forever. A process can be killed (SIGKILL);
// the next query starts a new one. One child serves many queries, so re-grading hundreds of answers pays the
// start-up once.
import Database from 'better-sqlite3';
import { fork, type ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SqlValue } from '../core/sql-result.js';
import type { Reply, Request, RequestBody } from './protocol.js';

export type { SqlValue } from '../core/sql-result.js';

/** Trusted SQL from the bank: DDL, then INSERTs (sample or check data). */
export interface SqlSetup {
  schema: string;
  data: string;
}

export interface SqlLimits {
  /** Wall-clock time of the query itself, setup excluded. */
  timeMs: number;
  maxRows: number;
  /** Bytes of all values of the result (text as UTF-8). */
  maxBytes: number;
}

export const DEFAULT_SQL_LIMITS: SqlLimits = { timeMs: 2000, maxRows: 10_000, maxBytes: 4 * 1024 * 1024 };

export type QueryOutcome =
  | { ok: true; columns: string[]; rows: SqlValue[][]; rowCount: number; truncated: boolean }
  | { ok: false; kind: 'refused' | 'error' | 'timeout' | 'too-large' | 'setup'; message: string };

export interface SqlTable {
  name: string;
  columns: string[];
  rows: SqlValue[][];
}

/** Resident memory at which the child kills itself (see child.ts); SQLite's heap limit is not available. */
export const SANDBOX_MEMORY_BYTES = 512 * 1024 * 1024;

/**
 * Building the database from setup SQL is the author's part, limited apart from the query and more generously;
 * the allowance also covers starting a new child.
 */
const setupTimeMs = (limits: SqlLimits): number => 5000 + 5 * limits.timeMs;

/** The SQLite inside better-sqlite3, the same library the child runs: the screen names the dialect. */
export const SQLITE_VERSION: string = (() => {
  const db = new Database(':memory:');
  try {
    return db.prepare('SELECT sqlite_version()').pluck().get() as string;
  } finally {
    db.close();
  }
})();

// Under vitest this module runs from src/ as TypeScript and cannot fork a .ts file: it forks the built child in
// dist/ (npm test builds first). From dist/ the child is this module's sibling.
const CHILD_SCRIPT = import.meta.url.endsWith('.ts')
  ? fileURLToPath(new URL('../../dist/sandbox/child.js', import.meta.url))
  : fileURLToPath(new URL('./child.js', import.meta.url));

/**
 * Blobs arrive as Buffers; callers get the plain Uint8Array the type promises (a Buffer's toJSON and equality
 * differ from it).
 */
function plainRows(rows: SqlValue[][]): SqlValue[][] {
  for (const row of rows)
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (Buffer.isBuffer(v)) row[i] = new Uint8Array(v); // a copy: the Buffer may view the whole message
    }
  return rows;
}

const plainOutcome = (outcome: QueryOutcome): QueryOutcome =>
  outcome.ok ? { ...outcome, rows: plainRows(outcome.rows) } : outcome;

/** Unlike events.once, never rejects: an 'error' before the exit changes nothing for whoever waits. */
const happened = (emitter: EventEmitter, event: string): Promise<void> =>
  new Promise((resolve) => emitter.once(event, () => resolve()));

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

type Settled =
  | { reply: Reply }
  | { timeout: 'query' | 'setup' }
  | { died: { code: number | null; signal: NodeJS.Signals | null; stderr: string } }
  | { closed: true };

interface Child {
  process: ChildProcess;
  /** Resolves once the process exited and its pipes closed: nothing of it is left in the event loop. */
  closed: Promise<void>;
  pipe: Socket;
  /** The end of what the child wrote to stderr, for the message when it crashes. */
  stderr: string;
  /** Set when this side killed it, so its death is not read as a crash. */
  killed: boolean;
  /** Settles the request in flight, if any, when the child goes away. */
  abort?: (settled: Settled) => void;
}

export class Sandbox {
  readonly limits: SqlLimits;
  private child: Child | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(limits: Partial<SqlLimits> = {}) {
    this.limits = { ...DEFAULT_SQL_LIMITS, ...limits };
  }

  /** The running child's process id, if one is running (for diagnostics). */
  get pid(): number | undefined {
    return this.child?.process.pid;
  }

  /**
   * Fresh in-memory database from setup, then the guarded query. preview: return only the first N rows
   * (rowCount is still the full count; the row and byte caps apply to the whole result either way).
   */
  async run(setup: SqlSetup, sql: string, options: { preview?: number } = {}): Promise<QueryOutcome> {
    const preview = options.preview === undefined ? undefined : Math.max(0, Math.floor(options.preview));
    const settled = await this.enqueue({ op: 'run', setup, sql, preview, limits: this.limits });
    if ('reply' in settled)
      return settled.reply.type === 'outcome'
        ? plainOutcome(settled.reply.outcome)
        : { ok: false, kind: 'error', message: 'the SQL process answered out of turn' };
    if ('timeout' in settled)
      return settled.timeout === 'query'
        ? { ok: false, kind: 'timeout', message: `stopped after ${seconds(this.limits.timeMs)}` }
        : {
            ok: false,
            kind: 'setup',
            message: `schema and data did not finish within ${seconds(setupTimeMs(this.limits))}`,
          };
    return { ok: false, ...this.failure(settled) };
  }

  /** Tables of the setup with their rows (for showing sample data): runs trusted SELECT * per table. */
  async tables(setup: SqlSetup): Promise<SqlTable[] | { ok: false; message: string }> {
    const settled = await this.enqueue({ op: 'tables', setup, limits: this.limits });
    if ('reply' in settled && settled.reply.type === 'tables') {
      const { tables } = settled.reply;
      return Array.isArray(tables) ? tables.map((t) => ({ ...t, rows: plainRows(t.rows) })) : tables;
    }
    if ('timeout' in settled)
      return {
        ok: false,
        message: `schema and data did not finish within ${seconds(setupTimeMs(this.limits))}`,
      };
    if ('reply' in settled) return { ok: false, message: 'the SQL process answered out of turn' };
    return { ok: false, message: this.failure(settled).message };
  }

  /** Ends the child (a query in flight is stopped) and waits until it is gone. A later run starts a new one. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.detach(child);
    // Held until it is gone: an unreferenced child alone would let the program end with close() still pending.
    child.process.ref();
    child.pipe.ref();
    if (child.abort) {
      child.abort({ closed: true });
      child.killed = true;
      child.process.kill('SIGKILL');
    } else if (child.process.connected) {
      child.process.disconnect(); // the child exits on its own
      setTimeout(() => child.process.kill('SIGKILL'), 1000).unref();
    } else {
      child.process.kill('SIGKILL');
    }
    await child.closed;
  }

  private failure(settled: Settled): { kind: 'too-large' | 'error'; message: string } {
    if ('closed' in settled) return { kind: 'error', message: 'the sandbox was closed' };
    if (!('died' in settled)) return { kind: 'error', message: 'the SQL process answered out of turn' };
    const { code, signal, stderr } = settled.died;
    // Only the child's memory watchdog and the kernel's out-of-memory killer send an unrequested SIGKILL.
    if (signal === 'SIGKILL')
      return {
        kind: 'too-large',
        message: `used more than ${SANDBOX_MEMORY_BYTES / 1024 / 1024} MB of memory`,
      };
    const detail = stderr.trim().split('\n').at(-1) ?? '';
    return {
      kind: 'error',
      message: `the SQL process stopped unexpectedly (${signal ?? `exit code ${code}`})${detail ? `: ${detail}` : ''}`,
    };
  }

  /** Requests go one at a time: one child, one database, one query. */
  private enqueue(body: RequestBody): Promise<Settled> {
    const result = this.queue.then(() => this.exchange(body));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private exchange(body: RequestBody): Promise<Settled> {
    const child = this.spawn();
    const id = this.nextId++;
    return new Promise<Settled>((resolve) => {
      const stop = (which: 'query' | 'setup') => () => {
        finish({ timeout: which });
        this.kill(child);
      };
      let timer = setTimeout(stop('setup'), setupTimeMs(body.limits));
      const onMessage = (reply: Reply): void => {
        if (reply.id !== id) return;
        if (reply.type === 'started') {
          clearTimeout(timer);
          timer = setTimeout(stop('query'), body.limits.timeMs);
          return;
        }
        finish({ reply });
      };
      const finish = (settled: Settled): void => {
        clearTimeout(timer);
        child.process.off('message', onMessage);
        child.abort = undefined;
        resolve(settled);
      };
      child.abort = finish;
      child.process.on('message', onMessage);
      // A failed send means the child is already going; its exit settles the request.
      child.process.send({ ...body, id } satisfies Request, (error) => void error);
    });
  }

  private spawn(): Child {
    if (this.child) return this.child;
    if (!existsSync(CHILD_SCRIPT))
      throw new Error(`the SQL sandbox is not built: ${CHILD_SCRIPT} is missing (run npm run build)`);
    const proc = fork(CHILD_SCRIPT, [String(SANDBOX_MEMORY_BYTES)], {
      // Structured clone keeps blobs as bytes and numbers as numbers.
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Nothing of the parent's flags or NODE_OPTIONS (loaders, --require hooks) belongs in the sandbox.
      execArgv: [],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    // With stdio 'pipe' the child's stderr is a socket.
    const stderr = proc.stderr as Socket;
    const child: Child = {
      process: proc,
      // Not the 'close' event: after disconnect() from this side Node never emits it.
      closed: Promise.all([happened(proc, 'exit'), happened(stderr, 'close')]).then(() => undefined),
      pipe: stderr,
      stderr: '',
      killed: false,
    };
    stderr.setEncoding('utf8');
    stderr.on('data', (chunk: string) => (child.stderr = (child.stderr + chunk).slice(-2000)));
    proc.on('error', () => undefined); // a failed spawn also ends in 'exit'
    proc.on('exit', (code, signal) => {
      this.detach(child);
      if (!child.killed) child.abort?.({ died: { code, signal, stderr: child.stderr } });
    });
    // An idle child must not keep a finished program alive: while a request is in flight its timer holds the
    // event loop; otherwise the program may exit, the channel closes and the child follows.
    proc.unref();
    proc.channel?.unref();
    stderr.unref();
    this.child = child;
    return child;
  }

  private kill(child: Child): void {
    this.detach(child);
    child.killed = true;
    child.process.kill('SIGKILL');
  }

  private detach(child: Child): void {
    if (this.child === child) this.child = undefined;
  }
}
