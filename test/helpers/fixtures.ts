// Paths and temporary folders shared by tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'backend-quiz.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const SMALL_BANKS = path.join(FIXTURES, 'banks', 'small');
export const BAD_BANKS = path.join(FIXTURES, 'banks', 'bad');
export const SHIPPED_BANKS = path.join(ROOT, 'question-banks');

const made: string[] = [];
afterEach(() => {
  while (made.length > 0) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A fresh folder removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'backend-quiz-test-'));
  made.push(dir);
  return dir;
}
