// A small syntax highlighter for the code blocks in prompts: keywords, strings, numbers and comments.
// Hand-written because it is a few lines and loading a full highlighter would slow every start-up.
import type { Theme } from './theme.js';

const KEYWORDS = new Set(
  `select from where join left right inner outer full cross on group by order having limit offset insert into values
update set delete create table index unique primary key foreign references alter drop add column begin commit rollback
transaction isolation level read committed repeatable serializable for share nowait skip locked with as distinct union
all and or not null is in exists between like case when then else end over partition row_number rank explain analyze
return if elif for while def class import from async await function const let var new try catch finally throw func go
defer chan select package public private static void int string bool true false none nil self this yield lambda raise
except pass interface struct type map range server location listen proxy_pass upstream http events include GET POST
PUT PATCH DELETE HEAD OPTIONS HTTP echo export sudo fi do done then`
    .split(/\s+/)
    .map((w) => w.toLowerCase()),
);

const TOKEN =
  /(--[^\n]*|#[^\n]*|\/\/[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`\n]*`)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][\w]*)/g;

export function highlightCode(code: string, lang: string, theme: Theme): string {
  const commentsAllowed = !['http', 'json'].includes(lang);
  return code.replace(TOKEN, (match, comment: string, str: string, num: string, word: string) => {
    if (comment) {
      if (
        !commentsAllowed ||
        (comment.startsWith('#') && ['js', 'javascript', 'ts', 'go', 'java', 'sql'].includes(lang))
      )
        return match;
      return theme.gray(comment);
    }
    if (str) return theme.green(str);
    if (num) return theme.yellow(num);
    if (word && KEYWORDS.has(word.toLowerCase())) return theme.magenta(word);
    return match;
  });
}
