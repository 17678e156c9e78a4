// One prompt at a time through @inquirer/testing: what the candidate sees and what each key press returns.
import { render } from '@inquirer/testing';
import { checkbox, input, select } from '@inquirer/prompts';
import { describe, expect, it } from 'vitest';
import { TRUE_FALSE_OPTIONS, type Question } from '../../src/core/bank-schema.js';
import { questionPrompt } from '../../src/ui/prompts.js';
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
    const { answer, events } = await render(input, p.config);
    events.type('Content-Type');
    events.keypress('enter');
    await expect(answer).resolves.toBe('Content-Type');
  });
});
