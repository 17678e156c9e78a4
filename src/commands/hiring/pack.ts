// backend-quiz assessment pack: an assessment into a candidate bundle that holds no key (unless --open), recorded
// in the manager's database so that import can map the bundle's opaque option ids back and grade.
import { writeFileSync } from 'node:fs';
import { readInputFile } from '../../bank/read-input.js';
import path from 'node:path';
import { loadValidBanks } from '../../bank/banks.js';
import { readAssessment } from '../../bank/read-assessment.js';
import { assessmentPool, packBundle, smallPools } from '../../bundle/pack.js';
import type { Question } from '../../core/bank-schema.js';
import { questionHash } from '../../core/result-file.js';
import { UsageError } from '../../core/errors.js';
import { SHIPPED_BANKS_DIR } from '../../paths.js';
import { registeredAssessment } from '../../core/assessment-rules.js';
import { registerAssessment } from '../../store/assessments.js';
import { BundleStore } from '../../store/bundles.js';
import { openDatabase } from '../../store/database.js';
import { createTheme } from '../../ui/theme.js';
import { print, type CommandContext } from '../context.js';
import { absolutePaths, domainTitles } from '../session-setup.js';

export interface RunPackOptions extends CommandContext {
  assessment: string;
  out?: string;
  banks: string[];
  open: boolean;
  passphraseFile?: string;
  passphraseEnv?: string;
  env?: NodeJS.ProcessEnv;
}

export interface PackSummary {
  file: string;
  bundleId: string;
  questions: number;
  sealed: boolean;
  encrypted: boolean;
}

/** A passphrase is a line of text; a file far larger is not one. */
const MAX_PASSPHRASE_BYTES = 64 * 1024;

function readPassphrase(options: RunPackOptions): string | undefined {
  let passphrase: string | undefined;
  if (options.passphraseFile !== undefined) {
    const input = readInputFile(path.resolve(options.cwd, options.passphraseFile), MAX_PASSPHRASE_BYTES);
    if (!input.ok)
      throw new UsageError(`cannot read the passphrase file ${options.passphraseFile}: ${input.reason}`);
    passphrase = input.text.replace(/\r?\n$/, '');
  }
  if (options.passphraseEnv !== undefined) {
    passphrase = (options.env ?? process.env)[options.passphraseEnv];
    if (passphrase === undefined)
      throw new UsageError(`the environment variable ${options.passphraseEnv} (--passphrase-env) is not set`);
  }
  if (passphrase !== undefined && passphrase.trim().length < 8)
    throw new UsageError('the passphrase must have at least 8 characters');
  return passphrase;
}

/** Whether any question of the pool is one of the shipped banks', wherever the bank file was copied to. */
async function usesShippedQuestions(pool: Question[], cwd: string): Promise<boolean> {
  const shipped = await loadValidBanks([SHIPPED_BANKS_DIR], cwd);
  const hashes = new Set(shipped.flatMap((b) => b.questions.map(questionHash)));
  return pool.some((q) => hashes.has(questionHash(q)));
}

export async function runPack(options: RunPackOptions): Promise<PackSummary> {
  const passphrase = readPassphrase(options);
  const bankPaths = absolutePaths(options.banks, options.cwd);
  const banks = await loadValidBanks(bankPaths, options.cwd);
  const questions = banks.flatMap((b) => b.questions);
  const { assessment, hash } = readAssessment(
    path.resolve(options.cwd, options.assessment),
    options.assessment,
    questions,
  );
  if (assessment.adaptive && !options.open)
    throw new UsageError(
      `${options.assessment} is adaptive: it chooses each question from whether the previous answer was right, which needs the answer key on the candidate's machine, so it cannot be sealed (--open packs the keys, unsealed)`,
    );
  const theme = createTheme(options.color);
  const warn = (text: string) => print(options.stderr, theme.yellow(`warning: ${text}`));

  if (await usesShippedQuestions(assessmentPool(assessment, questions), options.cwd))
    print(
      options.stderr,
      theme.yellow(
        'notice: these questions come from the shipped banks, whose keys are public (they ship in the npm package): fine for practice and screening; hiring decisions need private banks (see the README).',
      ),
    );
  for (const p of smallPools(assessment, questions))
    warn(
      `${p.domain}: each candidate draws ${p.drawn} of ${p.pool} questions (fewer than 3 × ${p.drawn}); candidates will see many of the same questions and can pass them on`,
    );
  if (options.open)
    warn('--open packs the answer keys: this bundle is not sealed, and anyone who has it can read every key');
  else if (assessment.showExplanations)
    warn('showExplanations is off in a sealed bundle: explanations are key material');

  const packed = packBundle({
    assessment,
    assessmentHash: hash,
    questions,
    titles: domainTitles(banks),
    open: options.open,
    ...(passphrase !== undefined ? { passphrase } : {}),
    now: options.now(),
  });
  const source = path.resolve(options.cwd, options.assessment);
  const file = options.out
    ? path.resolve(options.cwd, options.out)
    : path.join(path.dirname(source), `${path.basename(source).replace(/\.ya?ml$/i, '')}.bundle.json`);
  const db = openDatabase(options.dbPath);
  try {
    // Recorded before the file is written: a bundle sent out must always be gradable. The assessment is registered
    // with it, since import checks every result against the manager's own copy.
    db.transaction(() => {
      registerAssessment(db, registeredAssessment(assessment, hash, questions), packed.record.createdAt);
      new BundleStore(db).add(packed.record);
    }).immediate();
  } finally {
    db.close();
  }
  try {
    writeFileSync(file, packed.text);
  } catch (error) {
    throw new UsageError(
      `cannot write the bundle ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const shown = path.relative(options.cwd, file) || file;
  const kind = `${packed.record.sealed ? 'sealed' : 'open'}${passphrase !== undefined ? ', encrypted' : ''}`;
  print(
    options.stdout,
    `Bundle ${packed.record.id} written to ${shown} (${kind}): ${packed.record.pool.length} questions in its pool.\nImport its results with this database: --db ${options.dbPath}`,
  );
  return {
    file,
    bundleId: packed.record.id,
    questions: packed.record.pool.length,
    sealed: packed.record.sealed,
    encrypted: passphrase !== undefined,
  };
}
