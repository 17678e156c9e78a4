// Baseline for the validate benchmark: a bare parse of the same YAML files, nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const dir = process.argv[2];
let questions = 0;
for (const name of readdirSync(dir).sort())
  questions += parse(readFileSync(path.join(dir, name), 'utf8')).questions.length;
if (questions === 0) process.exit(1);
