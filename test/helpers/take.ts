// Takes an assessment in a pseudo-terminal as a candidate would, and returns the result file written.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { answerQuestion, KEY, PtySession } from './pty.js';

export async function takeAssessment(o: {
  assessment: string;
  banks: string;
  db: string;
  out: string;
  name: string;
  email: string;
  total: number;
  /** Adaptive sessions label questions "n/≤total". */
  adaptive?: boolean;
}): Promise<string> {
  const of = o.adaptive ? `≤${o.total}` : String(o.total);
  const before = new Set(readdirSync(o.out));
  const s = new PtySession(['take', o.assessment, '--banks', o.banks, '--db', o.db, '--out', o.out]);
  // An assessment file with banks is an open run: the candidate is told the key is on this machine.
  await s.waitFor('Open, practice-style run');
  await s.waitFor('Your name');
  s.write(o.name + KEY.enter);
  await s.waitFor('Your email');
  s.write(o.email + KEY.enter);
  for (let n = 1; n <= o.total; n++) await answerQuestion(s, n, of, n % 2 === 0 ? 'second' : 'first');

  await s.waitFor('Result written to');
  const { exitCode } = await s.wait();
  if (exitCode !== 0) throw new Error(`take exited ${exitCode}:\n${s.text}`);
  const added = readdirSync(o.out).filter((f) => !before.has(f) && f.endsWith('.json'));
  if (added.length !== 1) throw new Error(`expected one new result file, got ${added.join(', ')}`);
  return path.join(o.out, added[0]!);
}
