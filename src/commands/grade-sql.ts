// Running SQL answers through the sandbox before they are scored: core scores synchronously from the verdicts
// found here, each (question, query) run once however many files or answers hold it.
import type { Question } from '../core/bank-schema.js';
import { sqlAnswerKey, type SqlVerdicts } from '../core/scoring.js';

export interface SqlAnswer {
  question: Question;
  sql: string;
}

export interface SqlGrades {
  verdicts: SqlVerdicts;
  /** The grader's one-line reason per answer (same key as the verdicts): what differs, or why it did not run. */
  reasons: ReadonlyMap<string, string>;
}

/**
 * Grades every SQL answer on the check data and reference of the question given, which must be the grader's own
 * (the manager's banks on import, the banks named on the command line for run). A query that cannot be graded
 * (the task lacks check data, the reference fails) is wrong with a reason saying so. Blank queries are left out:
 * scoring marks them wrong without running them. The sandbox is loaded only when there is a query to run.
 */
export async function gradeSqlAnswers(answers: readonly SqlAnswer[]): Promise<SqlGrades> {
  const verdicts = new Map<string, boolean>();
  const reasons = new Map<string, string>();
  const pending = new Map<string, SqlAnswer>();
  for (const answer of answers)
    if (answer.question.type === 'sql' && answer.sql.trim() !== '')
      pending.set(sqlAnswerKey(answer.question.id, answer.sql), answer);
  if (pending.size === 0) return { verdicts, reasons };

  const { Sandbox } = await import('../sandbox/sandbox.js');
  const { SqlGrader } = await import('../sandbox/grade.js');
  const sandbox = new Sandbox();
  try {
    const grader = new SqlGrader(sandbox);
    for (const [key, { question, sql }] of pending) {
      const task = question.sql;
      const verdict =
        task?.check && task.reference
          ? await grader.grade(
              {
                id: question.id,
                schema: task.schema,
                check: task.check,
                reference: task.reference,
                ordered: task.ordered,
              },
              sql,
            )
          : { correct: false, reason: 'cannot be graded: the task has no check data or reference here' };
      verdicts.set(key, verdict.correct);
      reasons.set(key, verdict.reason);
    }
  } finally {
    await sandbox.close();
  }
  return { verdicts, reasons };
}
