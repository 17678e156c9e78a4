// Every shipped sql task grades as its author meant: the reference passes, every listed mistake fails, on the
// check data, through the same sandbox and grader that candidates' answers go through.
import { afterAll, describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load-banks.js';
import { checkTask, SqlGrader, type SqlTask } from '../../src/sandbox/grade.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';
import { SHIPPED_BANKS } from '../helpers/fixtures.js';

const tasks: SqlTask[] = loadBanks({ paths: [SHIPPED_BANKS] })
  .banks.flatMap((b) => b.questions)
  .flatMap((q) =>
    q.type === 'sql' && q.sql
      ? [
          {
            id: q.id,
            schema: q.sql.schema,
            check: q.sql.check ?? '',
            reference: q.sql.reference ?? '',
            ordered: q.sql.ordered,
            mistakes: q.sql.mistakes,
          },
        ]
      : [],
  );

describe('shipped sql tasks', () => {
  const sandbox = new Sandbox();
  const grader = new SqlGrader(sandbox);
  afterAll(() => sandbox.close());

  it('there are at least 40, each with at least two listed mistakes', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(40);
    for (const task of tasks) expect(task.mistakes?.length ?? 0, task.id).toBeGreaterThanOrEqual(2);
  });

  it.each(tasks.map((t) => [t.id, t] as const))(
    '%s: the reference passes and every mistake fails',
    async (_, task) => {
      expect(await checkTask(sandbox, task)).toEqual([]);
      expect(await grader.grade(task, task.reference)).toMatchObject({ correct: true });
      for (const mistake of task.mistakes ?? [])
        expect(await grader.grade(task, mistake.query), mistake.why).toMatchObject({ correct: false });
    },
  );
});
