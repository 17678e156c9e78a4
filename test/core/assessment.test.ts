import { describe, expect, it } from 'vitest';
import {
  assessmentProblems,
  assessmentSchema,
  selectAssessmentItems,
  splitByMix,
} from '../../src/core/assessment.js';
import type { Question } from '../../src/core/bank-schema.js';
import { createRandom } from '../../src/core/random.js';
import { percentileRank, signals } from '../../src/core/report-data.js';
import { neutralizeCell } from '../../src/report/csv.js';
import { escapeMarkdownCell } from '../../src/report/markdown.js';

const q = (id: string, domain: string, difficulty: Question['difficulty']): Question => ({
  id,
  domain,
  difficulty,
  type: 'single',
  tags: ['t'],
  prompt: id,
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
  ],
  answer: ['a'],
  explanation: '',
  references: [],
});
const pool = [
  ...Array.from({ length: 10 }, (_, i) =>
    q(`d-${i}`, 'databases', (['junior', 'mid', 'senior'] as const)[i % 3]!),
  ),
  ...Array.from({ length: 4 }, (_, i) => q(`a-${i}`, 'apis', 'mid')),
];
const assessment = (extra: object) =>
  assessmentSchema.parse({
    format: 1,
    id: 'x',
    title: 'X',
    domains: [{ id: 'databases', count: 5 }],
    ...extra,
  });

describe('splitByMix', () => {
  it.each([
    [10, { junior: 30, mid: 40, senior: 30 }, { junior: 3, mid: 4, senior: 3 }],
    [5, { junior: 30, mid: 40, senior: 30 }, { junior: 2, mid: 2, senior: 1 }], // ties go to the easier level
    [1, { junior: 0, mid: 100, senior: 0 }, { junior: 0, mid: 1, senior: 0 }],
    [7, { junior: 33.3, mid: 33.3, senior: 33.4 }, { junior: 2, mid: 2, senior: 3 }],
  ])('%i by %j', (count, mix, out) => {
    const split = splitByMix(count, mix);
    expect(split).toEqual(out);
    expect(split.junior + split.mid + split.senior).toBe(count);
  });
});

describe('assessments', () => {
  it('defaults: pass mark 70, explanations hidden, a draw per candidate', () => {
    expect(assessment({})).toMatchObject({
      passMark: 70,
      showExplanations: false,
      seedPolicy: 'per-candidate',
    });
  });

  it.each([
    [{ domains: [{ id: 'databases' }] }, 'either count or questions'],
    [{ seedPolicy: 'same-for-all' }, 'needs a seed'],
    [{ difficulty: { junior: 50, mid: 50, senior: 50 } }, 'add up to 100'],
  ])('rejects %j', (extra, message) => {
    const r = assessmentSchema.safeParse({
      format: 1,
      id: 'x',
      title: 'X',
      domains: [{ id: 'databases', count: 5 }],
      ...extra,
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(message);
  });

  it('reports unknown domains, unknown or misplaced questions and counts above the bank size', () => {
    const a = assessment({
      domains: [
        { id: 'nope', count: 1 },
        { id: 'apis', questions: ['a-1', 'd-1', 'zz'] },
        { id: 'databases', count: 11 },
      ],
    });
    expect(
      assessmentProblems(a, pool).map((p) => `${p.path.join('.')}: ${p.message.split(' (')[0]}`),
    ).toEqual([
      'domains.0.id: no bank for domain "nope"',
      'domains.1.questions.1: question "d-1" belongs to databases, not apis',
      'domains.1.questions.2: no question "zz" in the banks',
      'domains.2.count: databases has only 10 questions; count is 11',
    ]);
  });

  it('draws by the difficulty mix, keeps explicit questions, and is reproducible by seed', () => {
    const a = assessment({
      domains: [
        { id: 'databases', count: 6 },
        { id: 'apis', questions: ['a-2', 'a-0'] },
      ],
      difficulty: { junior: 50, mid: 0, senior: 50 },
    });
    const items = selectAssessmentItems(a, pool, createRandom(3));
    expect(items).toHaveLength(8);
    const db = items.filter((i) => i.domain === 'databases');
    expect(db.filter((i) => i.difficulty === 'junior')).toHaveLength(3);
    expect(db.filter((i) => i.difficulty === 'senior')).toHaveLength(3);
    expect(
      items
        .filter((i) => i.domain === 'apis')
        .map((i) => i.questionId)
        .sort(),
    ).toEqual(['a-0', 'a-2']);
    expect(selectAssessmentItems(a, pool, createRandom(3))).toEqual(items);
  });
});

describe('report data', () => {
  it.each([
    [[10, 20, 30, 40], 25, 50],
    [[10, 20, 30, 40], 40, 87.5],
    [[50, 50], 50, 50],
    [[], 70, 0],
  ])('percentileRank(%j, %d) = %d', (scores, score, pct) => expect(percentileRank(scores, score)).toBe(pct));

  it.each([
    [{ answered: 20, fastAnswers: 2, status: 'completed', elapsedMs: 1 }, []],
    [
      { answered: 20, fastAnswers: 4, status: 'completed', elapsedMs: 1 },
      ['4 of 20 answers faster than a plausible reading time'],
    ],
    [{ answered: 40, fastAnswers: 4, status: 'expired', elapsedMs: 1 }, ['time ran out']],
  ])('signals %j', (input, out) => expect(signals(input)).toEqual(out));

  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['Zoë', 'Zoë'],
  ])('neutralizeCell(%j)', (input, out) => expect(neutralizeCell(input)).toBe(out));

  it('escapes Markdown table cells', () => {
    expect(escapeMarkdownCell('a|b <img> *x*\nc')).toBe('a\\|b &lt;img&gt; \\*x\\* c');
  });
});
