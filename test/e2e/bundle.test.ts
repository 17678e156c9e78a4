// Sealed candidate bundles on the built binary: no key material in a bundle's bytes, a sealed take from an empty
// folder in a pseudo-terminal (Ctrl-C, resume, finish), the manager's import re-grading it with the packing database,
// passphrases, damaged bundles, adaptive assessments and the pool warning.
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load-banks.js';
import type { BundleFile } from '../../src/bundle/schema.js';
import type { Question } from '../../src/core/bank-schema.js';
import { questionHash, resultDigest, type ResultFile } from '../../src/core/result-file.js';
import { scoreAnswer, percent } from '../../src/core/scoring.js';
import { BundleStore } from '../../src/store/bundles.js';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../helpers/cli.js';
import { SHIPPED_BANKS, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';
import { answerQuestion, KEY, PtySession } from '../helpers/pty.js';

const PASSPHRASE = 'correct horse battery staple';

const SMALL_ASSESSMENT = [
  'format: 1',
  'id: small-sealed',
  'title: Small sealed test',
  'domains:',
  '  - id: alpha',
  '    count: 3',
  '  - id: beta',
  '    questions: [beta-one, beta-two]',
  'passMark: 60',
  'timeLimit: 30',
  '',
].join('\n');

function bankQuestions(dir: string): Question[] {
  return loadBanks({ paths: [dir] }).banks.flatMap((b) => b.questions);
}

function bundleRecord(db: string, id: string) {
  const handle = openDatabase(db);
  try {
    return new BundleStore(handle).get(id)!;
  } finally {
    handle.close();
  }
}

function pack(dir: string, assessment: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const file = path.join(dir, 'assessment.yaml');
  writeFileSync(file, assessment);
  return runCli(['assessment', 'pack', file, '--db', path.join(dir, 'manager.db'), ...args], { env });
}

/** Every string of a bank a candidate is allowed to see, to tell a leak from a key that repeats visible text. */
function visibleStrings(questions: Question[]): string[] {
  return questions.flatMap((q) => [q.id, q.domain, q.prompt, ...q.options.map((o) => o.text)]);
}

/** Key material of the banks as it would appear in the bundle's JSON bytes. */
function secrets(questions: Question[]): { secret: string; what: string }[] {
  const visible = visibleStrings(questions);
  const exact = new Set(visible.map((v) => JSON.stringify(v)));
  const out: { secret: string; what: string }[] = [];
  const body = (s: string) => JSON.stringify(s).slice(1, -1);
  for (const q of questions) {
    // Every option id of the bank (keys included) and every accepted text, as a whole JSON string.
    for (const id of q.type === 'text' ? [] : q.options.map((o) => o.id))
      if (!exact.has(JSON.stringify(id)))
        out.push({ secret: JSON.stringify(id), what: `option id of ${q.id}` });
    if (q.type === 'text')
      for (const a of q.answer)
        if (!exact.has(JSON.stringify(a)))
          out.push({ secret: JSON.stringify(a), what: `accepted answer of ${q.id}` });
    out.push({ secret: body(q.explanation), what: `explanation of ${q.id}` });
    for (const r of q.references)
      if (!visible.some((v) => v.includes(r))) out.push({ secret: body(r), what: `reference of ${q.id}` });
    out.push({ secret: questionHash(q), what: `key-bearing hash of ${q.id}` });
  }
  return out;
}

/** Values the bundle format itself writes in its header (an option may be called "scrypt" too). */
const FORMAT_WORDS = new Set(['"backend-quiz-bundle"', '"aes-256-gcm"', '"scrypt"']);

/** Whether `secret` occurs in JSON text other than as an object key (the format's own field names, like "digest"). */
function occurs(text: string, secret: string): boolean {
  for (let i = text.indexOf(secret); i !== -1; i = text.indexOf(secret, i + 1))
    if (!secret.endsWith('"') || text[i + secret.length] !== ':') return true;
  return false;
}

describe('assessment pack of the shipped banks', () => {
  const shipped = bankQuestions(SHIPPED_BANKS);
  const domains = [...new Set(shipped.map((q) => q.domain))];
  const assessment = [
    'format: 1',
    'id: everything',
    'title: Every domain',
    'domains:',
    ...domains.flatMap((d) => [`  - id: ${d}`, '    count: 5']),
    '',
  ].join('\n');

  it('holds every question but no option id, accepted answer, explanation, reference or key hash; plain and encrypted', async () => {
    const dir = tempDir();
    const plain = await pack(dir, assessment, ['-o', path.join(dir, 'plain.json')]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/shipped banks.*public.*hiring decisions need private banks/s);
    const encrypted = await pack(
      dir,
      assessment,
      ['-o', path.join(dir, 'sealed.json'), '--passphrase-env', 'BUNDLE_PASS'],
      { BUNDLE_PASS: PASSPHRASE },
    );
    expect(encrypted.code).toBe(0);

    const bytes = {
      plain: readFileSync(path.join(dir, 'plain.json'), 'utf8'),
      encrypted: readFileSync(path.join(dir, 'sealed.json'), 'utf8'),
    };
    const bundle = JSON.parse(bytes.plain) as Extract<BundleFile, { content: unknown }>;
    expect(bundle.content.questions.map((q) => q.id).sort()).toEqual(shipped.map((q) => q.id).sort());
    const checks = secrets(shipped);
    expect(checks.length).toBeGreaterThan(2 * shipped.length);
    for (const [kind, text] of Object.entries(bytes)) {
      const leaks = checks
        .filter((c) => !FORMAT_WORDS.has(c.secret) && occurs(text, c.secret))
        .map((c) => `${kind}: ${c.what}`);
      expect(leaks).toEqual([]);
    }
    // Encrypted, not even the questions can be read before the session starts.
    const prompts = shipped.map((q) => JSON.stringify(q.prompt).slice(1, 40));
    expect(prompts.filter((p) => bytes.encrypted.includes(p))).toEqual([]);
    expect(prompts.filter((p) => bytes.plain.includes(p)).length).toBe(prompts.length);

    // The option order says nothing about the key or the bank: drawn afresh, it rarely equals the bank's order,
    // and the key is first about as often as chance has it.
    const record = bundleRecord(path.join(dir, 'manager.db'), bundle.id);
    const byId = new Map(shipped.map((q) => [q.id, q]));
    const realOrder = (q: (typeof bundle.content.questions)[number]) => {
      const entry = record.pool.find((p) => p.id === q.id)!;
      return q.options.map((o) => entry.options[o.id]!);
    };
    const shuffled = bundle.content.questions.filter((q) => q.type === 'single' || q.type === 'multiple');
    const sameAsBank = shuffled.filter(
      (q) =>
        realOrder(q).join() ===
        byId
          .get(q.id)!
          .options.map((o) => o.id)
          .join(),
    );
    expect(sameAsBank.length / shuffled.length).toBeLessThan(0.2);
    const single = shuffled.filter((q) => q.type === 'single');
    const keyFirst = single.filter((q) => realOrder(q)[0] === byId.get(q.id)!.answer[0]);
    expect(keyFirst.length / single.length).toBeLessThan(0.4);
    expect(keyFirst.length).toBeGreaterThan(0);
  });

  it('says the keys are public for a copy of a shipped bank too, and not for a private bank', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'copied'));
    copyFileSync(path.join(SHIPPED_BANKS, 'apis.yaml'), path.join(dir, 'copied', 'apis.yaml'));
    const copied = await pack(
      dir,
      'format: 1\nid: copied\ntitle: Copied\ndomains:\n  - id: apis\n    count: 5\n',
      ['--banks', path.join(dir, 'copied'), '-o', path.join(dir, 'b.json')],
    );
    expect(copied.code).toBe(0);
    expect(copied.stderr).toContain('notice: these questions come from the shipped banks');
    const own = await pack(dir, SMALL_ASSESSMENT, ['--banks', SMALL_BANKS, '-o', path.join(dir, 'c.json')]);
    expect(own.code).toBe(0);
    expect(own.stderr).not.toContain('shipped banks');
  });

  it('draws option ids and order afresh for every bundle', async () => {
    const dir = tempDir();
    const ids: string[][] = [];
    const orders: string[][] = [];
    for (const name of ['one.json', 'two.json']) {
      expect((await pack(dir, assessment, ['-o', path.join(dir, name)])).code).toBe(0);
      const b = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Extract<
        BundleFile,
        { content: unknown }
      >;
      const questions = [...b.content.questions].sort((x, y) => x.id.localeCompare(y.id));
      ids.push(questions.flatMap((q) => q.options.map((o) => o.id)));
      orders.push(questions.flatMap((q) => q.options.map((o) => o.text)));
    }
    expect(ids[0]!.filter((id) => ids[1]!.includes(id)).length).toBeLessThan(5);
    expect(orders[0]).not.toEqual(orders[1]);
  });
});

