import { describe, expect, it } from 'vitest';
import { loadValidBanksFromYaml } from '../../src/bank/load-banks.js';
import { assessmentSchema, newAssessmentId } from '../../src/core/assessment.js';
import {
  candidateFieldProblem,
  registeredAssessment,
  resultRuleBreaks,
} from '../../src/core/assessment-rules.js';
import { SLUG } from '../../src/core/bank-schema.js';
import { questionHash, type ResultFile } from '../../src/core/result-file.js';
import { SMALL_BANKS } from '../helpers/fixtures.js';

const all = loadValidBanksFromYaml([SMALL_BANKS], SMALL_BANKS).flatMap((b) => b.questions);
const byId = new Map(all.map((q) => [q.id, q]));
const NOW = Date.parse('2026-11-27T12:00:00.000Z');

const registered = (extra: Record<string, unknown> = {}) =>
  registeredAssessment(
    assessmentSchema.parse({
      format: 1,
      id: 'rules',
      title: 'Rules',
      domains: [
        { id: 'alpha', count: 2 },
        { id: 'beta', questions: ['beta-two'] },
      ],
      difficulty: { junior: 50, mid: 50, senior: 0 },
      timeLimit: 10,
      passMark: 60,
      ...extra,
    }),
    'h',
    all,
  );

const entry = (id: string) => {
  const q = byId.get(id)!;
  return {
    id,
    domain: q.domain,
    difficulty: q.difficulty,
    contentHash: questionHash(q),
    shown: q.options.map((o) => o.id),
    chosen: q.type === 'text' ? ['x'] : [q.options[0]!.id],
    seconds: 10,
    correct: null,
  };
};

/** A result file that keeps every rule: alpha-one (junior), alpha-two (mid), beta-two; 5 of 10 minutes. */
const base = (): ResultFile => ({
  format: 1,
  tool: { name: 'backend-quiz', version: '0.1.0' },
  assessment: { id: 'rules', title: 'Rules', passMark: 60, hash: 'h' },
  candidate: { name: 'Ada Lovelace', email: 'ada@example.com' },
  session: {
    id: 'abcdef',
    seed: 1,
    status: 'completed',
    startedAt: '2026-11-27T10:00:00.000Z',
    finishedAt: '2026-11-27T10:05:00.000Z',
    timeLimitMinutes: 10,
    elapsedSeconds: 300,
  },
  banks: [],
  transcript: ['alpha-one', 'alpha-two', 'beta-two'].map(entry),
  score: { percent: 0, correct: 0, total: 3, passed: false, domains: {} },
  digest: `sha256:${'0'.repeat(64)}`,
});

