// What every interchange format reads into and writes from: imported questions, skipped constructs with their
// position, and the text conversions the formats share (HTML <-> the bank's Markdown, references in feedback).
import type { Difficulty, QuestionType } from '../core/bank-schema.js';

export { CONVERT_FORMATS, type ConvertFormat } from '../core/formats.js';

export interface SourcePosition {
  line: number;
  column: number;
}

/** A construct that cannot be represented, or a question that cannot be read: reported, never dropped silently. */
export interface Skipped extends SourcePosition {
  rule: string;
  message: string;
}

/** A question as read from another format, before ids, domain and tags are settled. */
export interface ImportedQuestion {
  at: SourcePosition;
  /** The source's own name or title, if any (GIFT ::title::, Moodle <name>). */
  name?: string;
  type: QuestionType;
  /** Markdown: paragraphs and ``` fenced code blocks, as bank prompts are written. */
  prompt: string;
  /** single / multiple: the options in source order, with any per-answer feedback. */
  options: { text: string; feedback?: string }[];
  /** single / multiple: indexes into options of the keys. */
  keys: number[];
  /** true-false: the key. */
  truth?: boolean;
  /** text: the accepted answers. */
  accepted?: string[];
  /** General feedback and any feedback not tied to one option. */
  explanation?: string;
  references: string[];
  difficulty?: Difficulty;
  /** Category path below the root: [domain, subcategory, ...] as written in the source. */
  category: string[];
  /** Tags given by the source itself (Moodle XML <tags>), not counting the difficulty tag. */
  tags?: string[];
}

export interface ParsedQuestions {
  questions: ImportedQuestion[];
  skipped: Skipped[];
  /** A title for the bank, when the source names one (a Markdown heading). */
  title?: string;
}

/** What a writer could not put in its format: the question's index in the bank, and why. */
export interface Unwritable {
  index: number;
  id: string;
  rule: string;
  message: string;
}

export interface Written {
  text: string;
  skipped: Unwritable[];
  written: number;
}

/**
 * Hands-on types (a query run against data, marked code lines, arranged steps) have no counterpart in the
 * interchange formats' core question types: a writer lists them as skipped, with this reason.
 */
export function unwritableHandsOn(type: string): string | undefined {
  return type === 'sql' || type === 'lines' || type === 'order'
    ? `${type} questions are hands-on and have no counterpart in this format`
    : undefined;
}

/** The tag Moodle XML export gives each question for its difficulty (Moodle tags are free text). */
export const DIFFICULTY_TAG = /^difficulty:(junior|mid|senior)$/;

/** Offset in text -> 1-based line and column; `lineStarts` from lineStartsOf. */
export function positionAt(lineStarts: number[], offset: number): SourcePosition {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** The BOM goes; CRLF and lone CR become LF. Line numbers are unchanged, and so are columns before a CR. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  return slug.slice(0, max).replace(/-[^-]*$/, '') || slug.slice(0, max);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
  reg: '®',
  times: '×',
  middot: '·',
};

/** HTML character references (named ones HTML authors commonly write, and numeric ones); others stay as text. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An <img> in HTML or ![alt](src) in Markdown: the bank format has no images. -1 when there is none. */
export function findImage(text: string, html = true): number {
  const found = [html ? text.search(/<img\b/i) : -1, text.search(MARKDOWN_IMAGE)].filter((i) => i >= 0);
  return found.length === 0 ? -1 : Math.min(...found);
}

export const MARKDOWN_IMAGE = /!\[[^\]\n]*\]\([^)\s]+\)/;

function inlineHtmlToMarkdown(html: string): string {
  return decodeHtmlEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(
        /<code\b[^>]*>([\s\S]*?)<\/code>/gi,
        (_m, inner: string) => `\`${inner.replace(/<[^>]*>/g, '')}\``,
      )
      .replace(
        /<a\b[^>]*href\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/gi,
        (_m, _q, href: string, inner: string) => {
          const label = inner.replace(/<[^>]*>/g, '').trim();
          const url = decodeHtmlEntities(href);
          return label === '' || decodeHtmlEntities(label) === url ? url : `[${label}](${url})`;
        },
      )
      .replace(/<li\b[^>]*>/gi, '\n- ')
      .replace(/<\/(p|div|ul|ol|h[1-6]|table|tr|blockquote)>/gi, '\n\n')
      .replace(/<[^>]*>/g, ''),
  );
}

/**
 * Moodle HTML to the bank's Markdown: <pre> (with or without <code class="language-x">) becomes a fenced code
 * block with its text kept exactly; paragraphs, line breaks, list items, inline code and links are kept;
 * other tags are dropped and white space outside <pre> collapses as a browser would show it.
 */
