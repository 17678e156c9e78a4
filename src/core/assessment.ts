// Assessments: the file a hiring manager sends, and how it turns into the questions of one candidate's session.
import { z } from 'zod';
import { DIFFICULTIES, SLUG, type Difficulty, type Question } from './bank-schema.js';
import { shuffle, type Random } from './random.js';
import { toQuizItem, type QuizItem } from './selection.js';

export const ASSESSMENT_FORMAT = 1;
export const SEED_POLICIES = ['per-candidate', 'same-for-all'] as const;

const slug = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .regex(SLUG, { error: `${what} must use lower-case letters, digits and single dashes` });

export const assessmentDomainSchema = z
  .strictObject({
    id: slug('domain id').describe('A bank domain id (see backend-quiz banks).'),
    count: z
      .int({ error: 'count must be a whole number' })
      .min(1, { error: 'count must be at least 1' })
      .optional()
      .describe('Questions drawn from this domain.'),
    questions: z
      .array(slug('question id'), { error: 'questions must be a list of question ids' })
      .min(1)
      .optional()
      .describe('Exactly these questions instead of a draw.'),
  })
  .refine((d) => (d.count === undefined) !== (d.questions === undefined), {
    error: 'give either count or questions for a domain, not both or neither',
  });

export const assessmentSchema = z
  .strictObject({
    format: z.literal(ASSESSMENT_FORMAT, { error: `format must be ${ASSESSMENT_FORMAT}` }),
    id: slug('id').describe('Stable id; result files and reports name the assessment by it.'),
    title: z.string().trim().min(1, { error: 'title must not be empty' }),
    domains: z
      .array(assessmentDomainSchema, { error: 'domains must be a list' })
      .min(1, { error: 'an assessment needs at least one domain' }),
    difficulty: z
      .strictObject({ junior: z.number().min(0), mid: z.number().min(0), senior: z.number().min(0) })
      .refine((m) => Math.abs(m.junior + m.mid + m.senior - 100) < 1e-9, {
        error: 'the difficulty mix must add up to 100 (percent)',
      })
      .optional()
      .describe('Share of junior, mid and senior questions in each drawn domain, in percent.'),
    timeLimit: z
      .number()
      .positive({ error: 'timeLimit is in minutes and must be above 0' })
      .max(24 * 60)
      .optional()
      .describe('Minutes.'),
    passMark: z.number().min(0).max(100).default(70).describe('Percentage needed to pass.'),
    showExplanations: z
      .boolean()
      .default(false)
      .describe('Let candidates review missed questions with explanations at the end.'),
    seedPolicy: z
      .enum(SEED_POLICIES)
      .default('per-candidate')
      .describe(
        'per-candidate: each candidate gets their own draw; same-for-all: everyone gets the draw of `seed`.',
      ),
    seed: z
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional()
      .describe('The seed used with seedPolicy: same-for-all.'),
    adaptive: z
      .boolean()
      .default(false)
      .describe(
        'Choose each question by the ability estimate; domain counts become target shares and their sum the maximum length.',
      ),
    seTarget: z
      .number()
      .positive()
      .max(2)
      .default(0.3)
      .describe('Adaptive: stop when the standard error of θ is at most this.'),
  })
  .refine((a) => a.seedPolicy !== 'same-for-all' || a.seed !== undefined, {
    error: 'seedPolicy same-for-all needs a seed',
    path: ['seed'],
  });

export type Assessment = z.infer<typeof assessmentSchema>;

export function assessmentJsonSchema(): unknown {
  return z.toJSONSchema(assessmentSchema, { target: 'draft-07', io: 'input' });
}

/**
 * A new assessment's id: its title as a slug plus a random suffix, so two assessments written the same day (or with
 * the same title) never share an id and their results never share a cohort. `suffix` comes from the caller's random
 * source ([a-z0-9]).
 */
export function newAssessmentId(title: string, suffix: string): string {
  const base = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 32)
    .replace(/^-+|-+$/g, '');
  return `${base || 'assessment'}-${suffix}`;
}

/** Splits `count` by percentages with the largest-remainder method, so the parts always add up to count. */
export function splitByMix(count: number, mix: Record<Difficulty, number>): Record<Difficulty, number> {
  const exact = DIFFICULTIES.map((d) => ({ d, v: (count * mix[d]) / 100 }));
  const out = Object.fromEntries(exact.map(({ d, v }) => [d, Math.floor(v)])) as Record<Difficulty, number>;
  let left = count - DIFFICULTIES.reduce((n, d) => n + out[d], 0);
  for (const { d } of [...exact].sort((a, b) => b.v - Math.floor(b.v) - (a.v - Math.floor(a.v)))) {
    if (left-- <= 0) break;
    out[d]++;
  }
  return out;
}

export interface AssessmentProblem {
  path: (string | number)[];
  message: string;
}

/** Checks the assessment against the banks: every domain and question must exist and counts must be available. */
export function assessmentProblems(
  assessment: Assessment,
  questions: readonly Question[],
): AssessmentProblem[] {
  const problems: AssessmentProblem[] = [];
  const domains = new Set(questions.map((q) => q.domain));
  const byId = new Map(questions.map((q) => [q.id, q]));
  assessment.domains.forEach((d, i) => {
    if (!domains.has(d.id)) {
      problems.push({
        path: ['domains', i, 'id'],
        message: `no bank for domain "${d.id}" (have: ${[...domains].sort().join(', ')})`,
      });
      return;
    }
    d.questions?.forEach((id, j) => {
      const q = byId.get(id);
      if (!q)
        problems.push({ path: ['domains', i, 'questions', j], message: `no question "${id}" in the banks` });
      else if (q.domain !== d.id)
        problems.push({
          path: ['domains', i, 'questions', j],
          message: `question "${id}" belongs to ${q.domain}, not ${d.id}`,
        });
    });
    const available = questions.filter((q) => q.domain === d.id).length;
    if (d.count !== undefined && d.count > available)
      problems.push({
        path: ['domains', i, 'count'],
        message: `${d.id} has only ${available} questions; count is ${d.count}`,
      });
  });
  return problems;
}

/**
 * The questions of one session: explicit ids as listed, drawn domains by the difficulty mix (falling back to
 * other levels when one runs short), then the whole set shuffled.
 */
export function selectAssessmentItems(
  assessment: Assessment,
  questions: readonly Question[],
  random: Random,
): QuizItem[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const picked: Question[] = [];
  for (const domain of assessment.domains) {
    if (domain.questions) {
      picked.push(...domain.questions.map((id) => byId.get(id)!));
      continue;
    }
    const count = domain.count ?? 0;
    const pool = shuffle(
      questions.filter((q) => q.domain === domain.id && !picked.includes(q)),
      random,
    );
    const want = assessment.difficulty ? splitByMix(count, assessment.difficulty) : null;
    const chosen: Question[] = [];
    if (want)
      for (const level of DIFFICULTIES)
        chosen.push(...pool.filter((q) => q.difficulty === level).slice(0, want[level]));
    for (const q of pool) if (chosen.length < count && !chosen.includes(q)) chosen.push(q);
    picked.push(...chosen.slice(0, count));
  }
  return shuffle(picked, random).map((q) => toQuizItem(q, random));
}
