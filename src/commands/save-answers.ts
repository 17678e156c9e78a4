// Saving what a candidate answered when the database is busy: wait (visibly) for another program's lock rather
// than fail, let Ctrl-C stop the wait, and never leave without naming each answer that is not in the database.
import { EXIT_INTERRUPTED, ExitError } from '../core/errors.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { Response } from '../core/scoring.js';
import { LockWaitAborted } from '../store/database.js';
import type { SessionStore } from '../store/sessions.js';
import { print, type CommandContext } from './context.js';

export interface PendingAnswer {
  questionId: string;
  response: Response;
}

export const WAITING_MESSAGE =
  'waiting for the database (locked by another program)… your answer is kept; press Ctrl-C to stop waiting';

function describePending(pending: PendingAnswer): string {
  return sanitizeLine(`question ${pending.questionId}, answer: ${pending.response.join(', ') || '(none)'}`);
}

/**
 * Runs `work` (store writes), waiting while the database is locked. If it fails or the wait is stopped, every
 * answer in `pending` is printed as not saved before the error goes on; a stopped wait exits 130 with `resume`.
 */
export async function saveWaiting<T>(
  ctx: CommandContext,
  store: SessionStore,
  work: () => T,
  pending: PendingAnswer[],
  resume: string,
): Promise<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.on('SIGINT', stop);
  try {
    return await store.whileLocked(work, {
      signal: controller.signal,
      onWait: () => print(ctx.stderr, WAITING_MESSAGE),
    });
  } catch (error) {
    for (const p of pending) print(ctx.stderr, `NOT SAVED: ${describePending(p)}`);
    if (error instanceof LockWaitAborted)
      throw new ExitError(
        EXIT_INTERRUPTED,
        `stopped waiting for the database; ${pending.length === 0 ? 'every answer is saved' : `${pending.length} answer(s) above were not saved`}. ${resume}`,
      );
    throw error;
  } finally {
    process.off('SIGINT', stop);
  }
}
