// Packing an assessment into a candidate bundle: the pool it can draw from, options shuffled and renamed with
// fresh randomness, and the record that maps them back, which stays with the hiring manager.
import { randomBytes, randomInt } from 'node:crypto';
import type { Assessment } from '../core/assessment.js';
import { listIds } from '../core/assessment-rules.js';
import { UsageError } from '../core/errors.js';
import type { Question } from '../core/bank-schema.js';
import { shuffle, type Random } from '../core/random.js';
import { questionHash, sha256 } from '../core/result-file.js';
import { encryptContent } from './encrypt.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_KIND,
  contentDigest,
  visibleHash,
  type BundleContent,
  type BundleFile,
  type BundleQuestion,
} from './schema.js';

/** What the manager keeps of one pooled question: how to grade what comes back. */
export interface PoolEntry {
  id: string;
  domain: string;
  /** questionHash at packing time (it covers the key): import refuses to grade against changed questions. */
  hash: string;
  visibleHash: string;
  /** Opaque option id in the bundle -> the option id in the bank. */
  options: Record<string, string>;
}

/** A packed bundle as the manager's database records it. */
export interface BundleRecord {
  id: string;
  assessmentId: string;
  assessmentHash: string;
  sealed: boolean;
  encrypted: boolean;
  /** SHA-256 of the bundle file's bytes. */
  bundleHash: string;
  settings: Assessment;
  pool: PoolEntry[];
  createdAt: string;
}

/** Unpredictable to the candidate: a seeded generator could be re-run to undo the shuffle. */
const cryptoRandom: Random = () => randomInt(0, 2 ** 47) / 2 ** 47;

/** Every question the assessment can draw: listed questions, or the whole domain for a draw. */
export function assessmentPool(assessment: Assessment, questions: readonly Question[]): Question[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const pool = new Map<string, Question>();
  for (const domain of assessment.domains) {
    const members = domain.questions
      ? domain.questions.map((id) => byId.get(id)!)
      : questions.filter((q) => q.domain === domain.id);
    for (const q of members) pool.set(q.id, q);
  }
  return [...pool.values()];
}

/** Domains whose per-candidate draw takes more than a third of their pool: candidates would share most questions. */
export function smallPools(
  assessment: Assessment,
  questions: readonly Question[],
): { domain: string; pool: number; drawn: number }[] {
  if (assessment.seedPolicy !== 'per-candidate' && !assessment.adaptive) return [];
  return assessment.domains.flatMap((d) => {
    if (d.count === undefined) return [];
    const pool = questions.filter((q) => q.domain === d.id).length;
    return pool < 3 * d.count ? [{ domain: d.id, pool, drawn: d.count }] : [];
  });
}

function opaqueIds(count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(randomBytes(4).toString('hex'));
  return [...ids];
}

/** The key of an open bundle, in the bundle's terms: opaque option ids, or as written for text and lines. */
function openKey(question: Question, toOpaque: ReadonlyMap<string, string>): string[] {
  if (question.type === 'text' || question.type === 'lines') return question.answer;
  return question.answer.map((a) => toOpaque.get(a)!);
}

/**
 * What a candidate needs of a hands-on question, and nothing more. A sql task's check data, reference and
 * mistakes are key material that never leaves the manager's machine, in any bundle: the result is graded by
 * running the query there. Fields are copied one by one so that a field added to the task later stays out
 * until someone decides it may travel.
 */
function handsOn(question: Question): Pick<BundleQuestion, 'code' | 'sql'> {
  if (question.type === 'lines' && question.code)
    return {
      code: {
        text: question.code.text,
        ...(question.code.language !== undefined ? { language: question.code.language } : {}),
      },
    };
  if (question.type === 'sql' && question.sql)
    return { sql: { schema: question.sql.schema, sample: question.sql.sample } };
  return {};
}

function packQuestion(question: Question, open: boolean): { question: BundleQuestion; entry: PoolEntry } {
  // True comes before False everywhere: that order carries no clue, and the engine keeps it. The steps of an
  // order question are shuffled like any options: listed in the bank, they could sit in the key's order.
  const ordered = question.type === 'true-false' ? question.options : shuffle(question.options, cryptoRandom);
  const ids = opaqueIds(ordered.length);
  const toOpaque = new Map(ordered.map((o, i) => [o.id, ids[i]!]));
  const options = ordered.map((o) => ({ id: toOpaque.get(o.id)!, text: o.text }));
  const packed: BundleQuestion = {
    id: question.id,
    domain: question.domain,
    type: question.type,
    difficulty: question.difficulty,
    prompt: question.prompt,
    options,
    ...handsOn(question),
    contentHash: visibleHash(question),
    ...(open
      ? {
          answer: openKey(question, toOpaque),
          explanation: question.explanation,
          references: question.references,
        }
      : {}),
  };
  return {
    question: packed,
    entry: {
      id: question.id,
      domain: question.domain,
      hash: questionHash(question),
      visibleHash: packed.contentHash,
      options: Object.fromEntries(ordered.map((o) => [toOpaque.get(o.id)!, o.id])),
    },
  };
}

export interface PackInput {
  assessment: Assessment;
  assessmentHash: string;
  questions: readonly Question[];
  titles: Record<string, string>;
  /** Pack the keys too (adaptive assessments need them); the bundle is then not sealed. */
  open: boolean;
  passphrase?: string;
  now: number;
}

export interface PackedBundle {
  text: string;
  record: BundleRecord;
}

export function packBundle(input: PackInput): PackedBundle {
  const sealed = !input.open;
  // Explanations are key material: a sealed bundle never shows them.
  const assessment = sealed ? { ...input.assessment, showExplanations: false } : input.assessment;
  const pool = assessmentPool(assessment, input.questions);
  // An open bundle is graded on the candidate's machine, which for a sql task needs its check data and
  // reference there: they never travel, so a sql task can only go out sealed.
  const sql = pool.filter((q) => q.type === 'sql').map((q) => q.id);
  if (input.open && sql.length > 0)
    throw new UsageError(
      `an open bundle cannot hold sql tasks (${listIds(sql)}): it is graded on the candidate's machine, and a sql task's check data and reference never leave yours; pack it sealed${assessment.adaptive ? ' (an adaptive assessment needs --open, so it cannot draw sql tasks)' : ''}`,
    );
  const packed = pool.map((q) => packQuestion(q, input.open));
  const domains = [...new Set(packed.map((p) => p.question.domain))];
  const content: BundleContent = {
    assessment,
    assessmentHash: input.assessmentHash,
    domains: domains.map((id) => ({ id, title: input.titles[id] ?? id })),
    // In bank order: a same-for-all seed then draws the same questions from every bundle of the assessment.
    questions: packed.map((p) => p.question),
  };
  const header = {
    kind: BUNDLE_KIND,
    format: BUNDLE_FORMAT,
    id: randomBytes(8).toString('hex'),
    sealed,
  } as const;
  const file: BundleFile =
    input.passphrase === undefined
      ? { ...header, content, digest: contentDigest(content) }
      : { ...header, ...encryptContent(JSON.stringify(content), input.passphrase, header) };
  const text = `${JSON.stringify(file)}\n`;
  return {
    text,
    record: {
      id: header.id,
      assessmentId: assessment.id,
      assessmentHash: input.assessmentHash,
      sealed,
      encrypted: input.passphrase !== undefined,
      bundleHash: sha256(text),
      settings: assessment,
      pool: packed.map((p) => p.entry),
      createdAt: new Date(input.now).toISOString(),
    },
  };
}
