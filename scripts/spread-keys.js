#!/usr/bin/env node
// Reorders the options of a bank's single- and multiple-choice questions so that the keys are spread over the
// positions (what `validate --strict` checks in its key-position rule). Only option order changes: every other
// byte of the file is kept, because options are moved as slices of the source text found by the yaml parser.
// Deterministic: the same file always gives the same order.
//   node scripts/spread-keys.js question-banks/<domain>.yaml [...]     (rewrites the files in place)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: node scripts/spread-keys.js <bank.yaml> [...]\n');
  process.exit(2);
}

/** A generator seeded from a string (mulberry32), so ties break the same way on every run. */
function seeded(text) {
  let a = createHash('sha256').update(text).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every k-subset of 0..n-1. */
function subsets(n, k, from = 0) {
  if (k === 0) return [[]];
  const out = [];
  for (let i = from; i <= n - k; i++) for (const rest of subsets(n, k - 1, i + 1)) out.push([i, ...rest]);
  return out;
}

function spread(file) {
  const source = readFileSync(file, 'utf8');
  const doc = parseDocument(source);
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
  const questions = doc.get('questions', true);
  if (!isSeq(questions)) return 0;
  // count[p]: questions with a key at p so far; expected[p]: what uniform placement would have given.
  const count = [];
  const expected = [];
  const edits = [];
  for (const question of questions.items) {
    if (!isMap(question)) continue;
    const type = question.get('type');
    const options = question.get('options', true);
    if ((type !== 'single' && type !== 'multiple') || !isSeq(options)) continue;
    const answer = question.get('answer', true);
    const keys = new Set(
      isSeq(answer) ? answer.items.map((k) => String(isScalar(k) ? k.value : k)) : [String(answer?.value)],
    );
    const items = options.items;
    const ids = items.map((o) => String(isMap(o) ? o.get('id') : ''));
    const n = items.length;
    const k = ids.filter((id) => keys.has(id)).length;
    if (k === 0 || k === n) continue;
    for (let p = 0; p < n; p++) expected[p] = (expected[p] ?? 0) + k / n;

    // The key positions that keep the running counts closest to uniform; ties broken at random.
    const random = seeded(String(question.get('id')));
    let best;
    let bestCost = Infinity;
    for (const positions of subsets(n, k)) {
      let cost = 0;
      for (let p = 0; p < expected.length; p++) {
        const c = (count[p] ?? 0) + (positions.includes(p) ? 1 : 0);
        cost += (c - expected[p]) ** 2;
      }
      cost += random() * 1e-6;
      if (cost < bestCost) [best, bestCost] = [positions, cost];
    }
    for (const p of best) count[p] = (count[p] ?? 0) + 1;

    // Keys go to the chosen positions and distractors to the rest, each group in its original order.
    const keyItems = items.filter((_, i) => keys.has(ids[i]));
    const others = items.filter((_, i) => !keys.has(ids[i]));
    const order = Array.from({ length: n }, (_, p) => (best.includes(p) ? keyItems.shift() : others.shift()));
    order.forEach((item, p) => {
      const at = items[p];
      if (item !== at)
        edits.push({ from: at.range[0], to: at.range[1], text: source.slice(item.range[0], item.range[1]) });
    });
  }
  edits.sort((a, b) => b.from - a.from);
  let out = source;
  for (const { from, to, text } of edits) out = out.slice(0, from) + text + out.slice(to);
  writeFileSync(file, out);
  return edits.length;
}

for (const file of files) process.stdout.write(`${file}: ${spread(file)} option(s) moved\n`);
