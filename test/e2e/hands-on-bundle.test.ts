// Hands-on questions in sealed bundles on the built binary: pack leaves every sql key out (plain and encrypted) and
// refuses an open bundle with sql tasks; a result taken from the bundle alone, with lines and order answers in the
// bundle's opaque ids, is graded by the manager's import.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load-banks.js';
import { bundleQuestions, openBundle, readBundleFile } from '../../src/bundle/read.js';
import { selectAssessmentItems } from '../../src/core/assessment.js';
import type { Question } from '../../src/core/bank-schema.js';
import { createRandom } from '../../src/core/random.js';
import type { AssessmentSettings } from '../../src/commands/hiring/write-result.js';
import { buildResultFile } from '../../src/commands/hiring/write-result.js';
import { newSessionId } from '../../src/commands/session-setup.js';
import { BundleStore } from '../../src/store/bundles.js';
import { openDatabase } from '../../src/store/database.js';
import { SessionStore } from '../../src/store/sessions.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';

/** A bank file, not its folder: other hands-on fixtures live beside it. */
const BANK = path.join(FIXTURES, 'banks', 'hands-on', 'authoring.yaml');
const PASSPHRASE = 'correct horse battery staple';
const bank = loadBanks({ paths: [BANK] }).banks.flatMap((b) => b.questions);
const ofType = (type: Question['type']) => bank.filter((q) => q.type === type);

function assessment(id: string, questions: Question[]): string {
  return [
    'format: 1',
    `id: ${id}`,
    `title: ${id}`,
    'domains:',
    '  - id: authoring',
    `    questions: [${questions.map((q) => q.id).join(', ')}]`,
    'passMark: 50',
    '',
  ].join('\n');
}

async function pack(dir: string, text: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const file = path.join(dir, 'assessment.yaml');
  writeFileSync(file, text);
  return runCli(
    ['assessment', 'pack', file, '--banks', BANK, '--db', path.join(dir, 'manager.db'), ...args],
    {
      env,
    },
  );
}

