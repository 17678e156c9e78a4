// The only owner of the SQLite connection: opening, pragmas and forward migrations.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type Db = Database.Database;

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

function explain(dbPath: string, error: unknown): UsageError {
  const code = (error as { code?: string }).code ?? '';
  const readOnly =
    ['SQLITE_READONLY', 'EACCES', 'EROFS', 'EPERM'].includes(code) ||
    ((code === 'SQLITE_CANTOPEN' || code === 'ENOENT') && !writableLocation(dbPath));
  const reason = readOnly
    ? 'the location is read-only'
    : code === 'SQLITE_FULL' || code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'SQLITE_CANTOPEN'
        ? 'the file cannot be opened or created'
        : code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
          ? 'the file is not a backend-quiz database'
          : code === 'EEXIST' || code === 'ENOTDIR'
            ? 'a file stands where a folder is needed'
            : (error as Error).message;
  return new UsageError(
    `cannot use the database ${dbPath}: ${reason}. Choose another with --db or BACKEND_QUIZ_DB.`,
  );
}

/** Opens (creating if needed) and migrates the database. Errors are UsageErrors that name the file. */
export function openDatabase(dbPath: string): Db {
  let db: Db | undefined;
  try {
    if (dbPath !== ':memory:') mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
    db = new Database(dbPath);
    db.pragma('busy_timeout = 10000');
    refuseNewerSchema(db, dbPath); // before anything that could write, such as switching to WAL
    if (dbPath !== ':memory:') db.pragma('journal_mode = WAL');
    // FULL: an answer acknowledged on screen survives a power cut, not only a killed process.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof UsageError) throw error;
    throw explain(dbPath, error);
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
