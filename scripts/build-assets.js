// Build step after tsc: writes the JSON Schema of banks from the zod schema (the single source of truth).
import { mkdirSync, writeFileSync } from 'node:fs';
import { bankJsonSchema } from '../dist/core/bank-schema.js';
import { assessmentJsonSchema } from '../dist/core/assessment.js';

const root = new URL('../', import.meta.url);
mkdirSync(new URL('schema/', root), { recursive: true });
const schema = { title: 'backend-quiz question bank', ...bankJsonSchema() };
writeFileSync(new URL('schema/question-bank.schema.json', root), `${JSON.stringify(schema, null, 2)}\n`);
const assessment = { title: 'backend-quiz assessment', ...assessmentJsonSchema() };
writeFileSync(new URL('schema/assessment.schema.json', root), `${JSON.stringify(assessment, null, 2)}\n`);
