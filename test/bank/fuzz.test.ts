// Hostile input, generated: thousands of generated and mutated bank, answers and result files.
// Properties: nothing throws, and every problem is located (file, line >= 1, column >= 1, rule, message).
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadBanks, loadValidBanksFromYaml } from '../../src/bank/load-banks.js';
import { readAnswers } from '../../src/bank/read-answers.js';
import { resolveAnswer } from '../../src/core/answers.js';
import type { Problem } from '../../src/core/errors.js';
import { questionHash, resultDigest, type ResultFile } from '../../src/core/result-file.js';
import { sanitizeLine, sanitizeText, terminalSafe } from '../../src/core/sanitize.js';
import { verifyResult } from '../../src/core/verify-result.js';
import { checkResultFile, type FileVerdict } from '../../src/commands/hiring/check-results.js';
import { describeVerdict } from '../../src/commands/hiring/verify.js';
import { summarizeBank } from '../../src/commands/candidates/banks.js';
import { renderPrompt, renderTable } from '../../src/ui/render.js';
import { assessmentSchema } from '../../src/core/assessment.js';
import { registeredAssessment } from '../../src/core/assessment-rules.js';
import { createTheme } from '../../src/ui/theme.js';
import { SMALL_BANKS, tempDir } from '../helpers/fixtures.js';

const RUNS = 1500;
const validBank = readFileSync(path.join(SMALL_BANKS, 'alpha.yaml'), 'utf8');

/** Edits a text at random places: deletions, insertions of YAML-significant characters, replacements. */
const mutated = (base: string) =>
  fc
    .array(
      fc.record({
        at: fc.nat({ max: base.length }),
        drop: fc.nat({ max: 8 }),
        insert: fc.oneof(
          fc.constantFrom(
            ':',
            '-',
            ' ',
            '\n',
            '  ',
            '[',
            ']',
            '{',
            '}',
            '&a',
            '*a',
            '!!str',
            '"',
            "'",
            '#',
            '|',
            '>',
            '\t',
            '\u0000',
            '\u001b[2J',
            '\u202e',
          ),
          fc.string({ maxLength: 6 }),
        ),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((edits) =>
      edits.reduce(
        (text, e) =>
          text.slice(0, Math.min(e.at, text.length)) +
          e.insert +
          text.slice(Math.min(e.at, text.length) + e.drop),
        base,
      ),
    );

function expectLocated(problems: Problem[], file: string): void {
  for (const p of problems) {
    expect(p.file).toBe(file);
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.rule).toMatch(/^[a-z-]+$/);
    expect(p.message.length).toBeGreaterThan(0);
  }
}

describe('bank loader under fuzzing', () => {
  let dir = '';
  let file = '';
  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir, 'fuzz.yaml');
  });
  const load = (text: string) => {
    writeFileSync(file, text);
    const result = loadBanks({ paths: [file], cwd: dir, strict: true });
    expectLocated(result.problems, 'fuzz.yaml');
    return result;
  };

  it('never throws on mutated valid banks, and reports what it rejects', () => {
    fc.assert(
      fc.property(mutated(validBank), (text) => {
        const result = load(text);
        // Either it still loads, or it says why not.
        expect(result.banks.length === 1 || result.problems.length > 0).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => void load(text)),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary YAML structures', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => void load(stringify(value))),
      { numRuns: RUNS },
    );
  });

  it('never throws on bank-shaped documents with wrong values', () => {
    const question = fc.record(
      {
        id: fc.oneof(fc.constant('q-1'), fc.string()),
        type: fc.constantFrom('single', 'multiple', 'true-false', 'text', 'essay', 3),
        difficulty: fc.constantFrom('junior', 'mid', 'senior', 'expert', null),
        tags: fc.oneof(fc.constant(['t']), fc.jsonValue()),
        prompt: fc.oneof(fc.string(), fc.jsonValue()),
        options: fc.oneof(
          fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'A B'), text: fc.string() })),
          fc.jsonValue(),
        ),
        answer: fc.oneof(
          fc.constantFrom('a', 'b', 'z', true, false),
          fc.array(fc.constantFrom('a', 'b', 'z')),
          fc.jsonValue(),
        ),
        explanation: fc.string(),
        references: fc.oneof(fc.constant(['https://example.org/']), fc.array(fc.string())),
      },
      { requiredKeys: [] },
    );
    const bank = fc.record({
      format: fc.constantFrom(1, 2),
      domain: fc.constantFrom('d', 'Bad Id'),
      title: fc.string(),
      subtopics: fc.constant({ t: 'T' }),
      questions: fc.array(question, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(bank, (value) => void load(stringify(value))),
      { numRuns: RUNS },
    );
  });
});

