// Where the package's own files are, relative to the built dist/ folder. No heavy imports: cli.ts uses it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHIPPED_BANKS_DIR = fileURLToPath(new URL('../question-banks', import.meta.url));
/** The JSON Schema of assessment files, shipped in the package (written by the build). */
export const ASSESSMENT_SCHEMA_FILE = fileURLToPath(
  new URL('../schema/assessment.schema.json', import.meta.url),
);
/** Written by the build; the same path whether this module runs from src/ (tests) or dist/. */
export const COMPILED_BANKS_FILE = fileURLToPath(new URL('../dist/banks.json', import.meta.url));

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