export function htmlToMarkdown(html: string): string {
  const parts: { code: boolean; text: string }[] = [];
  const pre = /<pre\b[^>]*>([\s\S]*?)<\/pre>/gi;
  let last = 0;
  for (let m = pre.exec(html); m !== null; m = pre.exec(html)) {
    parts.push({ code: false, text: proseToMarkdown(html.slice(last, m.index)) });
    const inner = m[1]!;
    const lang = /<code\b[^>]*class\s*=\s*["'][^"']*language-([\w+#-]+)/i.exec(inner)?.[1] ?? '';
    const code = decodeHtmlEntities(inner.replace(/<[^>]*>/g, ''))
      .replace(/^\n/, '')
      .replace(/\n$/, '');
    parts.push({ code: true, text: `\`\`\`${lang}\n${code}\n\`\`\`` });
    last = m.index + m[0].length;
  }
  parts.push({ code: false, text: proseToMarkdown(html.slice(last)) });
  // A fence needs no blank line around it (it interrupts a paragraph): the banks' own style.
  const kept = parts.filter((p) => p.text !== '');
  return kept.map((p, i) => (i === 0 ? '' : p.code || kept[i - 1]!.code ? '\n' : '\n\n') + p.text).join('');
}

function proseToMarkdown(html: string): string {
  // Source white space is not significant in HTML; only tags make line breaks.
  const collapsed = html.replace(/\s+/g, ' ');
  return inlineHtmlToMarkdown(collapsed)
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split('\n')
        .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
        .filter((line, i, lines) => line !== '' || (i > 0 && i < lines.length - 1))
        .join('\n'),
    )
    .filter((p) => p !== '')
    .join('\n\n');
}

function inlineMarkdownToHtml(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part),
    )
    .join('')
    .replace(/\n/g, '<br>\n');
}

/** Splits Markdown into prose paragraphs and fenced code blocks, in order. */
export function markdownBlocks(
  md: string,
): ({ code: false; text: string } | { code: true; lang: string; text: string })[] {
  const blocks: ({ code: false; text: string } | { code: true; lang: string; text: string })[] = [];
  const lines = md.split('\n');
  let prose: string[] = [];
  const flush = () => {
    const text = prose.join('\n').trim();
    for (const para of text.split(/\n[ \t]*\n+/))
      if (para.trim() !== '') blocks.push({ code: false, text: para.trim() });
    prose = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([\w+#-]*)\s*$/.exec(lines[i]!);
    if (!open) {
      prose.push(lines[i]!);
      continue;
    }
    const fence = open[1]!;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() !== fence) body.push(lines[j++]!);
    if (j >= lines.length) {
      // An unclosed fence is prose, as Markdown renderers treat it.
      prose.push(lines[i]!);
      continue;
    }
    flush();
    blocks.push({ code: true, lang: open[2]!, text: body.join('\n') });
    i = j;
  }
  flush();
  return blocks;
}

/** The bank's Markdown as Moodle HTML: paragraphs, <br> line breaks, inline <code>, and <pre><code> blocks. */
export function markdownToHtml(md: string): string {
  return markdownBlocks(md)
    .map((b) =>
      b.code
        ? `<pre><code${b.lang ? ` class="language-${b.lang}"` : ''}>${escapeHtml(b.text)}</code></pre>`
        : `<p>${inlineMarkdownToHtml(b.text)}</p>`,
    )
    .join('\n');
}

const URL_PATTERN = /https?:\/\/[^\s<>"'`)\]]+/g;
const REFERENCES_HEADING = /^\s*(?:\*\*)?references?:?(?:\*\*)?:?\s*$/i;

/**
 * Feedback text -> explanation and references. A trailing "References:" block of links (what our writers emit)
 * gives the references and is removed; otherwise every http(s) URL in the text is a reference and the text stays.
 */
export function splitReferences(text: string): { explanation: string; references: string[] } {
  const lines = text.replace(/\s+$/, '').split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!REFERENCES_HEADING.test(lines[i]!)) continue;
    const rest = lines.slice(i + 1).filter((l) => l.trim() !== '');
    const urls = rest.map((l) => /^\s*[-*]?\s*(?:\[[^\]]*\]\()?(https?:\/\/[^\s)]+)\)?\s*$/.exec(l)?.[1]);
    if (rest.length > 0 && urls.every((u) => u !== undefined))
      return {
        explanation: lines.slice(0, i).join('\n').trim(),
        references: urls.filter((u): u is string => u !== undefined),
      };
    break;
  }
  const found = text.match(URL_PATTERN) ?? [];
  return { explanation: text.trim(), references: [...new Set(found.map((u) => u.replace(/[.,;:]+$/, '')))] };
}

/** Explanation and references as one feedback text in Markdown, the inverse of splitReferences. */
export function joinReferences(explanation: string, references: string[]): string {
  if (references.length === 0) return explanation;
  return `${explanation}\n\nReferences:\n${references.map((r) => `- ${r}`).join('\n')}`;
}
