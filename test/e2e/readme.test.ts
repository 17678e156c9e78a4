// The documentation runs as written: every `backend-quiz` line of the README's and docs/'s ```sh examples, and the
// example workflow's `run:` steps, is run by bash in document order against the built binary, with a temporary
// database, home folder and working folder holding the files the examples name. An example that stops working
// fails here.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Bank } from '../../src/core/bank-schema.js';
import { BIN, ROOT, SHIPPED_BANKS } from '../helpers/fixtures.js';
import { takeAssessment } from '../helpers/take.js';

interface Example {
  doc: string;
  line: number;
  command: string;
}

const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => path.join('docs', f))];

/** Fenced blocks of a markdown file (indented fences in lists included), with the language and first line number. */
function fencedBlocks(doc: string): { lang: string; start: number; lines: string[] }[] {
  const blocks: { lang: string; start: number; lines: string[] }[] = [];
  let open: { lang: string; start: number; lines: string[]; indent: number } | undefined;
  readFileSync(path.join(ROOT, doc), 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const fence = /^(\s*)```(\S*)\s*$/.exec(text);
      if (open) {
        if (fence && fence[2] === '') {
          blocks.push(open);
          open = undefined;
        } else open.lines.push(text.slice(open.indent));
      } else if (fence) open = { lang: fence[2]!, start: i + 2, lines: [], indent: fence[1]!.length };
    });
  return blocks;
}

function shellExamples(): Example[] {
  return DOCS.filter((d) => d.endsWith('.md')).flatMap((doc) =>
    fencedBlocks(doc)
      .filter((b) => b.lang === 'sh')
      .flatMap((b) =>
        b.lines.flatMap((text, i) =>
          text.trim().startsWith('backend-quiz') ? [{ doc, line: b.start + i, command: text.trim() }] : [],
        ),
      ),
  );
}

/** The workflow's steps that run backend-quiz (the install step needs a tarball and the network: .ci/run packs it). */
function workflowSteps(): Example[] {
  return DOCS.filter((d) => d.endsWith('.yml')).flatMap((doc) => {
    const workflow = parseYaml(readFileSync(path.join(ROOT, doc), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    return Object.values(workflow.jobs).flatMap((job) =>
      job.steps.flatMap((s) =>
        s.run?.startsWith('backend-quiz') ? [{ doc, line: 0, command: s.run.trim() }] : [],
      ),
    );
  });
}

/** Files the docs show in full: a fenced block whose first line is `# <file name>`. */
function documentedFiles(): { name: string; content: string }[] {
  return DOCS.filter((d) => d.endsWith('.md')).flatMap((doc) =>
    fencedBlocks(doc).flatMap((b) => {
      const name = /^# ((?:[\w.-]+\/)?[\w.-]+\.(?:ya?ml|json|csv))$/.exec(b.lines[0] ?? '')?.[1];
      return name ? [{ name, content: `${b.lines.join('\n')}\n` }] : [];
    }),
  );
}

/**
 * Interactive commands need a terminal: run without one, each must get as far as saying so (exit 2), which proves
 * that its options and their values parse. The home menu is the bare `backend-quiz`.
 */
const INTERACTIVE = /^backend-quiz(?:\s*$|\s+(?:quiz|resume|take|review)\b)/;

/** Correct answers to every question of some banks, as a reviewer's answers file would give them. */
function keyFile(banks: string[]): string {
  const compiled = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'banks.json'), 'utf8')) as {
    banks: Bank[];
  };
  const lines = compiled.banks
    .filter((b) => banks.includes(b.file))
    .flatMap((b) =>
      b.questions.map((q) => {
        // Lists for the types whose key is a list (lines: the faulty line numbers; order: every step in order).
        const answer =
          q.type === 'multiple' || q.type === 'order'
            ? q.answer
            : q.type === 'lines'
              ? q.answer.map(Number)
              : q.type === 'true-false'
                ? q.answer[0] === 'true'
                : q.answer[0]!;
        return `${q.id}: ${JSON.stringify(answer)}`;
      }),
    );
  return `${lines.join('\n')}\n`;
}

let root: string;
let cwd: string;
let env: NodeJS.ProcessEnv;
let resultsReady = false;

