// Generates the large inputs the benchmarks need: a 10,000-question bank folder and a results database.
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { openDatabase } from '../dist/store/database.js';
import { createRandom } from '../dist/core/random.js';

const LEVELS = ['junior', 'mid', 'senior'];

/** 10 files x 1,000 questions, each with a code block and four options, like the shipped banks. */
export function makeBankFolder(dir, files = 10, perFile = 1000) {
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < files; f++) {
    const domain = `domain${f}`;
    const questions = Array.from({ length: perFile }, (_, i) => ({
      id: `${domain}-q${i}`,
      type: 'single',
      difficulty: LEVELS[i % 3],
      tags: ['general'],
      prompt: `Question ${i} of ${domain}: which statement about the snippet is correct?\n\`\`\`sql\nSELECT id, name FROM table_${i} WHERE owner_id = ${i} ORDER BY created_at DESC LIMIT 20;\n\`\`\`\n`,
      options: ['alpha', 'beta', 'gamma', 'delta'].map((id) => ({
        id,
        text: `Option ${id} for question ${i}, a plausible statement of similar length`,
      })),
      answer: 'beta',
      explanation: `Option beta is right for question ${i} because of the documented behaviour; the other options describe common misconceptions.`,
      references: ['https://www.postgresql.org/docs/current/sql-select.html'],
    }));
    writeFileSync(
      path.join(dir, `${domain}.yaml`),
      stringify({ format: 1, domain, title: `Domain ${f}`, subtopics: { general: 'General' }, questions }),
    );
  }
}

/** `sessions` imported assessment sessions of `perSession` answers each, across 8 domains. */
export function makeResultsDb(file, sessions, perSession = 40) {
  openDatabase(file).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF'); // sessions are inserted after their items, once the score is known
  const random = createRandom(7);
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, kind, status, started_at, finished_at, seed, time_limit_ms, elapsed_ms, settings, total, correct, score, candidate_name, candidate_email, assessment_id)
     VALUES (?, 'import', 'completed', ?, ?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertItem = db.prepare(
    'INSERT INTO session_items (session_id, position, question_id, domain, difficulty, option_order) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertAnswer = db.prepare(
    'INSERT INTO answers (session_id, position, question_id, response, correct, seconds, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const settings = JSON.stringify({
    topics: [],
    difficulty: 'mixed',
    count: perSession,
    banks: [],
    assessment: { id: 'bench', title: 'Bench', passMark: 70 },
  });
  const batch = db.transaction((from, to) => {
    for (let s = from; s < to; s++) {
      const id = s.toString(16).padStart(12, '0');
      const started = new Date(Date.UTC(2026, 0, 1) + s * 60_000).toISOString();
      const ability = random();
      let correct = 0;
      for (let p = 0; p < perSession; p++) {
        const d = p % 8;
        const q = `domain${d}-q${(s * 7 + p) % 1000}`;
        insertItem.run(id, p, q, `domain${d}`, LEVELS[p % 3], '["alpha","beta","gamma","delta"]');
        const ok = random() < 0.3 + 0.6 * ability ? 1 : 0;
        correct += ok;
        insertAnswer.run(id, p, q, ok ? '["beta"]' : '["alpha"]', ok, 5 + random() * 40, started);
      }
      insertSession.run(
        id,
        started,
        started,
        perSession * 20_000,
        settings,
        perSession,
        correct,
        Math.round((1000 * correct) / perSession) / 10,
        `Candidate ${s}`,
        `c${s}@example.com`,
        'bench',
      );
    }
  });
  for (let s = 0; s < sessions; s += 5000) batch(s, Math.min(sessions, s + 5000));
  db.close();
}

/** An answers file mapping `keys` question ids to an option id: the shape a duplicate-key check must scan. */
export function makeAnswersMap(file, keys) {
  const lines = Array.from({ length: keys }, (_, i) => `q${i}: b`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** A bank whose subtopics map has `keys` entries, otherwise one valid question. */
export function makeKeyedBank(file, keys) {
  const subtopics = Array.from({ length: keys }, (_, i) => `  t${i}: Topic ${i}`).join('\n');
  writeFileSync(
    file,
    `format: 1\ndomain: keyed\ntitle: Keyed\nsubtopics:\n${subtopics}\nquestions:\n  - id: keyed-q1\n    type: true-false\n    difficulty: mid\n    tags: [t0]\n    prompt: Is this a question with enough words?\n    answer: true\n    explanation: It is a question, which is documented behaviour and explained well enough for the rules here.\n    references: [https://www.rfc-editor.org/rfc/rfc9110]\n`,
  );
}

/** `count` questions with prompts of 12 words drawn from a 5,000-word vocabulary: distinct, as real banks are. */
export function makePromptBanks(dir, count, perFile = 2000) {
  mkdirSync(dir, { recursive: true });
  const random = createRandom(11);
  const vocabulary = Array.from({ length: 5000 }, (_, i) => `word${i.toString(36)}x`);
  for (let f = 0; f * perFile < count; f++) {
    const domain = `prompts${f}`;
    const questions = Array.from({ length: Math.min(perFile, count - f * perFile) }, (_, i) => ({
      id: `${domain}-q${i}`,
      type: 'true-false',
      difficulty: LEVELS[i % 3],
      tags: ['general'],
      prompt: `${Array.from({ length: 12 }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ')}?`,
      answer: i % 2 === 0,
      explanation: `Statement ${i} is ${i % 2 === 0 ? 'true' : 'false'} by the documented behaviour, explained at the reference below.`,
      references: ['https://www.rfc-editor.org/rfc/rfc9110'],
    }));
    writeFileSync(
      path.join(dir, `${domain}.yaml`),
      stringify({ format: 1, domain, title: `Prompts ${f}`, subtopics: { general: 'General' }, questions }),
    );
  }
}
