// One prompt at a time through @inquirer/testing: what the candidate sees and what each key press returns.
import { render } from '@inquirer/testing';
import { checkbox, input, select } from '@inquirer/prompts';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_ANSWER_LENGTH } from '../../src/core/assessment-rules.js';
import { TRUE_FALSE_OPTIONS, type Question } from '../../src/core/bank-schema.js';
import type { QuizItem } from '../../src/core/selection.js';
import { askQuestion, questionPrompt, type PromptContext } from '../../src/ui/prompts.js';
import { createTheme } from '../../src/ui/theme.js';

const theme = createTheme(false);
const base = { domain: 'apis', difficulty: 'mid' as const, tags: ['t'], explanation: 'e', references: [] };
const single: Question = {
  ...base,
  id: 's',
  type: 'single',
  prompt: 'Which code?\n```http\nGET /x HTTP/1.1\n```',
  options: [
    { id: 'ok', text: '200 OK' },
    { id: 'nf', text: '404 Not Found' },
    { id: 'evil', text: 'bad\u001b[2Jtext' },
  ],
  answer: ['nf'],
};

describe('questionPrompt', () => {
  it('single choice shows the progress label, code block and options in the session order', async () => {
    const p = questionPrompt(
      single,
      { questionId: 's', domain: 'apis', difficulty: 'mid', optionOrder: ['nf', 'evil', 'ok'] },
      '3/20 · apis · 12:30 left',
      theme,
    );
    expect(p.kind).toBe('select');
    if (p.kind !== 'select') return;
    const { answer, events, getScreen } = await render(select<string>, p.config);
    const screen = getScreen();
    expect(screen).toContain('3/20 · apis · 12:30 left');
    expect(screen).toContain('│ GET /x HTTP/1.1');
    expect(screen.indexOf('404 Not Found')).toBeLessThan(screen.indexOf('200 OK'));
    expect(screen).toContain('badtext'); // control sequences stripped
    events.keypress('down');
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toBe('ok');
  });

  it('multiple choice is a checkbox that needs at least one tick', async () => {
    const q: Question = { ...single, type: 'multiple', answer: ['ok', 'nf'] };
    const p = questionPrompt(
      q,
      { questionId: 's', domain: 'apis', difficulty: 'mid', optionOrder: ['ok', 'nf', 'evil'] },
      '1/1',
      theme,
    );
    expect(p.kind).toBe('checkbox');
    if (p.kind !== 'checkbox') return;
    const { answer, events, getScreen } = await render(checkbox<string>, p.config);
    expect(getScreen()).toContain('select all that apply');
    events.keypress('enter');
    await Promise.resolve();
    expect(getScreen()).toMatch(/at least one|must select/i);
    events.keypress('space');
    events.keypress('down');
    events.keypress('space');
    events.keypress('enter');
    await expect(answer).resolves.toEqual(['ok', 'nf']);
  });

  it('says "select all that apply" once when the prompt already says it', async () => {
    const q: Question = {
      ...single,
      type: 'multiple',
      prompt: 'Which are safe? Select all that apply.',
      answer: ['ok'],
    };
    const p = questionPrompt(
      q,
      { questionId: 's', domain: 'apis', difficulty: 'mid', optionOrder: ['ok', 'nf', 'evil'] },
      '1/1',
      theme,
    );
    if (p.kind !== 'checkbox') throw new Error(`expected a checkbox, got ${p.kind}`);
    const { answer, events, getScreen } = await render(checkbox<string>, p.config);
    expect(getScreen().match(/select all that apply/gi)).toHaveLength(1);
    events.keypress('space');
    events.keypress('enter');
    await expect(answer).resolves.toEqual(['ok']);
  });

  it('true/false is a select with True first', async () => {
    const q: Question = {
      ...base,
      id: 'tf',
      type: 'true-false',
      prompt: 'PUT is idempotent.',
      options: TRUE_FALSE_OPTIONS,
      answer: ['true'],
    };
    const p = questionPrompt(
      q,
      { questionId: 'tf', domain: 'apis', difficulty: 'mid', optionOrder: ['true', 'false'] },
      '1/1',
      theme,
    );
    if (p.kind !== 'select') throw new Error('expected select');
    const { answer, events, getScreen } = await render(select<string>, p.config);
    expect(getScreen().indexOf('True')).toBeLessThan(getScreen().indexOf('False'));
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toBe('false');
  });

  it('text questions take typed input', async () => {
    const q: Question = {
      ...base,
      id: 'x',
      type: 'text',
      prompt: 'Header name?',
      options: [],
      answer: ['Content-Type'],
    };
    const p = questionPrompt(
      q,
      { questionId: 'x', domain: 'apis', difficulty: 'mid', optionOrder: [] },
      '1/1',
      theme,
    );
    if (p.kind !== 'input') throw new Error('expected input');
    const { answer, events, getScreen } = await render(input, p.config);
    // Longer than a result file may carry: refused here, not by the manager's import later.
    events.type('x'.repeat(MAX_TEXT_ANSWER_LENGTH + 1));
    events.keypress('enter');
    await new Promise((r) => setTimeout(r, 20));
    expect(getScreen()).toContain(`at most ${MAX_TEXT_ANSWER_LENGTH.toLocaleString('en')} characters`);
    for (let i = 0; i <= MAX_TEXT_ANSWER_LENGTH; i++) events.keypress('backspace');
    events.type('Content-Type');
    events.keypress('enter');
    await expect(answer).resolves.toBe('Content-Type');
  });
});

