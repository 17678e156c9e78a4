// Grading `sql` questions: the candidate's query and the reference each run on schema + check data in the sandbox,
// and the results are compared by the rule in core/sql-result.ts. Also the author's check that a task can grade.
import { createHash } from 'node:crypto';
import { sameResult } from '../core/sql-result.js';
import type { QueryOutcome, Sandbox } from './sandbox.js';

export interface SqlTask {
  id: string;
  schema: string;
  /** INSERTs the submission is graded on; never shown to the candidate. */
  check: string;
  reference: string;
  ordered: boolean;
  mistakes?: { query: string; why: string }[];
}

export interface SqlVerdict {
  correct: boolean;
  /** One short line: what differs, why the query did not run, or that the result matches. */
  reason: string;
}

/** The key of a verdict in the map scoring reads (core/scoring.ts owns it; re-exported for graders). */
export { sqlAnswerKey } from '../core/scoring.js';

function contentKey(task: SqlTask): string {
  return createHash('sha256')
    .update(JSON.stringify([task.id, task.schema, task.check, task.reference]))
    .digest('hex');
}

function runOnCheckData(sandbox: Sandbox, task: SqlTask, sql: string): Promise<QueryOutcome> {
  return sandbox.run({ schema: task.schema, data: task.check }, sql);
}

export class SqlGrader {
  /** Reference results by task id and content: an edited bank is never graded against a stale result. */
  private readonly references = new Map<string, Promise<QueryOutcome>>();

  constructor(private readonly sandbox: Sandbox) {}

  private reference(task: SqlTask): Promise<QueryOutcome> {
    const key = contentKey(task);
    let result = this.references.get(key);
    if (!result) {
      result = runOnCheckData(this.sandbox, task, task.reference);
      this.references.set(key, result);
      // Only a result is kept: a timeout on a busy machine deserves another try.
      void result.then((outcome) => outcome.ok || this.references.delete(key));
    }
    return result;
  }

  /**
   * A failing reference is the bank's fault, not the candidate's: the verdict is "not correct" with a reason that
   * says the answer could not be graded (validate reports such a task before it is used).
   */
  async grade(task: SqlTask, sql: string): Promise<SqlVerdict> {
    const expected = await this.reference(task);
    if (!expected.ok)
      return { correct: false, reason: `cannot be graded: the reference query fails (${expected.message})` };
    const actual = await runOnCheckData(this.sandbox, task, sql);
    if (!actual.ok) return { correct: false, reason: actual.message };
    const comparison = sameResult(expected, actual, task.ordered);
    return comparison.equal
      ? { correct: true, reason: 'same result as the reference' }
      : { correct: false, reason: comparison.reason };
  }
}

export interface TaskProblem {
  /** The reference query, or a mistake by its index in `mistakes` (0-based). */
  target: 'reference' | { mistake: number };
  message: string;
}

/**
 * What keeps a task from grading well: a reference that fails or returns no rows on the check data, and listed
 * mistakes that give the reference's result there (the check data lacks the edge case that tells them apart).
 * A mistake that fails to run is fine: it would be graded wrong. Empty when the task is sound.
 */
export async function checkTask(sandbox: Sandbox, task: SqlTask): Promise<TaskProblem[]> {
  const reference = await runOnCheckData(sandbox, task, task.reference);
  if (!reference.ok) {
    const message =
      reference.kind === 'setup'
        ? `schema and check data do not run: ${reference.message}`
        : `fails on the check data: ${reference.message}`;
    return [{ target: 'reference', message }];
  }
  const problems: TaskProblem[] = [];
  if (reference.rowCount === 0)
    problems.push({
      target: 'reference',
      message: 'returns no rows on the check data; add rows the query should return',
    });
  for (const [index, mistake] of (task.mistakes ?? []).entries()) {
    const outcome = await runOnCheckData(sandbox, task, mistake.query);
    if (outcome.ok && sameResult(reference, outcome, task.ordered).equal)
      problems.push({
        target: { mistake: index },
        message: 'gives the same result as the reference on the check data; add rows that tell them apart',
      });
  }
  return problems;
}
