// Running the sql tasks of banks as validate does: the schema and data build, the reference runs on the sample and
// the check data and returns rows there, and the check data tells every listed mistake from the reference. Each
// problem is located at the part of the task it is about. The sandbox is imported only when there is a task to run.
import type { Problem } from '../core/errors.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { loadBanks, type LoadBanksOptions, type LoadedBanks, type LocatedSqlTask } from './load-banks.js';
import type { Position } from './positions.js';

function at(task: LocatedSqlTask, where: Position, rule: string, message: string): Problem {
  return { file: task.file, line: where.line, column: where.column, rule, message };
}

/** One task's problems. Each step runs on a fresh database, so a broken part is named before what depends on it. */
async function checkOne(sandbox: Sandbox, task: LocatedSqlTask): Promise<Problem[]> {
  const { checkTask } = await import('../sandbox/grade.js');
  const { schema, sample, check, reference } = task;
  const problems: Problem[] = [];

  // The schema alone, with a query that cannot fail: a setup failure here is the DDL's.
  const bare = await sandbox.run({ schema, data: '' }, 'SELECT 1');
  if (!bare.ok)
    return [
      at(task, task.at.schema, 'sql-setup', `the schema of ${task.id} does not build: ${bare.message}`),
    ];

  // The sample data is what the candidate runs queries against: it must build, and the reference must run on it.
  const onSample = await sandbox.run({ schema, data: sample }, reference);
  if (!onSample.ok && onSample.kind === 'setup')
    problems.push(
      at(
        task,
        task.at.sample,
        'sql-setup',
        `the sample data of ${task.id} does not load: ${onSample.message}`,
      ),
    );
  const sampleFailure = !onSample.ok && onSample.kind !== 'setup' ? onSample.message : undefined;

  const onCheck = await sandbox.run({ schema, data: check }, reference);
  if (!onCheck.ok && onCheck.kind === 'setup')
    return [
      ...problems,
      at(task, task.at.check, 'sql-setup', `the check data of ${task.id} does not load: ${onCheck.message}`),
    ];
  const found = await checkTask(sandbox, {
    id: task.id,
    schema,
    check,
    reference,
    ordered: task.ordered,
    mistakes: task.mistakes,
  });
  // A reference that fails the same way on both data sets is one problem, said once.
  const failsAlike = sampleFailure !== undefined && !onCheck.ok && onCheck.message === sampleFailure;
  if (sampleFailure !== undefined)
    problems.push(
      at(
        task,
        task.at.reference,
        'reference-fails',
        `the reference fails on the sample${failsAlike ? ' and the check' : ''} data: ${sampleFailure}`,
      ),
    );
  for (const problem of found) {
    if (problem.target === 'reference') {
      if (failsAlike) continue;
      // Told apart by the run above rather than by the wording of the message.
      const rule = onCheck.ok ? 'reference-no-rows' : 'reference-fails';
      problems.push(at(task, task.at.reference, rule, `the reference ${problem.message}`));
      continue;
    }
    const index = problem.target.mistake;
    const where = task.at.mistakes[index] ?? task.at.reference;
    problems.push(at(task, where, 'mistake-passes', `mistake ${index + 1} ${problem.message}`));
  }
  return problems;
}

/** Every problem found by running the tasks; one sandbox serves them all and is always closed. */
export async function checkSqlTasks(tasks: readonly LocatedSqlTask[]): Promise<Problem[]> {
  if (tasks.length === 0) return [];
  const { Sandbox } = await import('../sandbox/sandbox.js');
  const sandbox = new Sandbox();
  try {
    const problems: Problem[] = [];
    for (const task of tasks) problems.push(...(await checkOne(sandbox, task)));
    return problems;
  } finally {
    await sandbox.close();
  }
}

/** loadBanks, then the sql tasks run: what validate (and any other check of banks for their authors) reports. */
export async function validateBanks(options: LoadBanksOptions): Promise<LoadedBanks> {
  const loaded = loadBanks(options);
  const problems = [...loaded.problems, ...(await checkSqlTasks(loaded.sqlTasks))];
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { ...loaded, problems };
}
