// The shipped banks compiled to JSON at build time, so start-up never parses YAML. Used only while the hash
// of every shipped bank file still matches: an edited bank falls back to the YAML loader and its checks.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bank } from '../core/bank-schema.js';
import { COMPILED_BANKS_FILE, SHIPPED_BANKS_DIR } from '../paths.js';

export { COMPILED_BANKS_FILE };

export interface CompiledBanks {
  /** File name -> SHA-256 of its bytes when compiled. */
  files: Record<string, string>;
  banks: Bank[];
}

/** The compiled banks when `paths` is exactly the folder they were compiled from and no file in it changed. */
export function readCompiledBanks(
  paths: string[],
  dir = SHIPPED_BANKS_DIR,
  compiledFile = COMPILED_BANKS_FILE,
): Bank[] | undefined {
  if (paths.length !== 1 || path.resolve(paths[0]!) !== path.resolve(dir)) return undefined;
  let compiled: CompiledBanks;
  try {
    compiled = JSON.parse(readFileSync(compiledFile, 'utf8')) as CompiledBanks;
  } catch {
    return undefined;
  }
  const names = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
  if (names.length !== Object.keys(compiled.files).length) return undefined;
  for (const name of names) {
    const hash = createHash('sha256')
      .update(readFileSync(path.join(dir, name)))
      .digest('hex');
    if (compiled.files[name] !== hash) return undefined;
  }
  return compiled.banks;
}