/** Starts `take` on a bundle in a pseudo-terminal, in `cwd`, with no banks anywhere it could read. */
function takeBundle(cwd: string, bundle: string, db: string, extra: string[] = []): PtySession {
  return new PtySession(
    ['take', bundle, '--db', db, '--banks', path.join(cwd, 'no-banks-here'), ...extra],
    {},
    cwd,
  );
}

async function enterCandidate(s: PtySession, passphrase?: string): Promise<void> {
  if (passphrase !== undefined) {
    await s.waitFor('Passphrase');
    s.write(passphrase + KEY.enter);
  }
  await s.waitFor('Your name');
  s.write('Grace Hopper' + KEY.enter);
  await s.waitFor('Your email');
  s.write('grace@example.com' + KEY.enter);
}

describe('a sealed bundle taken from an empty folder', () => {
  /** Kept for the tests after the first: the sealed result and the database its bundle was packed with. */
  let manager: string;
  const taken = { result: '', managerDb: '' };
  beforeAll(() => {
    manager = mkdtempSync(path.join(tmpdir(), 'backend-quiz-bundle-'));
  });
  afterAll(() => rmSync(manager, { recursive: true, force: true }));

  it('takes, survives Ctrl-C and resume, writes a result without a score; the manager import re-grades it', async () => {
    const passFile = path.join(manager, 'passphrase.txt');
    writeFileSync(passFile, `${PASSPHRASE}\n`);
    const bundlePath = path.join(manager, 'exam.bundle.json');
    const packed = await pack(manager, SMALL_ASSESSMENT, [
      '--banks',
      SMALL_BANKS,
      '-o',
      bundlePath,
      '--passphrase-file',
      passFile,
    ]);
    expect(packed.code).toBe(0);
    expect(packed.stdout).toContain('(sealed, encrypted)');
    expect(packed.stderr).not.toContain('shipped banks');

    const candidate = tempDir();
    copyFileSync(bundlePath, path.join(candidate, 'exam.bundle.json'));
    const db = path.join(candidate, 'candidate.db');
    const first = takeBundle(candidate, 'exam.bundle.json', db);
    await enterCandidate(first, PASSPHRASE);
    expect(first.text).toContain('Sealed assessment: no answer key on this machine');
    await answerQuestion(first, 1, 5);
    await answerQuestion(first, 2, 5, 'second');
    await first.waitFor('3/5 ·');
    first.write(KEY.ctrlC);
    expect((await first.wait()).exitCode).toBe(130);
    expect(first.text).toMatch(/Resume with: backend-quiz resume [0-9a-f]+/);

    const resumed = new PtySession(['resume', '--db', db], {}, candidate);
    await resumed.waitFor('Passphrase');
    resumed.write(PASSPHRASE + KEY.enter);
    await resumed.waitFor('Resuming');
    for (let n = 3; n <= 5; n++) await answerQuestion(resumed, n, 5, n === 4 ? 'second' : 'first');
    await resumed.waitFor('Result written to');
    expect((await resumed.wait()).exitCode).toBe(0);
    expect(resumed.text).toContain('graded by the hiring manager');
    expect(resumed.text).not.toContain('Score:');
    expect(resumed.text).not.toMatch(/Review the/);

    const resultName = readdirSync(candidate).find((f) => f.startsWith('small-sealed-'))!;
    const resultFile = path.join(candidate, resultName);
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as ResultFile;
    expect(result.format).toBe(2);
    expect(result.score).toBeNull();
    expect(result.transcript).toHaveLength(5);
    expect(result.transcript.every((t) => t.correct === null && t.chosen !== null)).toBe(true);

    // The candidate's own database knows no marks: history shows no score, reports and statistics leave it out.
    const history = JSON.parse((await runCli(['history', '--json', '--db', db])).stdout) as {
      status: string;
      score: number | null;
    }[];
    expect(history).toEqual([expect.objectContaining({ status: 'completed', score: null })]);
    const local = await runCli(['report', '--format', 'json', '--db', db]);
    expect(local.code).toBe(0);
    expect((JSON.parse(local.stdout) as { candidates: unknown[] }).candidates).toEqual([]);
    const stats = await runCli(['stats', '--json', '--db', db]);
    expect(stats.code).toBe(0);
    expect((JSON.parse(stats.stdout) as { attempts: number }).attempts).toBe(0);

    // Decrypted questions never reached the disk: not in the database, its journal, or the result file.
    const small = bankQuestions(SMALL_BANKS);
    const onDisk = readdirSync(candidate)
      .map((f) => readFileSync(path.join(candidate, f)).toString('latin1'))
      .join('\n');
    for (const q of small) expect(onDisk).not.toContain(q.prompt.split('\n')[0]!);

    // The manager grades with the key they kept: the opaque ids mapped back through the packing database.
    const managerDb = path.join(manager, 'manager.db');
    Object.assign(taken, { result: path.join(manager, resultName), managerDb });
    copyFileSync(resultFile, taken.result);
    const record = bundleRecord(managerDb, result.bundle!.id);
    const byId = new Map(small.map((q) => [q.id, q]));
    const expected = result.transcript.filter((t) => {
      const entry = record.pool.find((p) => p.id === t.id)!;
      const q = byId.get(t.id)!;
      return scoreAnswer(q, q.type === 'text' ? t.chosen! : t.chosen!.map((c) => entry.options[c]!));
    }).length;
    const imported = await runCli(['import', resultFile, '--banks', SMALL_BANKS, '--db', managerDb]);
    expect(imported.stdout).toContain(`(sealed bundle ${result.bundle!.id})`);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('1 imported');
    const report = JSON.parse(
      (await runCli(['report', '--format', 'json', '--db', managerDb, '--banks', SMALL_BANKS])).stdout,
    ) as { candidates: { name: string; score: number; passed: boolean }[] };
    expect(report.candidates).toEqual([
      expect.objectContaining({
        name: 'Grace Hopper',
        score: percent(expected, 5),
        passed: percent(expected, 5) >= 60,
      }),
    ]);

    // Without the database it was packed with, there is nothing to map the answers back with.
    const elsewhere = await runCli([
      'import',
      resultFile,
      '--banks',
      SMALL_BANKS,
      '--db',
      path.join(manager, 'other.db'),
    ]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stdout).toContain(
      `bundle ${result.bundle!.id} is not in this database: import with the database the bundle was packed with (--db)`,
    );
  }, 120_000);

  it.each([
    {
      name: 'another bundle hash',
      edit: (r: ResultFile) => (r.bundle!.hash = 'f'.repeat(64)),
      message: 'taken from a bundle that differs from bundle',
    },
    {
      name: 'a bank option id instead of the bundle one',
      edit: (r: ResultFile) => {
        const t = r.transcript.find((x) => x.shown.length > 0)!;
        t.chosen = ['s404'];
      },
      message: 'names options the bundle does not have',
    },
    {
      name: 'a question outside the bundle',
      edit: (r: ResultFile) => (r.transcript[0]!.id = 'alpha-four'),
      message: 'are not in the bundle',
    },
    {
      name: 'a score added',
      edit: (r: ResultFile) =>
        (r.score = { percent: 100, correct: 5, total: 5, passed: true, domains: { alpha: 100, beta: 100 } }),
      message: 'which was packed sealed',
    },
    {
      name: 'another assessment hash',
      edit: (r: ResultFile) => (r.assessment.hash = '0'.repeat(64)),
      message: 'is not the one bundle',
    },
  ])('a sealed result with $name (digest recomputed) is rejected', async ({ edit, message }) => {
    const r = JSON.parse(readFileSync(taken.result, 'utf8')) as ResultFile;
    edit(r);
    const file = path.join(tempDir(), 'forged.json');
    writeFileSync(file, JSON.stringify({ ...r, digest: resultDigest(r) }));
    const verify = await runCli(['verify', file, '--banks', SMALL_BANKS, '--db', taken.managerDb]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(message);
  });

  it('verify passes the untouched sealed result; a question changed after packing is not re-graded', async () => {
    const ok = await runCli(['verify', taken.result, '--banks', SMALL_BANKS, '--db', taken.managerDb]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1 of 1 file(s) verified');
    const banks = path.join(tempDir(), 'banks');
    cpSync(SMALL_BANKS, banks, { recursive: true });
    const bank = path.join(banks, 'beta.yaml');
    writeFileSync(bank, readFileSync(bank, 'utf8').replace('answer: rr', 'answer: rc'));
    const changed = await runCli(['verify', taken.result, '--banks', banks, '--db', taken.managerDb]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('beta-two changed since the assessment was sent');
  });

  it('a wrong passphrase gives one line and exit 2', async () => {
    const manager = tempDir();
    const bundlePath = path.join(manager, 'exam.bundle.json');
    const packed = await pack(
      manager,
      SMALL_ASSESSMENT,
      ['--banks', SMALL_BANKS, '-o', bundlePath, '--passphrase-env', 'PASS'],
      { PASS: PASSPHRASE },
    );
    expect(packed.code).toBe(0);
    const s = takeBundle(manager, bundlePath, path.join(manager, 'c.db'));
    await s.waitFor('Passphrase');
    s.write('not the passphrase' + KEY.enter);
    expect((await s.wait()).exitCode).toBe(2);
    expect(s.text).toMatch(/backend-quiz: cannot open .*: wrong passphrase, or the file was changed/);
    expect(s.text).not.toMatch(/\n\s+at /);
  });
});

describe('pack refuses what it cannot seal or read', () => {
  it.each([
    { name: 'env var unset', args: ['--passphrase-env', 'BACKEND_QUIZ_UNSET_VAR'], message: 'is not set' },
    {
      name: 'file missing',
      args: ['--passphrase-file', '/nonexistent/passphrase.txt'],
      message: 'cannot read the passphrase file',
    },
    { name: 'too short', args: ['--passphrase-env', 'SHORT'], message: 'at least 8 characters' },
    {
      name: 'both sources',
      args: ['--passphrase-env', 'SHORT', '--passphrase-file', 'x'],
      message: 'cannot be used with',
    },
  ])('passphrase $name: exit 2, no bundle', async ({ args, message }) => {
    const dir = tempDir();
    const out = path.join(dir, 'b.json');
    const r = await pack(dir, SMALL_ASSESSMENT, ['--banks', SMALL_BANKS, '-o', out, ...args], {
      SHORT: 'abc',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(readdirSync(dir)).not.toContain('b.json');
  });

  it('a pipe or a device as the passphrase file is refused at once, not waited on or read forever', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'pass.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const file of [fifo, '/dev/zero']) {
      const out = path.join(dir, 'b.json');
      const r = await pack(dir, SMALL_ASSESSMENT, [
        '--banks',
        SMALL_BANKS,
        '-o',
        out,
        '--passphrase-file',
        file,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('cannot read the passphrase file');
      expect(r.stderr).toContain('not a regular file');
      expect(readdirSync(dir)).not.toContain('b.json');
    }
  });

  it('take refuses a pipe or a device given as the bundle, at once', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'exam.bundle.json');
    execFileSync('mkfifo', [fifo]);
    for (const file of [fifo, '/dev/zero']) {
      const s = takeBundle(dir, file, path.join(dir, 'c.db'));
      expect((await s.wait()).exitCode).toBe(2);
      expect(s.text).toContain('not a regular file');
    }
  });

  it('an adaptive assessment is refused, and packed with a warning under --open; take then runs as an open run', async () => {
    const dir = tempDir();
    const adaptive = [
      'format: 1',
      'id: adaptive-open',
      'title: Adaptive',
      'domains:',
      '  - id: alpha',
      '    count: 2',
      '  - id: beta',
      '    count: 2',
      'adaptive: true',
      'seTarget: 0.05',
      '',
    ].join('\n');
    const out = path.join(dir, 'adaptive.json');
    const refused = await pack(dir, adaptive, ['--banks', SMALL_BANKS, '-o', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/adaptive.*needs the answer key on the candidate's machine.*--open/);

    const open = await pack(dir, adaptive, ['--banks', SMALL_BANKS, '-o', out, '--open']);
    expect(open.code).toBe(0);
    expect(open.stderr).toMatch(/warning: --open packs the answer keys: this bundle is not sealed/);
    expect(open.stdout).toContain('(open)');

    const candidate = tempDir();
    copyFileSync(out, path.join(candidate, 'adaptive.json'));
    const s = takeBundle(candidate, 'adaptive.json', path.join(candidate, 'c.db'));
    await s.waitFor('This bundle is open');
    await enterCandidate(s);
    for (let n = 1; n <= 4; n++) await answerQuestion(s, n, '≤4');
    await s.waitFor('Result written to');
    expect((await s.wait()).exitCode).toBe(0);
    const resultName = readdirSync(candidate).find((f) => f.startsWith('adaptive-open-'))!;
    const result = JSON.parse(readFileSync(path.join(candidate, resultName), 'utf8')) as ResultFile;
    expect(result.score).not.toBeNull();
    const imported = await runCli([
      'import',
      path.join(candidate, resultName),
      '--banks',
      SMALL_BANKS,
      '--db',
      path.join(dir, 'manager.db'),
    ]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      `(open bundle ${result.bundle!.id}), ${result.score!.percent.toFixed(1)}%`,
    );
  }, 60_000);

  it.each([
    { count: 1, policy: 'per-candidate', warned: false },
    { count: 2, policy: 'per-candidate', warned: true },
    { count: 2, policy: 'same-for-all\nseed: 4', warned: false },
  ])('pool warning: $count of 3 drawn, $policy → warned: $warned', async ({ count, policy, warned }) => {
    const dir = tempDir();
    const r = await pack(
      dir,
      `format: 1\nid: pool\ntitle: Pool\ndomains:\n  - id: alpha\n    count: ${count}\nseedPolicy: ${policy}\n`,
      ['--banks', SMALL_BANKS, '-o', path.join(dir, 'b.json')],
    );
    expect(r.code).toBe(0);
    const warning = `alpha: each candidate draws ${count} of 3 questions (fewer than 3 × ${count})`;
    if (warned) expect(r.stderr).toContain(warning);
    else expect(r.stderr).not.toContain('each candidate draws');
  });
});

describe('a damaged bundle', () => {
  async function packed(passphrase: boolean) {
    const dir = tempDir();
    const file = path.join(dir, 'exam.bundle.json');
    const r = await pack(
      dir,
      SMALL_ASSESSMENT,
      ['--banks', SMALL_BANKS, '-o', file, ...(passphrase ? ['--passphrase-env', 'PASS'] : [])],
      { PASS: PASSPHRASE },
    );
    expect(r.code).toBe(0);
    return { dir, file, text: readFileSync(file, 'utf8') };
  }

  it.each([
    {
      name: 'truncated',
      passphrase: false,
      edit: (t: string) => t.slice(0, Math.floor(t.length / 2)),
      message: 'is not a complete bundle (truncated or edited?)',
    },
    {
      name: 'a prompt edited',
      passphrase: false,
      edit: (t: string) => t.replace('Which status code means Not Found?', 'Which status code means Gone?'),
      message: 'was changed after it was packed',
    },
    {
      name: 'encrypted, one byte of ciphertext changed',
      passphrase: true,
      edit: (t: string) => {
        const b = JSON.parse(t) as { ciphertext: string };
        const c = b.ciphertext;
        b.ciphertext = `${c.slice(0, 10)}${c[10] === 'A' ? 'B' : 'A'}${c.slice(11)}`;
        return JSON.stringify(b);
      },
      message: 'wrong passphrase, or the file was changed',
    },
    {
      name: 'encrypted, header edited (sealed: false)',
      passphrase: true,
      edit: (t: string) => t.replace('"sealed":true', '"sealed":false'),
      message: 'wrong passphrase, or the file was changed',
    },
  ])('$name: one line, exit 2', async ({ passphrase, edit, message }) => {
    const { dir, file, text } = await packed(passphrase);
    const edited = edit(text);
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const s = takeBundle(dir, file, path.join(dir, 'c.db'));
    if (passphrase) {
      await s.waitFor('Passphrase');
      s.write(PASSPHRASE + KEY.enter);
    }
    expect((await s.wait()).exitCode).toBe(2);
    expect(s.text).toContain(message);
    expect(s.text).not.toContain('Your name');
    expect(s.text).not.toMatch(/\n\s+at /);
  });

  it('resume refuses a bundle that changed since the session started', async () => {
    const { dir, file, text } = await packed(false);
    mkdirSync(path.join(dir, 'c'));
    const db = path.join(dir, 'c', 'c.db');
    const s = takeBundle(dir, file, db);
    await enterCandidate(s);
    await s.waitFor('1/5 ·');
    s.write(KEY.ctrlC);
    expect((await s.wait()).exitCode).toBe(130);
    writeFileSync(file, text.replace('"prompt":"', '"prompt":"Edited: '));
    const resumed = new PtySession(['resume', '--db', db], {}, dir);
    expect((await resumed.wait()).exitCode).toBe(2);
    expect(resumed.text).toContain('is not the bundle this session was started from');
  });
});