const lines: Question = {
  ...base,
  id: 'l',
  type: 'lines',
  prompt: 'Mark the line where untrusted input reaches the SQL interpreter.',
  options: [],
  code: {
    language: 'python',
    text: [
      'def orders(request, db):',
      '    user_id = request.args["user"]',
      '    cursor = db.cursor()',
      `    cursor.execute("SELECT id, total FROM orders WHERE user_id = '" + user_id + "' ORDER BY id DESC LIMIT 50")`,
      '\treturn cursor.fetchall()\u001b]0;owned\u0007',
    ].join('\n'),
  },
  answer: ['4'],
};
const linesItem: QuizItem = { questionId: 'l', domain: 'apis', difficulty: 'mid', optionOrder: [] };

describe('lines questions', () => {
  it('list the code as choices, one terminal line each, numbered; the answer is the marked line numbers', async () => {
    const p = questionPrompt(lines, linesItem, '4/9 · apis', theme, { columns: 80, rows: 24 });
    if (p.kind !== 'checkbox') throw new Error(`expected a checkbox, got ${p.kind}`);
    const { answer, events, getScreen } = await render(checkbox<string>, p.config);
    const screen = getScreen().split('\n');
    const choices = screen.filter((l) => /^.. ?\d │/.test(l));
    expect(choices).toHaveLength(5);
    expect(choices[0]).toMatch(/^❯◯ 1 │ def orders\(request, db\):$/);
    expect(choices[2]).toMatch(/^ ◯ 3 │ {5}cursor = db\.cursor\(\)$/);
    // The long line is cut to the terminal with "…" (and shown whole under the list while the cursor is on it).
    expect(choices[3]).toMatch(/^ ◯ 4 │ {5}cursor\.execute\("SELECT .*…$/);
    for (const line of screen) expect(line.length).toBeLessThan(80);
    // A tab is drawn as spaces; a terminal title sequence from the bank file is not drawn at all.
    expect(choices[4]).toBe(' ◯ 5 │     return cursor.fetchall()');

    events.keypress('enter');
    await Promise.resolve();
    expect(getScreen()).toMatch(/at least one/i);
    events.keypress('down');
    events.keypress('down');
    events.keypress('down');
    expect(getScreen()).toContain(
      `4 │ cursor.execute("SELECT id, total FROM orders WHERE user_id = '" + user_id`,
    );
    events.keypress('space');
    // The number keys mark lines by their number.
    events.keypress('2');
    events.keypress('2');
    events.keypress('enter');
    await expect(answer).resolves.toEqual(['4']);
    expect(getScreen()).toContain('line 4');
  });
});

const order: Question = {
  ...base,
  id: 'o',
  type: 'order',
  prompt: 'Put the segments of a TCP three-way handshake in the order they are sent.',
  options: [
    { id: 'ack', text: 'ACK from the client' },
    { id: 'syn', text: 'SYN from the client' },
    { id: 'syn-ack', text: 'SYN-ACK from the server' },
  ],
  answer: ['syn', 'syn-ack', 'ack'],
};
const orderItem: QuizItem = {
  questionId: 'o',
  domain: 'apis',
  difficulty: 'mid',
  optionOrder: ['syn-ack', 'ack', 'syn'],
};

describe('order questions', () => {
  it('ask for the first step among all of them, in the session order, then the next among those left', () => {
    const first = questionPrompt(order, orderItem, '1/3', theme);
    if (first.kind !== 'order-step') throw new Error(`expected a step, got ${first.kind}`);
    expect(first.config.message).toContain('Step 1 of 3: which comes first?');
    expect(
      first.config.choices.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')),
    ).toEqual(['syn-ack', 'ack', 'syn']);
    const second = questionPrompt(order, orderItem, '1/3', theme, undefined, { placed: ['syn'] });
    if (second.kind !== 'order-step') throw new Error(`expected a step, got ${second.kind}`);
    expect(second.config.message).toMatch(
      /So far:\n {2}1\. SYN from the client\n\nStep 2 of 3: which comes next\?/,
    );
    expect(second.config.choices).toHaveLength(2);
    const done = questionPrompt(order, orderItem, '1/3', theme, undefined, {
      placed: ['syn', 'syn-ack', 'ack'],
    });
    expect(done.kind).toBe('order-confirm');
  });

  it('place the steps one by one, the last by itself, show the order to submit or start over', async () => {
    // One prompt after another on the test's output: each prompt ends the stream it was given when it is done
    // (the program's own stdout is exempt), so they share one that stays open.
    const ask = (_config: unknown, context: PromptContext = {}) => {
      const out = context.output!;
      const shared = new Writable({
        write: (chunk: Uint8Array, _encoding, callback: (error?: Error | null) => void) =>
          out.write(chunk, callback),
      });
      shared.end = () => shared;
      return askQuestion(order, orderItem, '1/3 · apis', theme, { ...context, output: shared });
    };
    const { answer, events, getScreen } = await render(ask, {});
    const pick = async (text: string) => {
      const choices = getScreen()
        .split('\n')
        .filter((l) => /^[❯ ] \S/.test(l));
      const from = choices.findIndex((l) => l.startsWith('❯'));
      const to = choices.findIndex((l) => l.includes(text));
      for (let i = from; i < to; i++) events.keypress('down');
      events.keypress('enter');
      await new Promise((resolve) => setImmediate(resolve));
    };
    await pick('ACK from the client'); // wrong first step
    await pick('SYN from the client');
    expect(getScreen()).toMatch(
      /Your order:\n {2}1\. ACK from the client\n {2}2\. SYN from the client\n {2}3\. SYN-ACK from the server\n\nSubmit this order\?/,
    );
    await pick('start over');
    expect(getScreen()).toContain('Step 1 of 3: which comes first?');
    await pick('SYN from the client');
    await pick('SYN-ACK from the server');
    expect(getScreen()).toMatch(
      /1\. SYN from the client\n {2}2\. SYN-ACK from the server\n {2}3\. ACK from the client/,
    );
    await pick('submit');
    await expect(answer).resolves.toEqual(['syn', 'syn-ack', 'ack']);
  });
});