/** Folders that live for the whole file: the examples build on each other. */
const folder = (name: string) => {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'backend-quiz-readme-'));
  cwd = folder('work');
  const home = folder('home');
  const shim = folder('bin');
  // `backend-quiz` on the PATH is the built binary, as after `npm install -g` of the packed tarball.
  writeFileSync(path.join(shim, 'backend-quiz'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(path.join(shim, 'backend-quiz'), 0o755);
  env = {
    ...process.env,
    PATH: `${shim}:${process.env.PATH ?? ''}`,
    HOME: home,
    BACKEND_QUIZ_DB: path.join(folder('data'), 'results.db'),
    NO_COLOR: '1',
    QUIZ_PASSPHRASE: 'a passphrase sent apart',
  };
  for (const { name, content } of documentedFiles()) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), content);
  }
  writeFileSync(path.join(cwd, 'pass.txt'), 'another passphrase sent apart\n');
  // A team's own banks (./team-banks in the README, banks/ in the workflow) and the workflow's reference answers.
  const teamBanks = ['apis.yaml', 'databases.yaml'];
  for (const folder of ['team-banks', 'banks']) {
    mkdirSync(path.join(cwd, folder));
    for (const f of teamBanks) cpSync(path.join(SHIPPED_BANKS, f), path.join(cwd, folder, f));
  }
  mkdirSync(path.join(cwd, 'ci'));
  writeFileSync(path.join(cwd, 'ci', 'answers.yaml'), keyFile(teamBanks));
  // Where the completion section installs its scripts.
  for (const dir of [
    '.local/share/bash-completion/completions',
    '.zsh/completions',
    '.config/fish/completions',
  ])
    mkdirSync(path.join(home, dir), { recursive: true });
});

/**
 * The candidates the README's examples name take the assessment the README's init example wrote, as it is (import
 * checks results against that very file): Ada into results/, Bob's later result into more-results/.
 */
async function takeTheAssessment(): Promise<void> {
  if (resultsReady) return;
  const assessment = path.join(cwd, 'backend-2026.yaml');
  if (!existsSync(assessment))
    throw new Error('the README takes backend-2026.yaml before `assessment init` wrote it');
  const { domains } = parseYaml(readFileSync(assessment, 'utf8')) as { domains: { count: number }[] };
  const total = domains.reduce((n, d) => n + d.count, 0);
  for (const [name, email, out] of [
    ['Ada Lovelace', 'ada@example.com', 'results'],
    ['Bob Example', 'bob@example.com', 'more-results'],
  ] as const)
    await takeAssessment({
      assessment,
      banks: SHIPPED_BANKS,
      db: path.join(folder('candidate'), `${email}.db`),
      out: folder(path.join('work', out)),
      name,
      email,
      total,
    });
  resultsReady = true;
}

/** What some examples must have produced, beyond exiting 0. */
const CHECKS: { match: RegExp; check: () => void }[] = [
  {
    match: /assessment init .*--id backend-2026/,
    check: () => {
      const text = readFileSync(path.join(cwd, 'backend-2026.yaml'), 'utf8');
      expect(text).toMatch(/^id: backend-2026\b/m);
      // The editor's schema reference resolves without publication: a path to the installation's own schema.
      const schema = /\$schema=(\S+)/.exec(text)![1]!;
      expect(schema).not.toMatch(/^https?:/);
      const target = path.resolve(cwd, schema);
      expect((JSON.parse(readFileSync(target, 'utf8')) as { properties: object }).properties).toHaveProperty(
        'id',
      );
    },
  },
  {
    match: /report --format csv --assessment backend-2026/,
    check: () => {
      const csv = readFileSync(path.join(cwd, 'scores.csv'), 'utf8');
      expect(csv).toContain('ada@example.com');
      expect(csv).toContain('bob@example.com');
    },
  },
  {
    match: /--format junit < answers.yaml > junit.xml/,
    check: () =>
      expect(readFileSync(path.join(cwd, 'junit.xml'), 'utf8').match(/<testcase /g)).toHaveLength(4),
  },
  {
    match: /--format html --out backend-2026.html/,
    check: () =>
      expect(readFileSync(path.join(cwd, 'backend-2026.html'), 'utf8')).toMatch(/^<!doctype html>/i),
  },
  {
    match: /completion bash >/,
    check: () =>
      expect(
        readFileSync(path.join(env.HOME!, '.local/share/bash-completion/completions/backend-quiz'), 'utf8'),
      ).toContain('complete -F'),
  },
];

const examples = [...shellExamples(), ...workflowSteps()];

describe('documented commands run as written', () => {
  it('finds the examples (the extraction can fail)', () => {
    expect(examples.length).toBeGreaterThan(25);
    expect(examples.some((e) => e.doc === 'docs/backend-quiz-ci.yml')).toBe(true);
    expect(documentedFiles().map((f) => f.name)).toContain('answers.yaml');
  });

  // One test per example, in document order: later examples use what earlier ones wrote (init, import).
  it.each(examples.map((e) => ({ ...e, where: `${e.doc}${e.line ? `:${e.line}` : ''}` })))(
    '$where: $command',
    async ({ command }) => {
      if (/\bresults\//.test(command)) await takeTheAssessment();
      const result = spawnSync('bash', ['--norc', '--noprofile', '-o', 'pipefail', '-c', command], {
        cwd,
        env,
        encoding: 'utf8',
        input: '',
        timeout: 60_000,
      });
      const output = `exit ${result.status}\n${result.stdout}\n${result.stderr}`;
      if (INTERACTIVE.test(command)) {
        expect(result.status, output).toBe(2);
        expect(result.stderr, output).toContain('needs a terminal');
        return;
      }
      expect(result.status, output).toBe(0);
      for (const c of CHECKS) if (c.match.test(command)) c.check();
    },
    120_000,
  );
});