describe('answers reader under fuzzing', () => {
  const [question] = loadValidBanksFromYaml([SMALL_BANKS], SMALL_BANKS).flatMap((b) => b.questions);

  it('never throws and locates every problem', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      mutated('alpha-one: s404\nalpha-two: [get, head]\nalpha-three: true\n'),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(text, (t) => {
        const { entries, problems } = readAnswers(t, 'answers.yaml');
        expectLocated(problems, 'answers.yaml');
        for (const e of entries) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          resolveAnswer(question!, e.value); // any value: a verdict, never an exception
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('result-file reader under fuzzing', () => {
  const banks = loadValidBanksFromYaml([SMALL_BANKS], SMALL_BANKS);
  const questions = new Map(banks.flatMap((b) => b.questions.map((q) => [q.id, q] as const)));
  const transcript = [...questions.values()].map((q) => ({
    id: q.id,
    domain: q.domain,
    difficulty: q.difficulty,
    contentHash: questionHash(q),
    shown: q.options.map((o) => o.id),
    chosen: q.answer,
    seconds: 3,
    correct: true,
  }));
  const content: Omit<ResultFile, 'digest'> = {
    format: 1,
    tool: { name: 'backend-quiz', version: '0.1.0' },
    assessment: { id: 'a', title: 'A', passMark: 50, hash: 'h' },
    candidate: { name: 'N', email: 'n@example.com' },
    session: {
      id: 'abcdef123456',
      seed: 1,
      status: 'completed',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:10:00.000Z',
      timeLimitMinutes: null,
      elapsedSeconds: 600,
    },
    banks: banks.map((b) => ({ domain: b.domain, hash: b.hash })),
    transcript,
    score: {
      percent: 100,
      correct: transcript.length,
      total: transcript.length,
      passed: true,
      domains: { alpha: 100, beta: 100 },
    },
  };
  const valid = JSON.stringify({ ...content, digest: resultDigest(content) }, null, 2);
  // The manager's registered copy of the assessment the file answers: every question of the small banks.
  const registered = registeredAssessment(
    assessmentSchema.parse({
      format: 1,
      id: 'a',
      title: 'A',
      passMark: 50,
      domains: banks.map((b) => ({ id: b.domain, questions: b.questions.map((q) => q.id) })),
    }),
    'h',
    [...questions.values()],
  );
  const context = {
    questions,
    now: Date.parse('2026-01-02T00:00:00.000Z'),
    findAssessment: (id: string, hash: string) => (id === 'a' && hash === 'h' ? registered : undefined),
  };

  it('accepts the untouched file (the properties below can fail)', () => {
    expect(verifyResult(JSON.parse(valid), context)).toMatchObject({ ok: true });
  });

  it('never throws on mutated or arbitrary files, and gives a reason for every rejection', () => {
    const dir = tempDir();
    const file = path.join(dir, 'r.json');
    fc.assert(
      fc.property(
        fc.oneof(
          mutated(valid),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          writeFileSync(file, text);
          const verdict = checkResultFile(file, 'r.json', context);
          if (!verdict.ok) expect(verdict.problems.length).toBeGreaterThan(0);
          // A content change that survives must leave the digest intact: only formatting may differ.
          else expect(verdict.verified.result.digest).toBe((JSON.parse(valid) as ResultFile).digest);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('terminal output of untrusted text', () => {
  it('renderPrompt and sanitizeText leave no escape, C1, carriage-return or bidi control characters', () => {
    const theme = createTheme(false);
    // eslint-disable-next-line no-control-regex
    const dangerous = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    const hostile = fc
      .stringMatching(/^[\s\S]{0,40}$/)
      .chain((s) =>
        fc
          .array(
            fc.constantFrom(
              '\u001b[31m',
              '\u001b]8;;https://x\u0007',
              '\u001b]0;t\u001b\\',
              '\r',
              '\u009b2J',
              '\u202e',
              '\u2066',
              '\u0007',
              '\u001bc',
              s,
            ),
            { maxLength: 12 },
          )
          .map((parts) => parts.join('')),
      );
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'binary' })), (text) => {
        expect(sanitizeText(text)).not.toMatch(dangerous);
        expect(renderPrompt(`${text}\n\`\`\`sql\n${text}\n\`\`\``, theme)).not.toMatch(dangerous);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  // No byte below 0x20 other than newline and tab, no ESC, no C1 or bidi control: what a terminal would act on.
  // eslint-disable-next-line no-control-regex
  const acted = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  const hostileText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc
      .array(
        fc.constantFrom('\u001b]0;t\u0007', '\u001b[2J', '\n', '\r', '\t', '\u009b1m', '\u202e', 'ok', '✓'),
        { maxLength: 8 },
      )
      .map((parts) => parts.join('')),
  );

  it('bank titles, assessment titles and result-file fields reach the terminal inert', () => {
    const dir = tempDir();
    const file = path.join(dir, 'title.yaml');
    fc.assert(
      fc.property(hostileText, (text) => {
        writeFileSync(file, validBank.replace(/^title: .*$/m, `title: ${JSON.stringify(text)}`));
        const banks = loadBanks({ paths: [file], cwd: dir }).banks;
        const printed = [
          // banks and the home menu show the title; the quiz's end shows it per domain
          ...banks.map((b) =>
            renderTable(['id', 'title'], [[b.domain, summarizeBank(b).title]], createTheme(false)),
          ),
          sanitizeLine(text), // an assessment's title in take
          describeVerdict({ file: text, ok: false, problems: [text, text] }, false),
          describeVerdict(
            {
              file: 'r.json',
              ok: true,
              verified: {
                result: { candidate: { name: text, email: text }, assessment: { id: text } },
                score: 50,
                passed: true,
              },
            } as unknown as FileVerdict,
            false,
          ),
        ];
        for (const out of printed) expect(out).not.toMatch(acted);
        // One field, one line: a verdict never gains lines from what the file holds.
        expect(printed.slice(2).every((out) => !out.includes('\n'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('terminalSafe, the filter on every terminal stream, keeps only the escapes our interface writes', () => {
    // eslint-disable-next-line no-control-regex
    const own = /\u001b\[(?:[0-9;]*[mABCDGHK]|\?25[hl])/g;
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary' })), (text) => {
        expect(terminalSafe(text).replace(own, '')).not.toMatch(acted);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
