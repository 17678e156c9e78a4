// The only owner of the SQLite connection: opening, pragmas, forward migrations, and what a database fault means.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../core/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type Db = Database.Database;

/** How long one statement waits for another program's lock before SQLite gives up (SQLITE_BUSY). */
const BUSY_TIMEOUT_MS = 10_000;

/** The database this process opened last: errors raised by later statements name it. */
let openedPath: string | undefined;

/** The nearest folder on the way to `file` that exists, and whether this process may write there. */
function writableLocation(file: string): boolean {
  let dir = path.dirname(path.resolve(file));
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** SQLITE_BUSY and SQLITE_LOCKED, with their extended codes: another connection holds the lock. */
export function isLockError(error: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(codeOf(error));
}

/** `PRAGMA quick_check` on a separate read-only connection: undefined when intact, else SQLite's first finding. */
export function damage(dbPath: string): string | undefined {
  if (dbPath === ':memory:') return undefined;
  let db: Db | undefined;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const result = db.pragma('quick_check(1)', { simple: true });
    return result === 'ok' ? undefined : String(result).replace(/\s+/g, ' ').replace(/\*+/g, '').trim();
  } catch (error) {
    const code = codeOf(error);
    return /^SQLITE_(CORRUPT|NOTADB)/.test(code) ? (error as Error).message : undefined;
  } finally {
    db?.close();
  }
}

const TRY_AGAIN = 'Choose another with --db or BACKEND_QUIZ_DB.';

function reasonFor(dbPath: string, error: unknown): { reason: string; hint: string } {
  const code = codeOf(error);
  if (isLockError(error))
    return {
      reason: 'another program holds a lock on it (another backend-quiz, or a database tool)',
      hint: 'Close that program or let it finish, then run the command again.',
    };
  if (code.startsWith('SQLITE_NOTADB'))
    return {
      reason: 'the file is not a SQLite database (another kind of file, or damaged beyond reading)',
      hint: 'Move it away to start a new one, or choose another with --db or BACKEND_QUIZ_DB.',
    };
  if (code.startsWith('SQLITE_CORRUPT'))
    return {
      reason: `the file is damaged (${damage(dbPath) ?? (error as Error).message})`,
      hint: 'Restore it from a backup, or move it away to start a new one.',
    };
  const readOnly =
    /^SQLITE_READONLY/.test(code) ||
    ['EACCES', 'EROFS', 'EPERM'].includes(code) ||
    ((code === 'SQLITE_CANTOPEN' || code === 'ENOENT') && !writableLocation(dbPath));
  if (readOnly)
    return {
      reason: 'the location is read-only',
      hint: `Make it writable, or choose another with --db or BACKEND_QUIZ_DB.`,
    };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return { reason: 'the disk is full', hint: TRY_AGAIN };
  if (code === 'SQLITE_CANTOPEN') return { reason: 'the file cannot be opened or created', hint: TRY_AGAIN };
  if (code.startsWith('SQLITE_IOERR'))
    return { reason: 'the disk reported an input/output error (is it full?)', hint: TRY_AGAIN };
  if (code === 'EEXIST' || code === 'ENOTDIR')
    return { reason: 'a file stands where a folder is needed', hint: TRY_AGAIN };
  // Anything else from SQLite may be damage that only shows as an odd error: check before blaming the program.
  const found = code.startsWith('SQLITE_') ? damage(dbPath) : undefined;
  if (found)
    return {
      reason: `the file is damaged (${found})`,
      hint: 'Restore it from a backup, or move it away to start a new one.',
    };
  return { reason: (error as Error).message, hint: TRY_AGAIN };
}

function explain(dbPath: string, error: unknown): UsageError {
  const { reason, hint } = reasonFor(dbPath, error);
  return new UsageError(`cannot use the database ${dbPath}: ${reason}. ${hint}`);
}

/**
 * A SQLite error raised after opening (a statement met a lock, a damaged page, a read-only file), explained with
 * the database's name; undefined for anything that is not SQLite's.
 */
export function explainDatabaseError(error: unknown): UsageError | undefined {
  if (!codeOf(error).startsWith('SQLITE_') || openedPath === undefined) return undefined;
  return explain(openedPath, error);
}

