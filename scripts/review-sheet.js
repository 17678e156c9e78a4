#!/usr/bin/env node
// Prints a bank as a blind-review sheet: every question with its options, without keys or explanations.
// The reviewer answers in the answers-file format of `backend-quiz run`, and
//   backend-quiz run --answers <their file> --format json --no-record
// lists every question where the reviewer and the key disagree.
//   --types sql,lines,order   only questions of these types
// A sql task shows its schema and sample data only (check data, reference and mistakes are the key); the steps
// of an order question are shuffled, since the bank may list them in the key's order.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const args = process.argv.slice(2);
const typesAt = args.indexOf('--types');
const types = typesAt >= 0 ? new Set((args.splice(typesAt, 2)[1] ?? '').split(',')) : null;
const file = args[0];
if (!file) {
  process.stderr.write(
    'usage: node scripts/review-sheet.js question-banks/<domain>.yaml [--types sql,lines,order] > sheet.md\n',
  );
  process.exit(2);
}
const bank = parse(readFileSync(file, 'utf8'));
const questions = bank.questions.filter((q) => !types || types.has(q.type));
const out = [`# Blind review: ${bank.title} (${questions.length} questions)`, ''];
out.push(
  'Answer every question in a YAML file: `<question id>: <option id>` (single), `[<ids>]` (multiple),',
  '`true`/`false` (true-false), the text (text), `[<line numbers>]` (lines), `[<ids in order>]` (order) or',
  'the query as a block scalar (sql: `<id>: |` then the query, run on SQLite). Add `# doubt: ...` comments',
  'where an item is ambiguous.',
  '',
);
/** A fixed shuffle (seeded by the id), so the sheet is the same every time it is printed. */
function shuffled(list, seed) {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    const j = h % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
for (const q of questions) {
  out.push(`## ${q.id} (${q.type}, ${q.difficulty})`, '', q.prompt.trim(), '');
  if (q.type === 'lines') {
    const lines = (q.code ?? '').replace(/\n$/, '').split('\n');
    out.push(
      `\`\`\`${q.language ?? ''}`,
      ...lines.map((l, i) => `${String(i + 1).padStart(2)} | ${l}`),
      '```',
      '',
    );
  }
  if (q.type === 'sql') {
    out.push('Schema:', '```sql', q.schema.trim(), '```', 'Sample data:', '```sql', q.sample.trim(), '```');
    if (q.ordered) out.push('Rows are compared in order.');
    out.push('');
  }
  const options = q.type === 'order' ? shuffled(q.options ?? [], q.id) : (q.options ?? []);
  for (const o of options) out.push(`- \`${o.id}\`: ${o.text}`);
  out.push('');
}
process.stdout.write(out.join('\n'));