describe('assessment pack of hands-on questions', () => {
  it('leaves check data, references, mistakes and the lines key out of plain and encrypted bundles', async () => {
    const dir = tempDir();
    const all = assessment('hands-all', bank);
    expect((await pack(dir, all, ['-o', path.join(dir, 'plain.json')])).code).toBe(0);
    const encrypted = await pack(
      dir,
      all,
      ['-o', path.join(dir, 'sealed.json'), '--passphrase-env', 'PASS'],
      {
        PASS: PASSPHRASE,
      },
    );
    expect(encrypted.code).toBe(0);
    expect(encrypted.stdout).toContain('(sealed, encrypted)');

    const body = (s: string) => JSON.stringify(s.trim()).slice(1, -1);
    const secrets = ofType('sql').flatMap((q) => [
      ...(q.sql!.check!.match(/\([^()]*\)/g) ?? []).filter((row) => !q.sql!.sample.includes(row)),
      body(q.sql!.reference!),
      ...q.sql!.mistakes.map((m) => body(m.query)),
    ]);
    expect(secrets.length).toBeGreaterThan(15);
    for (const name of ['plain.json', 'sealed.json']) {
      const file = path.join(dir, name);
      const text = readFileSync(file, 'utf8');
      const opened = openBundle(
        readBundleFile(file, name),
        name,
        name === 'sealed.json' ? PASSPHRASE : undefined,
      );
      for (const searched of [text, JSON.stringify(opened)]) {
        expect(secrets.filter((s) => searched.includes(s))).toEqual([]);
        expect(searched).not.toMatch(/"(answer|check|reference|mistakes)":/);
      }
      // What the candidate gets: every question, the sample data of each sql task, the code of the lines one.
      expect(opened.questions.map((q) => q.id).sort()).toEqual(bank.map((q) => q.id).sort());
      for (const q of ofType('sql'))
        expect(opened.questions.find((x) => x.id === q.id)!.sql!.sample).toBe(q.sql!.sample);
      expect(opened.questions.find((x) => x.type === 'lines')!.code!.text).toBe(
        ofType('lines')[0]!.code!.text,
      );
    }
  });

  it('refuses --open with a sql task in the pool: exit 2, nothing recorded or written', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'open.json');
    const result = await pack(dir, assessment('hands-open', bank), ['-o', out, '--open']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('an open bundle cannot hold sql tasks');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('import of a result taken from a hands-on bundle', () => {
  it('maps the order answer back through the packing database and grades lines and order', async () => {
    const dir = tempDir();
    const questions = [...ofType('lines'), ...ofType('order')];
    const bundleFile = path.join(dir, 'hands.bundle.json');
    expect((await pack(dir, assessment('hands-graded', questions), ['-o', bundleFile])).code).toBe(0);
    const managerDb = path.join(dir, 'manager.db');

    // The candidate's side: the bundle alone (as `take` reads it), a session, answers, the result file.
    const onDisk = readBundleFile(bundleFile, 'hands.bundle.json');
    const content = openBundle(onDisk, 'hands.bundle.json');
    const fromBundle = new Map(bundleQuestions(content).map((q) => [q.id, q]));
    const handle = openDatabase(managerDb);
    const record = (() => {
      try {
        return new BundleStore(handle).get(onDisk.file.id)!;
      } finally {
        handle.close();
      }
    })();
    const [lines] = ofType('lines');
    const [order] = ofType('order');
    const toOpaque = Object.fromEntries(
      Object.entries(record.pool.find((p) => p.id === order!.id)!.options).map(([opaque, real]) => [
        real,
        opaque,
      ]),
    );
    const rightOrder = order!.answer.map((id) => toOpaque[id]!);

    const take = (answers: Record<string, string[]>): string => {
      const db = openDatabase(path.join(dir, `${newSessionId()}.db`));
      try {
        const store = new SessionStore(db);
        const id = newSessionId();
        const items = selectAssessmentItems(content.assessment, [...fromBundle.values()], createRandom(7));
        const settings: AssessmentSettings = {
          id: content.assessment.id,
          title: content.assessment.title,
          passMark: content.assessment.passMark,
          hash: content.assessmentHash,
          showExplanations: false,
          bankHashes: {},
          out: dir,
          bundle: { id: onDisk.file.id, path: bundleFile, hash: onDisk.hash, sealed: true },
        };
        const started = Date.now() - 60_000;
        store.create({
          id,
          kind: 'assessment',
          startedAt: new Date(started).toISOString(),
          seed: 7,
          timeLimitMs: null,
          settings: {
            topics: ['authoring'],
            difficulty: 'mixed',
            count: items.length,
            banks: [],
            assessment: settings,
          },
          items,
          candidate: { name: `Candidate ${id}`, email: `${id}@example.com` },
          assessmentId: content.assessment.id,
        });
        items.forEach((item, position) =>
          store.recordAnswer(id, {
            position,
            questionId: item.questionId,
            response: answers[item.questionId]!,
            correct: false,
            seconds: 10,
            answeredAt: new Date(started + 10_000 * (position + 1)).toISOString(),
            elapsedMs: 10_000 * (position + 1),
          }),
        );
        store.finish(id, 'completed', {
          finishedAt: new Date(started + 30_000).toISOString(),
          elapsedMs: 30_000,
          correct: null,
          score: null,
        });
        const result = buildResultFile(store, id, fromBundle, Date.now());
        expect(result.score).toBeNull();
        const file = path.join(dir, `result-${id}.json`);
        writeFileSync(file, JSON.stringify(result, null, 2));
        return file;
      } finally {
        db.close();
      }
    };

    const right = take({ [lines!.id]: ['4'], [order!.id]: rightOrder });
    const half = take({ [lines!.id]: ['4', '5'], [order!.id]: rightOrder });
    const none = take({ [lines!.id]: ['5'], [order!.id]: [...rightOrder].reverse() });
    const imported = await runCli(['import', right, half, none, '--banks', BANK, '--db', managerDb]);
    expect(imported.stdout).toContain('3 imported');
    expect(imported.code).toBe(0);
    const report = JSON.parse(
      (await runCli(['report', '--format', 'json', '--db', managerDb, '--banks', BANK])).stdout,
    ) as { candidates: { name: string; score: number; passed: boolean }[] };
    const scores = report.candidates.map((c) => c.score).sort((a, b) => a - b);
    expect(scores).toEqual([0, 50, 100]);

    // An order answer in the bank's own ids is not one the bundle could have produced.
    const forged = take({ [lines!.id]: ['4'], [order!.id]: order!.answer });
    const verify = await runCli(['verify', forged, '--banks', BANK, '--db', managerDb]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('names options the bundle does not have');
  }, 60_000);
});