/**
 * Refuses what SQLite would misuse (a device such as /dev/null, where it would also leave a "-journal" file next to
 * it; a folder) and creates missing folders one level at a time, so a path under something that is not a folder
 * fails at once instead of retrying.
 */
function prepareLocation(dbPath: string): void {
  const file = path.resolve(dbPath);
  try {
    if (!statSync(file).isFile())
      throw new UsageError(
        `cannot use the database ${dbPath}: it is not a regular file. Give a file path with --db or BACKEND_QUIZ_DB (it is created if missing).`,
      );
    return;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (!['ENOENT', 'ENOTDIR'].includes(codeOf(error))) throw error;
  }
  const missing: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    let stat;
    try {
      stat = statSync(dir);
    } catch (error) {
      if (codeOf(error) !== 'ENOENT' || path.dirname(dir) === dir) throw error;
      missing.push(dir);
      continue;
    }
    if (!stat.isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' });
    break;
  }
  for (const dir of missing.reverse()) mkdirSync(dir);
}

export interface OpenOptions {
  /** Run `PRAGMA quick_check` first: for commands that aggregate everything, where damage would skew results. */
  verify?: boolean;
}

/** Opens (creating if needed) and migrates the database. Errors are UsageErrors that name the file. */
export function openDatabase(dbPath: string, options: OpenOptions = {}): Db {
  let db: Db | undefined;
  try {
    if (dbPath !== ':memory:') prepareLocation(dbPath);
    db = new Database(dbPath);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    refuseNewerSchema(db, dbPath); // before anything that could write, such as switching to WAL
    if (dbPath !== ':memory:') db.pragma('journal_mode = WAL');
    // FULL: an answer acknowledged on screen survives a power cut, not only a killed process.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    if (options.verify) {
      const found = db.pragma('quick_check(1)', { simple: true });
      if (found !== 'ok') throw Object.assign(new Error(String(found)), { code: 'SQLITE_CORRUPT' });
    }
    openedPath = dbPath;
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof UsageError) throw error;
    throw explain(dbPath, error);
  }
}

/** What a caller waiting out a lock is told, and how it can stop waiting (Ctrl-C). */
export interface LockWait {
  /** Called once, when the first attempt met a lock. */
  onWait: () => void;
  signal?: AbortSignal;
}

/** Raised when the wait for a lock was given up (Ctrl-C): the work was not done. */
export class LockWaitAborted extends Error {
  override name = 'LockWaitAborted';
}

/**
 * Runs `work` (a transaction), and while another program holds the lock keeps trying instead of failing: each try
 * waits briefly inside SQLite, and between tries the event loop runs, so Ctrl-C is heard. Other errors are thrown.
 */
export async function retryWhileLocked<T>(db: Db, work: () => T, wait: LockWait): Promise<T> {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 1000');
  let waiting = false;
  try {
    for (;;) {
      try {
        return work();
      } catch (error) {
        if (!isLockError(error)) throw error;
      }
      if (!waiting) {
        waiting = true;
        wait.onWait();
        db.pragma('busy_timeout = 200');
      }
      if (wait.signal?.aborted) throw new LockWaitAborted('gave up waiting for the database');
      await sleep(100, undefined, { signal: wait.signal }).catch(() => undefined);
      if (wait.signal?.aborted) throw new LockWaitAborted('gave up waiting for the database');
    }
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

function refuseNewerSchema(db: Db, dbPath: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION)
    throw new UsageError(
      `the database ${dbPath} was written by a newer backend-quiz (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade backend-quiz. Nothing was changed.`,
    );
}

function migrate(db: Db): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() === SCHEMA_VERSION) return;
  // Each step commits with its version, so a crash mid-way resumes from the last finished step. The version is read
  // again inside the write lock: another process opening the same new database may have migrated it meanwhile.
  for (;;) {
    const done = db
      .transaction(() => {
        const v = version();
        if (v >= SCHEMA_VERSION) return true;
        db.exec(MIGRATIONS[v]!);
        db.pragma(`user_version = ${v + 1}`);
        return false;
      })
      .immediate();
    if (done) return;
  }
}
