// The textual guard in front of SQLite: one SELECT, WITH or VALUES statement, and no statement or function that
// reaches outside the in-memory database. Defence in depth: the child also requires a read-only statement and sets
// query_only, so this guard only has to be right about what it refuses.

export const ONE_QUERY_ONLY = 'only one SELECT, WITH or VALUES statement is run';

const FIRST_WORDS = new Set(['SELECT', 'WITH', 'VALUES']);
/** Statements and functions that open, write or configure files and connections, whatever the position. */
const FORBIDDEN_WORDS = new Set(['ATTACH', 'DETACH', 'PRAGMA', 'VACUUM', 'LOAD_EXTENSION']);

type TokenKind = 'word' | 'string' | 'identifier' | 'semicolon' | 'other';
interface Token {
  kind: TokenKind;
  /** A word or the content of a quoted identifier; the raw text otherwise. */
  text: string;
  end: number;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
// SQLite's identifier characters: ASCII letters, digits, _ and $, and every character beyond ASCII.
const isWordChar = (c: string): boolean => /[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) >= 0x80;

/** SQLite's lexical structure, enough to tell code from comments, string literals and quoted identifiers. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const closing = (quote: string, from: number): number => {
    // A doubled quote inside a literal or identifier stands for itself; an unterminated one runs to the end,
    // where SQLite reports it.
    let j = from;
    for (;;) {
      const k = sql.indexOf(quote, j);
      if (k < 0) return sql.length;
      if (quote !== ']' && sql[k + 1] === quote) {
        j = k + 2;
        continue;
      }
      return k + 1;
    }
  };
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (isSpace(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'") {
      const end = closing("'", i + 1);
      tokens.push({ kind: 'string', text: sql.slice(i, end), end });
      i = end;
    } else if (c === '"' || c === '`' || c === '[') {
      const quote = c === '[' ? ']' : c;
      const end = closing(quote, i + 1);
      const inner = sql.slice(i + 1, Math.max(i + 1, end - 1)).replaceAll(quote + quote, quote);
      tokens.push({ kind: 'identifier', text: inner, end });
      i = end;
    } else if (isWordChar(c)) {
      let j = i + 1;
      while (j < sql.length && isWordChar(sql[j] ?? '')) j++;
      tokens.push({ kind: 'word', text: sql.slice(i, j), end: j });
      i = j;
    } else {
      tokens.push({ kind: c === ';' ? 'semicolon' : 'other', text: c, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

/** The first name that must not appear, written as it was, or undefined. Quoted names count too: SQLite calls
 * `"pragma_table_info"('t')` as readily as the bare name. */
function forbiddenName(tokens: Token[]): string | undefined {
  for (const t of tokens) {
    if (t.kind !== 'word' && t.kind !== 'identifier') continue;
    const upper = t.text.toUpperCase();
    if (upper.startsWith('PRAGMA_') || upper === 'LOAD_EXTENSION') return t.text;
    // As quoted identifiers these keywords are only names; a statement needs them bare.
    if (t.kind === 'word' && FORBIDDEN_WORDS.has(upper)) return t.text;
  }
  return undefined;
}

export type GuardResult = { ok: true; sql: string } | { ok: false; message: string };

/**
 * Accepts one SELECT, WITH or VALUES statement and returns it without trailing semicolons and comments (so
 * `SELECT 1;` and `SELECT 1;;` are one statement); refuses anything else with a message for the candidate.
 */
export function guardQuery(sql: string): GuardResult {
  const tokens = tokenize(sql);
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last]?.kind === 'semicolon') last--;
  const statement = tokens.slice(0, last + 1);
  const first = statement[0];
  if (!first || first.kind !== 'word' || !FIRST_WORDS.has(first.text.toUpperCase()))
    return { ok: false, message: ONE_QUERY_ONLY };
  if (statement.some((t) => t.kind === 'semicolon')) return { ok: false, message: ONE_QUERY_ONLY };
  const name = forbiddenName(statement);
  if (name !== undefined) return { ok: false, message: `${name} is not allowed: ${ONE_QUERY_ONLY}` };
  return { ok: true, sql: sql.slice(0, statement.at(-1)?.end ?? 0) };
}

/** Setup SQL is the author's, but a bank may come from anyone: it must not reach files or settings either. */
export function guardSetup(sql: string): string | undefined {
  const name = forbiddenName(tokenize(sql));
  return name === undefined ? undefined : `${name} is not allowed in setup SQL`;
}
