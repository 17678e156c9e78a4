// The shipped banks compiled to JSON at build time, so start-up never parses YAML. Used only while the hash
// of every shipped bank file still matches: an edited bank falls back to the YAML loader and its checks.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bank } from '../core/bank-schema.js';
import { SHIPPED_BANKS_DIR } from '../paths.js';

export const COMPILED_BANKS_FILE = fileURLToPath(new URL('../banks.json', import.meta.url));

export interface CompiledBanks {
  /** File name -> SHA-256 of its bytes when compiled. */
  files: Record<string, string>;
  banks: Bank[];
}

function isShipped(paths: string[]): boolean {
  return paths.length === 1 && path.resolve(paths[0]!) === path.resolve(SHIPPED_BANKS_DIR);
}

export function readCompiledBanks(paths: string[]): Bank[] | undefined {
  if (!isShipped(paths)) return undefined;
  let compiled: CompiledBanks;
  try {
    compiled = JSON.parse(readFileSync(COMPILED_BANKS_FILE, 'utf8')) as CompiledBanks;
  } catch {
    return undefined;
  }
  const names = readdirSync(SHIPPED_BANKS_DIR)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
  if (names.length !== Object.keys(compiled.files).length) return undefined;
  for (const name of names) {
    const hash = createHash('sha256')
      .update(readFileSync(path.join(SHIPPED_BANKS_DIR, name)))
      .digest('hex');
    if (compiled.files[name] !== hash) return undefined;
  }
  return compiled.banks;
}
