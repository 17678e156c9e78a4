// A program that used the sandbox ends by itself, and its child process with it: scripts against the built dist/.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SANDBOX = pathToFileURL(path.resolve('dist/sandbox/sandbox.js')).href;
const dir = mkdtempSync(path.join(tmpdir(), 'backend-quiz-sandbox-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const prelude = `
import { Sandbox } from ${JSON.stringify(SANDBOX)};
const setup = { schema: 'CREATE TABLE t (a INT)', data: 'INSERT INTO t VALUES (1)' };
const endless = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r';
`;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

/** Runs a script; a script that does not end within `limitMs` is killed, and the test sees the signal. */
function runScript(
  body: string,
  limitMs = 20_000,
  onLine?: (line: string, kill: () => void) => void,
): Promise<Ended> {
  const file = path.join(dir, `script-${Math.random().toString(16).slice(2)}.mjs`);
  writeFileSync(file, prelude + body);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (onLine && chunk.includes('\n')) onLine(stdout, () => child.kill('SIGKILL'));
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout });
    });
  });
}

/** Gone, or a zombie nobody reaps (some containers' init does not): either way it runs no more. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function endsWithin(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!running(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !running(pid);
}

describe('a program that used the sandbox', () => {
  it('ends by itself after a timed-out query and a next query, without close()', async () => {
    const ended = await runScript(`
      const sandbox = new Sandbox({ timeMs: 300 });
      console.log((await sandbox.run(setup, endless)).kind);
      console.log(JSON.stringify((await sandbox.run(setup, 'SELECT a FROM t')).rows));
      console.log(sandbox.pid);
    `);
    expect(ended).toMatchObject({ code: 0, signal: null });
    const [kind, rows, pid] = ended.stdout.trim().split('\n');
    expect(kind).toBe('timeout');
    expect(rows).toBe('[[1]]');
    // The idle child sees its channel close and ends too.
    expect(await endsWithin(Number(pid), 10_000)).toBe(true);
  });

  it('ends by itself after close()', async () => {
    const ended = await runScript(`
      const sandbox = new Sandbox();
      console.log((await sandbox.run(setup, 'SELECT a FROM t')).ok);
      const pid = sandbox.pid;
      await sandbox.close();
      console.log(pid);
    `);
    expect(ended).toMatchObject({ code: 0, signal: null });
    const [ok, pid] = ended.stdout.trim().split('\n');
    expect(ok).toBe('true');
    expect(running(Number(pid))).toBe(false);
  });

  it('ends by itself when it closes the sandbox during an endless query', async () => {
    const ended = await runScript(`
      const sandbox = new Sandbox({ timeMs: 60_000 });
      const pending = sandbox.run(setup, endless);
      setTimeout(() => sandbox.close(), 300);
      console.log((await pending).message);
    `);
    expect(ended).toMatchObject({ code: 0, signal: null, stdout: 'the sandbox was closed\n' });
  });

  it('leaves no query running when it is killed in the middle of one', async () => {
    let pid = 0;
    const ended = await runScript(
      `
      const sandbox = new Sandbox({ timeMs: 600_000 });
      const pending = sandbox.run(setup, endless);
      // Half a second in, the child is deep inside SQLite.
      setTimeout(() => console.log(sandbox.pid), 500);
      await pending;
    `,
      20_000,
      (stdout, kill) => {
        pid = Number(stdout.trim());
        kill();
      },
    );
    expect(ended.signal).toBe('SIGKILL');
    expect(pid).toBeGreaterThan(0);
    expect(await endsWithin(pid, 10_000)).toBe(true);
  });
});