describe('result files against the registered assessment', () => {
  it.each<{ name: string; edit: (r: ResultFile) => void; rules: string[]; extra?: Record<string, unknown> }>([
    { name: 'an untouched file', edit: () => {}, rules: [] },
    { name: 'a lowered pass mark', edit: (r) => (r.assessment.passMark = 0), rules: ['pass-mark'] },
    { name: 'a longer time limit', edit: (r) => (r.session.timeLimitMinutes = 20), rules: ['time-limit'] },
    { name: 'no time limit', edit: (r) => (r.session.timeLimitMinutes = null), rules: ['time-limit'] },
    {
      name: 'a question twice',
      edit: (r) => (r.transcript = [entry('alpha-one'), entry('alpha-one'), entry('beta-two')]),
      rules: ['duplicate-question'],
    },
    {
      name: 'a question outside the pool',
      edit: (r) => (r.transcript[2] = entry('beta-one')),
      rules: ['outside-pool'],
    },
    {
      name: 'a question relabelled to another domain',
      edit: (r) => (r.transcript[0]!.domain = 'beta'),
      rules: ['outside-pool'],
    },
    {
      name: 'one question only',
      edit: (r) => (r.transcript = [entry('beta-two')]),
      rules: ['domain-count'],
    },
    {
      name: 'the always-asked question left out',
      edit: (r) => (r.transcript = [entry('alpha-one'), entry('alpha-two'), entry('alpha-three')]),
      rules: ['domain-questions', 'domain-count', 'domain-count'],
    },
    {
      name: 'a senior question where the mix draws a mid one',
      edit: (r) => (r.transcript[1] = entry('alpha-three')),
      rules: ['difficulty-mix'],
    },
    {
      name: 'seconds adding up beyond the elapsed time',
      edit: (r) => r.transcript.forEach((t) => (t.seconds = 200)),
      rules: ['times'],
    },
    {
      name: 'an answer without a time',
      edit: (r) => (r.transcript[0]!.seconds = null),
      rules: ['times'],
    },
    {
      name: 'elapsed beyond start to finish',
      edit: (r) => (r.session.elapsedSeconds = 400),
      rules: ['times'],
    },
    {
      name: 'finished before started',
      edit: (r) => (r.session.finishedAt = '2026-11-27T09:00:00.000Z'),
      rules: ['times'],
    },
    {
      name: 'finished in the future',
      edit: (r) => (r.session.finishedAt = '2026-11-28T10:00:00.000Z'),
      rules: ['times'],
    },
    {
      name: 'an hour on a ten-minute assessment',
      edit: (r) => {
        r.session.finishedAt = '2026-11-27T11:00:00.000Z';
        r.session.elapsedSeconds = 3600;
      },
      rules: ['time-limit-exceeded'],
    },
    {
      name: 'ten minutes and the grace',
      edit: (r) => {
        r.session.finishedAt = '2026-11-27T10:10:25.000Z';
        r.session.elapsedSeconds = 600;
      },
      rules: [],
    },
    {
      name: 'a 201-character name',
      edit: (r) => (r.candidate.name = 'a'.repeat(201)),
      rules: ['candidate-length'],
    },
    {
      name: 'a name with a newline',
      edit: (r) => (r.candidate.name = 'Ada\nBob'),
      rules: ['candidate-control'],
    },
    {
      name: 'an email with a bidi override',
      edit: (r) => (r.candidate.email = 'ada\u202e@example.com'),
      rules: ['candidate-control'],
    },
    { name: 'a blank name', edit: (r) => (r.candidate.name = '  '), rules: ['candidate-empty'] },
    {
      name: 'an option chosen twice',
      edit: (r) => (r.transcript[0]!.chosen = ['s404', 's404']),
      rules: ['answer-shape'],
    },
    {
      name: 'a same-for-all assessment taken with another seed',
      edit: (r) => (r.session.seed = 2),
      rules: ['seed'],
      extra: { seedPolicy: 'same-for-all', seed: 7 },
    },
    {
      name: 'an adaptive session shorter than the maximum',
      edit: (r) => (r.transcript = [entry('alpha-three'), entry('beta-two')]),
      rules: [],
      extra: { adaptive: true },
    },
    {
      name: 'an adaptive session longer than the maximum',
      edit: (r) => (r.transcript = ['alpha-one', 'alpha-two', 'alpha-three', 'beta-two'].map(entry)),
      rules: ['domain-count'],
      extra: { adaptive: true },
    },
  ])('$name', ({ edit, rules, extra }) => {
    const r = base();
    edit(r);
    expect(resultRuleBreaks(registered(extra), r, NOW).map((p) => p.rule)).toEqual(rules);
  });

  // The third question answered without options, as a lines or text question is: only lines take several.
  it.each<{ chosen: string[]; type?: 'lines'; rules: string[] }>([
    { chosen: ['2', '4'], type: 'lines', rules: [] },
    { chosen: ['12'], type: 'lines', rules: [] },
    { chosen: ['2', '4'], rules: ['answer-shape'] },
    { chosen: ['2', '2'], type: 'lines', rules: ['answer-shape'] },
    { chosen: ['2', 'four'], type: 'lines', rules: ['answer-shape'] },
    { chosen: ['-1'], type: 'lines', rules: ['answer-shape'] },
  ])('a $type answer of $chosen: $rules', ({ chosen, type, rules }) => {
    const r = base();
    r.transcript[2] = { ...r.transcript[2]!, shown: [], chosen };
    const typeOf = (id: string) => (id === 'beta-two' ? type : undefined);
    expect(resultRuleBreaks(registered(), r, NOW, typeOf).map((p) => p.rule)).toEqual(rules);
  });

  it('the pool is every question the assessment can draw, and only those', () => {
    expect(
      registered()
        .pool.map((q) => q.id)
        .sort(),
    ).toEqual(['alpha-one', 'alpha-three', 'alpha-two', 'beta-two']);
  });
});

describe('candidate fields and assessment ids', () => {
  it.each([
    ['Zoë Lovelace', null],
    ['a'.repeat(200), null],
    ['a'.repeat(201), 'candidate-length'],
    ['Ada\tLovelace', 'candidate-control'],
    ['Ada\u001b[31m', 'candidate-control'],
    ['Ada\u2028', 'candidate-control'],
    ['', 'candidate-empty'],
  ])('%j', (value, rule) => {
    expect(candidateFieldProblem('name', value)?.rule ?? null).toBe(rule);
  });

  it.each([
    ['Backend developer assessment', 'x1y2z3', 'backend-developer-assessment-x1y2z3'],
    ['  Senior — Zoë’s team!  ', 'abc123', 'senior-zoe-s-team-abc123'],
    ['***', 'abc123', 'assessment-abc123'],
    [
      'A very long title that goes on and on beyond any reason',
      'abc123',
      'a-very-long-title-that-goes-on-a-abc123',
    ],
  ])('%j gets an id that is a slug', (title, suffix, id) => {
    expect(newAssessmentId(title, suffix)).toBe(id);
    expect(id).toMatch(SLUG);
  });
});
