#!/usr/bin/env node
// Prints a bank as a blind-review sheet: every question with its options, without keys or explanations.
// The reviewer answers in the answers-file format of `backend-quiz run`, and
//   backend-quiz run --answers <their file> --format json --no-record
// lists every question where the reviewer and the key disagree.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node scripts/review-sheet.js question-banks/<domain>.yaml > sheet.md\n');
  process.exit(2);
}
const bank = parse(readFileSync(file, 'utf8'));
const out = [`# Blind review: ${bank.title} (${bank.questions.length} questions)`, ''];
out.push(
  'Answer every question in a YAML file: `<question id>: <option id>` (single), `[<ids>]` (multiple),',
);
out.push(
  '`true`/`false` (true-false), or the text (text). Add `# doubt: ...` comments where an item is ambiguous.',
  '',
);
for (const q of bank.questions) {
  out.push(`## ${q.id} (${q.type}, ${q.difficulty})`, '', q.prompt.trim(), '');
  for (const o of q.options ?? []) out.push(`- \`${o.id}\`: ${o.text}`);
  out.push('');
}
process.stdout.write(out.join('\n'));
