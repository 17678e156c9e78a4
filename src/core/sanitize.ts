// Text from bank and result files is untrusted: strip what a terminal would execute or reorder.
/* eslint-disable no-control-regex -- matching control characters is the point of this module */

// ESC-introduced sequences (CSI, OSC with BEL or ST terminator, other two-byte escapes), then lone controls.
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])?/g;
const C1_CSI_OSC = /\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007\u009c]*[\u0007\u009c]?/g;
// C0 except tab and newline, DEL, C1, and the bidi embedding/override/isolate controls (Trojan Source).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function sanitizeText(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(C1_CSI_OSC, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '');
}

/** One field inside a line of output (a name, an id): newlines and tabs become spaces, so it cannot fake lines. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text).replace(/[\n\t]+/g, ' ');
}

// What our own interface writes to a terminal: colours (SGR), cursor moves and line erases, cursor show/hide.
const OWN_SEQUENCE = /^\u001b\[(?:[0-9;]*[mABCDGHK]|\?25[hl])$/;
const ANY_ESCAPE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -/]*[0-~])?/g;
// As CONTROL, but ESC is left to the escape filter (it already removed every ESC it does not keep).
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The filter on everything written to a terminal: keeps the escape sequences our prompts, spinner and colours use
 * and removes every other one (window titles, hyperlinks, screen clears, device queries), lone carriage returns,
 * C0 controls other than newline and tab, C1 controls and bidi overrides. Fields from files are also cleaned where
 * they are printed (sanitizeText, sanitizeLine), so colours can only come from us.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(ANY_ESCAPE, (sequence) => (OWN_SEQUENCE.test(sequence) ? sequence : ''))
    .replace(C1_CSI_OSC, '')
    .replace(/\r\n/g, '\n')
    .replace(TERMINAL_CONTROL, '');
}

export interface PromptSegment {
  kind: 'text' | 'code';
  text: string;
  lang: string;
}

/** Splits a prompt into prose and fenced code blocks (```lang ... ```). */
export function splitPrompt(prompt: string): PromptSegment[] {
  const segments: PromptSegment[] = [];
  const fence = /^```([\w+-]*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  let last = 0;
  for (let m = fence.exec(prompt); m; m = fence.exec(prompt)) {
    if (m.index > last) segments.push({ kind: 'text', text: prompt.slice(last, m.index), lang: '' });
    segments.push({ kind: 'code', text: (m[2] ?? '').replace(/\n$/, ''), lang: m[1] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < prompt.length) segments.push({ kind: 'text', text: prompt.slice(last), lang: '' });
  return segments
    .map((s) => (s.kind === 'text' ? { ...s, text: s.text.replace(/^\n+|\n+$/g, '') } : s))
    .filter((s) => s.text !== '');
}
