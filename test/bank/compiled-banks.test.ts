// The compiled shipped banks are the YAML banks, and an edited or added bank file makes the loader fall back to YAML.
import { appendFileSync, copyFileSync, cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED_BANKS_FILE, readCompiledBanks } from '../../src/bank/compiled-banks.js';
import { loadValidBanksFromYaml } from '../../src/bank/load-banks.js';
import { SHIPPED_BANKS, SMALL_BANKS, tempDir } from '../helpers/fixtures.js';

describe('compiled banks', () => {
  it('match the shipped YAML banks exactly', () => {
    // `npm test` builds first, so dist/banks.json exists.
    const compiled = readCompiledBanks([SHIPPED_BANKS]);
    expect(compiled).toBeDefined();
    expect(compiled).toEqual(loadValidBanksFromYaml([SHIPPED_BANKS], SHIPPED_BANKS));
  });

  it('are not used for other folders', () => {
    expect(readCompiledBanks([SMALL_BANKS])).toBeUndefined();
  });

  it.each([
    ['a bank file edited', (dir: string) => appendFileSync(path.join(dir, 'alpha.yaml'), '\n# edited\n')],
    [
      'a bank file added',
      (dir: string) => copyFileSync(path.join(dir, 'beta.yaml'), path.join(dir, 'gamma.yaml')),
    ],
  ])('fall back when %s', (_name, change) => {
    const dir = tempDir();
    cpSync(SMALL_BANKS, dir, { recursive: true });
    const banks = loadValidBanksFromYaml([dir], dir);
    const compiledFile = path.join(dir, 'compiled.json');
    const files = Object.fromEntries(banks.map((b) => [path.basename(b.file), b.hash]));
    writeFileSync(compiledFile, JSON.stringify({ files, banks }));
    expect(readCompiledBanks([dir], dir, compiledFile)).toEqual(banks);
    change(dir);
    expect(readCompiledBanks([dir], dir, compiledFile)).toBeUndefined();
  });

  it('the compiled file sits in dist', () => expect(COMPILED_BANKS_FILE).toMatch(/dist[\\/]banks\.json$/));
});
