// backend-quiz assessment init: writes a commented assessment file a hiring manager edits and sends.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadValidBanks } from '../../bank/banks.js';
import { newAssessmentId } from '../../core/assessment.js';
import { SLUG, type Question, type QuestionType } from '../../core/bank-schema.js';
import { UsageError } from '../../core/errors.js';
import { ASSESSMENT_SCHEMA_FILE } from '../../paths.js';
import { print, type CommandContext } from '../context.js';
import { absolutePaths, checkTopics, newSeed } from '../session-setup.js';

export interface RunAssessmentInitOptions extends CommandContext {
  out: string;
  force: boolean;
  id?: string;
  title: string;
  topics?: string[];
  perDomain: number;
  banks: string[];
}

/**
 * Minutes a question takes, by type: a recognition question about a minute and a half, marking lines of code a
 * little more, and a SQL task (reading the schema and data, writing, running and fixing a query) several.
 */
export const MINUTES_PER_QUESTION: Partial<Record<QuestionType, number>> & { default: number } = {
  sql: 6,
  lines: 2,
  default: 1.5,
};

/** The time a draw of `count` questions from each domain needs, at each domain's mean minutes per question. */
export function suggestedMinutes(banks: { domain: string; questions: Question[] }[], count: number): number {
  let minutes = 0;
  for (const bank of banks) {
    if (bank.questions.length === 0) continue;
    const total = bank.questions.reduce(
      (sum, q) => sum + (MINUTES_PER_QUESTION[q.type] ?? MINUTES_PER_QUESTION.default),
      0,
    );
    minutes += (count * total) / bank.questions.length;
  }
  // Whole five minutes: a limit a person reads and says out loud.
  return Math.max(5, Math.ceil(minutes / 5) * 5);
}

export function assessmentTemplate(o: {
  id: string;
  title: string;
  domains: string[];
  perDomain: number;
  timeLimit: number;
  seed: number;
  /** Where editors find the JSON Schema, relative to the file. */
  schema: string;
}): string {
  return `# yaml-language-server: $schema=${o.schema}
# A backend-quiz assessment. Pack it (backend-quiz assessment pack <this file>) and send candidates the bundle;
# they run: backend-quiz take <the bundle>
format: 1
id: ${o.id}     # unique; result files and reports name the assessment by it (with a hash of this file's text)
title: ${JSON.stringify(o.title)}
domains:                        # per domain: count (a draw) or questions (exact question ids)
${o.domains.map((d) => `  - id: ${d}\n    count: ${o.perDomain}`).join('\n')}
difficulty:                     # share of each level in every drawn domain, in percent (adds up to 100)
  junior: 30
  mid: 40
  senior: 30
timeLimit: ${o.timeLimit}                   # minutes of wall time from the start; the clock runs even while the program is closed
passMark: 70                    # percent needed to pass
showExplanations: false         # true lets candidates review missed questions with explanations at the end
seedPolicy: per-candidate       # per-candidate: each candidate gets their own draw; same-for-all: everyone gets the draw of seed
seed: ${o.seed}
adaptive: false                 # true: each question chosen by the ability estimate; counts become target shares
`;
}

export async function runAssessmentInit(options: RunAssessmentInitOptions): Promise<string> {
  if (options.id !== undefined && !SLUG.test(options.id))
    throw new UsageError(
      `--id ${options.id}: an assessment id uses lower-case letters, digits and single dashes (e.g. backend-2026)`,
    );
  const target = path.resolve(options.cwd, options.out);
  if (existsSync(target) && !options.force)
    throw new UsageError(`${options.out} already exists; use --force to overwrite it`);
  const banks = await loadValidBanks(absolutePaths(options.banks, options.cwd), options.cwd);
  const topics = options.topics ?? banks.map((b) => b.domain);
  checkTopics(topics, banks);
  // The schema this very installation ships (a clone, a global or a local install), relative to the file so
  // the file names no home folder; the package needs no publication for editors to check the file.
  const schema = path.relative(path.dirname(target), ASSESSMENT_SCHEMA_FILE).split(path.sep).join('/');
  const text = assessmentTemplate({
    schema: schema.startsWith('.') ? schema : `./${schema}`,
    id:
      options.id ??
      newAssessmentId(options.title, randomBytes(4).readUInt32BE().toString(36).padStart(6, '0')),
    title: options.title,
    domains: topics,
    perDomain: options.perDomain,
    timeLimit: suggestedMinutes(
      banks.filter((b) => topics.includes(b.domain)),
      options.perDomain,
    ),
    seed: newSeed(),
  });
  try {
    writeFileSync(target, text);
  } catch (error) {
    throw new UsageError(
      `cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  print(
    options.stdout,
    `Wrote ${options.out}: ${topics.length} domain(s), ${topics.length * options.perDomain} questions. Edit it, then pack it for candidates (backend-quiz assessment pack ${options.out}).`,
  );
  return target;
}
