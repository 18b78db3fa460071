/**
 * A light syntax highlighter for fenced code: it splits code into comments,
 * strings, numbers, keywords and the rest, with one keyword list per
 * language family. Tokens are plain data; the view renders them as text in
 * styled spans. Good enough to read a snippet, not a parser.
 */

export type TokenKind = 'plain' | 'comment' | 'string' | 'number' | 'keyword' | 'literal';

export interface CodeToken {
  kind: TokenKind;
  text: string;
}

interface LanguageRules {
  keywords: ReadonlySet<string>;
  /** Line-comment openers of the language. */
  lineComments: readonly string[];
  blockComments: boolean;
}

/** Code longer than this is shown unhighlighted (highlighting is a nicety, not worth a slow frame). */
const MAX_HIGHLIGHT_LENGTH = 20_000;
const LITERALS = new Set(['true', 'false', 'null', 'undefined', 'None', 'True', 'False', 'nil', 'NULL']);

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}

const C_LIKE = words(
  'abstract as async await break case catch class const continue debugger default delete do else enum export extends final finally fn for from func function go if impl implements import in instanceof interface let match mod mut new package private protected pub public return static struct super switch this throw throws trait try type typeof use var void while yield',
);
const PYTHON = words('and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self');
const SHELL = words('if then else elif fi for while do done case esac function in return export local echo cd exit set unset source');
const SQL = words(
  'select from where insert into values update set delete create table drop alter index join left right inner outer on group by order having limit offset as and or not null is in like union all distinct primary key references default begin commit rollback',
);

const FAMILIES: Record<string, LanguageRules> = {
  c: { keywords: C_LIKE, lineComments: ['//'], blockComments: true },
  python: { keywords: PYTHON, lineComments: ['#'], blockComments: false },
  shell: { keywords: SHELL, lineComments: ['#'], blockComments: false },
  sql: { keywords: SQL, lineComments: ['--'], blockComments: true },
  plain: { keywords: new Set(), lineComments: [], blockComments: false },
};

const ALIASES: Record<string, keyof typeof FAMILIES> = {
  js: 'c', javascript: 'c', jsx: 'c', ts: 'c', typescript: 'c', tsx: 'c', java: 'c', kotlin: 'c', c: 'c', cpp: 'c', 'c++': 'c', cs: 'c', csharp: 'c', go: 'c', rust: 'c', rs: 'c', swift: 'c', php: 'c', json: 'c', scala: 'c', dart: 'c',
  py: 'python', python: 'python', rb: 'python', ruby: 'python', yaml: 'python', yml: 'python', toml: 'python',
  sh: 'shell', bash: 'shell', zsh: 'shell', shell: 'shell', console: 'shell', dockerfile: 'shell',
  sql: 'sql', sqlite: 'sql', postgres: 'sql', psql: 'sql',
};

/** The highlighting rules of a fence's language ('' or unknown → C-like, the most common in chat). */
function rulesFor(language: string): LanguageRules {
  if (language === 'text' || language === 'txt' || language === 'plain') return FAMILIES.plain!;
  return FAMILIES[ALIASES[language] ?? 'c']!;
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const NUMBER = /(?:0x[\da-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)\b/y;

/** Splits `code` into tokens; concatenating their text gives `code` back. */
export function highlightCode(code: string, language: string): CodeToken[] {
  if (code.length > MAX_HIGHLIGHT_LENGTH) return [{ kind: 'plain', text: code }];
  const rules = rulesFor(language);
  if (rules === FAMILIES.plain) return [{ kind: 'plain', text: code }];
  const tokens: CodeToken[] = [];
  let plain = '';
  const emit = (kind: TokenKind, text: string): void => {
    if (plain !== '') tokens.push({ kind: 'plain', text: plain });
    plain = '';
    tokens.push({ kind, text });
  };
  let i = 0;
  while (i < code.length) {
    const ch = code[i]!;
    const lineComment = rules.lineComments.find((opener) => code.startsWith(opener, i));
    if (lineComment !== undefined) {
      const end = code.indexOf('\n', i);
      const stop = end === -1 ? code.length : end;
      emit('comment', code.slice(i, stop));
      i = stop;
    } else if (rules.blockComments && code.startsWith('/*', i)) {
      const end = code.indexOf('*/', i + 2);
      const stop = end === -1 ? code.length : end + 2;
      emit('comment', code.slice(i, stop));
      i = stop;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < code.length && code[j] !== ch && !(code[j] === '\n' && ch !== '`')) j += code[j] === '\\' ? 2 : 1;
      const stop = Math.min(code.length, j + 1);
      emit('string', code.slice(i, stop));
      i = stop;
    } else if (/[A-Za-z_$]/.test(ch)) {
      IDENTIFIER.lastIndex = i;
      const word = IDENTIFIER.exec(code)?.[0] ?? ch;
      const keyword = rules.keywords.has(rules === FAMILIES.sql ? word.toLowerCase() : word);
      if (keyword) emit('keyword', word);
      else if (LITERALS.has(word)) emit('literal', word);
      else plain += word;
      i += word.length;
    } else if (/\d/.test(ch) && !/[\w$]/.test(code[i - 1] ?? '')) {
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(code)?.[0] ?? ch;
      emit('number', number);
      i += number.length;
    } else {
      plain += ch;
      i++;
    }
  }
  if (plain !== '') tokens.push({ kind: 'plain', text: plain });
  return tokens;
}
