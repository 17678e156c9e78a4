// The messages between the Sandbox and its child process (IPC with structured clone, so blobs travel as bytes).
import type { QueryOutcome, SqlLimits, SqlSetup, SqlTable } from './sandbox.js';

export type RequestBody =
  | { op: 'run'; setup: SqlSetup; sql: string; preview?: number; limits: SqlLimits }
  | { op: 'tables'; setup: SqlSetup; limits: SqlLimits };

export type Request = RequestBody & { id: number };

export type Reply =
  /** Setup is done and the candidate's query starts now: the wall-clock limit counts from here. */
  | { id: number; type: 'started' }
  | { id: number; type: 'outcome'; outcome: QueryOutcome }
  | { id: number; type: 'tables'; tables: SqlTable[] | { ok: false; message: string } };
