// Build step after tsc: writes the JSON Schemas of banks, assessments and bundles from their zod schemas (the single
// source of truth).
import { mkdirSync, writeFileSync } from 'node:fs';
import { bankJsonSchema } from '../dist/core/bank-schema.js';
import { assessmentJsonSchema } from '../dist/core/assessment.js';
import { bundleJsonSchema } from '../dist/bundle/schema.js';
import { loadBanks } from '../dist/bank/load-banks.js';
import { COMPILED_BANKS_FILE } from '../dist/bank/compiled-banks.js';
import { SHIPPED_BANKS_DIR } from '../dist/paths.js';
import { basename } from 'node:path';

const root = new URL('../', import.meta.url);
mkdirSync(new URL('schema/', root), { recursive: true });
const schema = { title: 'backend-quiz question bank', ...bankJsonSchema() };
writeFileSync(new URL('schema/question-bank.schema.json', root), `${JSON.stringify(schema, null, 2)}\n`);
const assessment = { title: 'backend-quiz assessment', ...assessmentJsonSchema() };
writeFileSync(new URL('schema/assessment.schema.json', root), `${JSON.stringify(assessment, null, 2)}\n`);
const bundle = { title: 'backend-quiz candidate bundle', ...bundleJsonSchema() };
writeFileSync(new URL('schema/bundle.schema.json', root), `${JSON.stringify(bundle, null, 2)}\n`);

// The shipped banks as JSON, so start-up never parses YAML. Not written when a bank has problems:
// the tool then loads the YAML and reports them.
const shipped = loadBanks({ paths: [SHIPPED_BANKS_DIR], cwd: SHIPPED_BANKS_DIR });
if (shipped.problems.length > 0) {
  process.stderr.write(
    `question-banks has ${shipped.problems.length} problem(s); run backend-quiz validate. Banks not compiled.\n`,
  );
} else {
  const files = Object.fromEntries(shipped.banks.map((b) => [basename(b.file), b.hash]));
  writeFileSync(COMPILED_BANKS_FILE, JSON.stringify({ files, banks: shipped.banks }));
}
