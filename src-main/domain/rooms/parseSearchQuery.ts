/**
 * Parses what a person types in the search box:
 * words, "quoted phrases", and the filters `from:<name|handle|me>`,
 * `in:#room`, `has:mention`, `before:YYYY-MM-DD` and `after:YYYY-MM-DD`
 * (values may be quoted: `from:"Ada Veyra"`). A filter with a value it
 * cannot use stays in the query as plain text, so typing never errors.
 */

/** A word or a quoted phrase to find. */
export interface SearchTerm {
  text: string;
  phrase: boolean;
}

export interface ParsedSearch {
  terms: SearchTerm[];
  /** The last term is a word still being typed: match it as a prefix. */
  prefixLast: boolean;
  from: string[];
  in: string[];
  hasMention: boolean;
  /** Dates as `YYYY-MM-DD`. */
  before: string | null;
  after: string | null;
}

interface Token {
  key: string | null;
  value: string;
  quoted: boolean;
}

const FILTERS = new Set(['from', 'in', 'has', 'before', 'after']);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseSearchQuery(query: string): ParsedSearch {
  const parsed: ParsedSearch = { terms: [], prefixLast: false, from: [], in: [], hasMention: false, before: null, after: null };
  const tokens = tokenize(query);
  let lastWasWord = false;
  for (const token of tokens) {
    lastWasWord = false;
    if (token.key !== null && applyFilter(parsed, token.key, token.value)) continue;
    const text = token.key !== null ? `${token.key}:${token.value}` : token.value;
    if (text.length === 0) continue;
    parsed.terms.push({ text, phrase: token.quoted });
    lastWasWord = !token.quoted;
  }
  parsed.prefixLast = lastWasWord && !/\s$/.test(query);
  return parsed;
}

/** True when `key:value` is a usable filter (and records it). */
function applyFilter(parsed: ParsedSearch, key: string, value: string): boolean {
  const v = value.trim();
  switch (key) {
    case 'from': {
      const who = v.replace(/^@/, '');
      if (who.length === 0) return false;
      parsed.from.push(who);
      return true;
    }
    case 'in': {
      const room = v.replace(/^#/, '');
      if (room.length === 0) return false;
      parsed.in.push(room);
      return true;
    }
    case 'has':
      if (v.toLowerCase() !== 'mention') return false;
      parsed.hasMention = true;
      return true;
    case 'before':
    case 'after':
      if (!isDate(v)) return false;
      parsed[key] = v;
      return true;
    default:
      return false;
  }
}

/** Splits on whitespace, keeping "quoted phrases" and `key:"quoted values"` whole. */
function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    while (i < n && /\s/.test(query[i]!)) i++;
    if (i >= n) break;
    if (query[i] === '"') {
      const end = query.indexOf('"', i + 1);
      const stop = end < 0 ? n : end;
      tokens.push({ key: null, value: query.slice(i + 1, stop), quoted: true });
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < n && !/\s/.test(query[j]!)) j++;
    const word = query.slice(i, j);
    const colon = word.indexOf(':');
    const key = colon > 0 ? word.slice(0, colon).toLowerCase() : null;
    if (key !== null && FILTERS.has(key) && query[i + colon + 1] === '"') {
      const start = i + colon + 2;
      const end = query.indexOf('"', start);
      const stop = end < 0 ? n : end;
      tokens.push({ key, value: query.slice(start, stop), quoted: true });
      i = stop + 1;
      continue;
    }
    if (key !== null && FILTERS.has(key)) tokens.push({ key, value: word.slice(colon + 1), quoted: false });
    else tokens.push({ key: null, value: word, quoted: false });
    i = j;
  }
  return tokens;
}

function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Local midnight at the start of `YYYY-MM-DD`, plus `days`, in ms. */
export function startOfLocalDay(date: string, days = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).getTime();
}
