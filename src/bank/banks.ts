// The banks a command runs on: the compiled shipped banks when they are current, else the YAML loader
// (imported only then, so a quiz on the shipped banks never loads the YAML parser or the schema library).
import type { Bank } from '../core/bank-schema.js';
import { readCompiledBanks } from './compiled-banks.js';

export async function loadValidBanks(paths: string[], cwd: string): Promise<Bank[]> {
  const compiled = readCompiledBanks(paths);
  if (compiled) return compiled;
  const { loadValidBanksFromYaml } = await import('./load-banks.js');
  return loadValidBanksFromYaml(paths, cwd);
}
