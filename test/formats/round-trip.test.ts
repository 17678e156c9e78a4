// YAML -> Moodle XML -> YAML and YAML -> GIFT -> YAML keep every field the format can hold (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRUE_FALSE_OPTIONS, type Question, type RawQuestion } from '../../src/core/bank-schema.js';
import { MARKDOWN_IMAGE, type ParsedQuestions, type Written } from '../../src/formats/common.js';
import { parseGift, writeGift } from '../../src/formats/gift.js';
import { parseMoodleXml, writeMoodleXml } from '../../src/formats/moodle-xml.js';
import { TODO_DIFFICULTY_TAG, toBanks } from '../../src/formats/to-bank.js';

const slug = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}$/);
// Words with every character GIFT, XML or HTML treat specially.
const word = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9~=#{}:\\&<>"'%*_.,;!?()/[\]+-]{1,8}$/),
  fc.stringMatching(/^[a-z]{1,6}$/).map((w) => `\`${w}<&>\``),
  fc.constantFrom('&amp;', '&lt;', ']]>', '<b>', '\\n', '\\\\', '//', '::', '$CATEGORY:', '->', 'T', '{T}'),
);
const line = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
const codeLine = fc.stringMatching(/^[ a-zA-Z0-9~=#{}:\\&<>"'%*_.,;()/[\]+-]{0,30}$/).map((l) => l.trimEnd());
const codeBlock = fc
  .tuple(fc.constantFrom('', 'sql', 'js'), fc.array(codeLine, { minLength: 1, maxLength: 4 }))
  .filter(([, ls]) => ls.some((l) => l.trim() !== ''))
  .map(([lang, ls]) => `\`\`\`${lang}\n${ls.join('\n').replace(/^\n+|\n+$/g, '')}\n\`\`\``);
// Markdown image syntax is reported as an image on the way back in, so generated text avoids it.
const markdown = fc
  .tuple(fc.array(paragraph, { minLength: 1, maxLength: 3 }), fc.option(codeBlock, { nil: undefined }))
  .map(([ps, code]) => `${ps.join('\n\n')}${code ? `\n${code}` : ''}`)
  .filter((t) => !MARKDOWN_IMAGE.test(t));
const url = fc
  .stringMatching(/^[a-z0-9._~=#?&:/-]{0,20}$/)
  .map((p) => `https://example.org/${p}`.replace(/[.,;:]+$/, ''));

const question: fc.Arbitrary<Question> = fc
  .record({
    id: slug,
    type: fc.constantFrom('single', 'multiple', 'true-false', 'text'),
    difficulty: fc.constantFrom('junior', 'mid', 'senior'),
    tags: fc.uniqueArray(slug, { minLength: 1, maxLength: 3 }),
    prompt: markdown,
    optionTexts: fc.uniqueArray(
      line.filter((t) => !MARKDOWN_IMAGE.test(t)),
      { minLength: 2, maxLength: 8, selector: (t) => t.toLowerCase() },
    ),
    keyBits: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    truth: fc.boolean(),
    accepted: fc.uniqueArray(line, { minLength: 1, maxLength: 3 }),
    explanation: markdown,
    references: fc.uniqueArray(url, { minLength: 1, maxLength: 3 }),
  })
  .map((r): Question => {
    const options = r.optionTexts.map((text, i) => ({ id: `o${i}`, text }));
    let answer: string[];
    if (r.type === 'single')
      answer = [options[r.keyBits.indexOf(true) >= 0 ? r.keyBits.indexOf(true) % options.length : 0]!.id];
    else if (r.type === 'multiple') {
      answer = options.filter((_, i) => r.keyBits[i]).map((o) => o.id);
      if (answer.length === 0) answer = [options[0]!.id];
    } else if (r.type === 'true-false') answer = [String(r.truth)];
    else answer = r.accepted;
    return {
      id: r.id,
      domain: 'round-trip',
      type: r.type,
      difficulty: r.difficulty,
      tags: r.tags,
      prompt: r.prompt,
      options: r.type === 'true-false' ? TRUE_FALSE_OPTIONS : r.type === 'text' ? [] : options,
      answer,
      explanation: r.explanation,
      references: r.references,
    };
  });
const bank = fc.uniqueArray(question, { minLength: 1, maxLength: 6, selector: (q) => q.id });

/** The key as texts, so option ids (which neither format holds) do not matter. */
function keyOf(q: { type: string; options?: { id: string; text: string }[]; answer?: unknown }): unknown {
  if (q.type === 'true-false') return String(q.answer);
  if (q.type === 'text') return q.answer;
  const keys = Array.isArray(q.answer) ? (q.answer as string[]) : [q.answer as string];
  return keys.map((k) => q.options!.find((o) => o.id === k)!.text);
}

function roundTrip(
  questions: Question[],
  write: (b: { domain: string; questions: Question[] }) => Written,
  parse: (text: string) => ParsedQuestions,
): { back: RawQuestion[]; domain: string | undefined; written: Written; parsed: ParsedQuestions } {
  const written = write({ domain: 'round-trip', questions });
  const parsed = parse(written.text);
  const { banks, rejected } = toBanks(parsed.questions, 'fallback', 'Fallback');
  expect(rejected).toEqual([]);
  return { back: banks.flatMap((b) => b.bank.questions), domain: banks[0]?.bank.domain, written, parsed };
}

describe('round trips', () => {
  it('YAML -> Moodle XML -> YAML keeps id, type, difficulty, tags, prompt, options, key, explanation, references', () => {
    fc.assert(
      fc.property(bank, (questions) => {
        const { back, domain, written, parsed } = roundTrip(questions, writeMoodleXml, parseMoodleXml);
        expect(written.skipped).toEqual([]);
        expect(parsed.skipped).toEqual([]);
        expect(domain).toBe('round-trip');
        expect(back.map((q) => q.id)).toEqual(questions.map((q) => q.id));
        back.forEach((b, i) => {
          const q = questions[i]!;
          expect({
            type: b.type,
            difficulty: b.difficulty,
            tags: b.tags,
            prompt: b.prompt,
            options: (b.options ?? []).map((o) => o.text),
            key: keyOf(b),
            explanation: b.explanation,
            references: b.references,
          }).toEqual({
            type: q.type,
            difficulty: q.difficulty,
            tags: q.tags,
            prompt: q.prompt,
            options: q.type === 'single' || q.type === 'multiple' ? q.options.map((o) => o.text) : [],
            key: keyOf(q),
            explanation: q.explanation,
            references: q.references,
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('YAML -> GIFT -> YAML keeps id, type, first tag, prompt, options, key, explanation, references; reports the rest', () => {
    fc.assert(
      fc.property(bank, (questions) => {
        const { back, written, parsed } = roundTrip(questions, writeGift, parseGift);
        expect(parsed.skipped).toEqual([]);
        // What GIFT cannot hold is reported by the writer, never dropped silently.
        const kept = questions.filter((_, i) => !written.skipped.some((s) => s.index === i));
        expect(written.skipped.length + written.written).toBe(questions.length);
        for (const s of written.skipped) expect(s.message).not.toBe('');
        expect(back.map((q) => q.id)).toEqual(kept.map((q) => q.id));
        back.forEach((b, i) => {
          const q = kept[i]!;
          expect({
            type: b.type,
            // GIFT has no difficulty: it comes back as a placeholder with the TODO tag.
            tags: b.tags,
            prompt: b.prompt,
            options: (b.options ?? []).map((o) => o.text),
            key: keyOf(b),
            explanation: b.explanation,
            references: b.references,
          }).toEqual({
            type: q.type,
            tags: [q.tags[0], TODO_DIFFICULTY_TAG],
            prompt: q.prompt,
            options: q.type === 'single' || q.type === 'multiple' ? q.options.map((o) => o.text) : [],
            key: keyOf(q),
            explanation: q.explanation,
            references: q.references,
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});
