// Every test run gets its own user data folder, so a test that does not pass --db never touches the real one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const dataHome = mkdtempSync(path.join(tmpdir(), 'backend-quiz-data-'));
  process.env.XDG_DATA_HOME = dataHome;
  delete process.env.BACKEND_QUIZ_DB;
  return () => rmSync(dataHome, { recursive: true, force: true });
}
