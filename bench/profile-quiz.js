// Development aid: writes a CPU profile of a quiz from start to the first question (then Ctrl-C).
// node bench/profile-quiz.js <profile-dir>
import { spawn } from 'node-pty';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/backend-quiz.js', import.meta.url));
const dir = process.argv[2] ?? 'profiles';
const p = spawn(
  process.execPath,
  ['--cpu-prof', `--cpu-prof-dir=${dir}`, bin, 'quiz', '--db', `${dir}/quiz.db`, '-n', '5'],
  { env: { ...process.env, NO_COLOR: '1' } },
);
let buf = '';
let sent = false;
p.onData((d) => {
  buf += d;
  if (!sent && buf.includes('1/5 ·')) {
    sent = true;
    p.write('\x03');
  }
});
p.onExit(() => console.log(`profile written to ${dir}`));
