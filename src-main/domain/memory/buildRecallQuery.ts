/**
 * Reads a recall query: its meaningful words (stopwords and question words
 * dropped, unless nothing else is left), each with the words the index
 * should also match (irregular forms: "went" for "go"; near-synonyms:
 * "afraid" for "scared"), the date it is about, and the FTS5 MATCH
 * expressions that find candidates.
 *
 * The memories index stems words itself (porter), so its expression is an
 * OR of quoted words: a memory holding any of them is a candidate, and
 * BM25 ranks those holding more, and rarer, words first. The messages index
 * does not stem, so there each word is also matched by its stem as a prefix
 * ("adopt"* finds "adoption"). Every word is a double-quoted FTS5 string
 * (inner quotes doubled), so no user text is ever FTS5 syntax.
 */
import { searchTokens } from '../rooms/searchTokens';
import { parseQueryDates, type DateAnchors, type TimeWindow } from './parseQueryDates';
import { porterStem } from './porterStem';
import { relatedForms, RECALL_STOPWORDS } from './recallWords';

/** Most words of a query used (a pasted paragraph must not make a huge OR). */
const MAX_WORDS = 24;
/** Shortest stem matched as a prefix in messages. */
const MIN_PREFIX = 4;

/** One meaningful word of a query and what counts as finding it. */
export interface RecallTerm {
  word: string;
  /** The word and its other forms, folded. */
  forms: string[];
  /** Porter stems of `forms`: a candidate holding one of them holds this word. */
  stems: Set<string>;
}

export interface RecallQuery {
  terms: RecallTerm[];
  /** MATCH for `memories_fts`, or null when the query has no word. */
  memoryMatch: string | null;
  /** MATCH for `messages_fts`, or null. */
  messageMatch: string | null;
  /** The time the query is about, or null. */
  window: TimeWindow | null;
}

function quote(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/**
 * The meaningful words of `text` (stopwords and question words dropped,
 * unless nothing else is left), one per stem, each with its related forms.
 */
export function recallTerms(text: string): RecallTerm[] {
  const tokens = searchTokens(text);
  const meaningful = tokens.filter((t) => !RECALL_STOPWORDS.has(t) && (t.length > 1 || /\d/.test(t)));
  // A query made only of common words ("who is he?") still searches for them.
  const words = meaningful.length > 0 ? meaningful : tokens;
  const terms: RecallTerm[] = [];
  const seen = new Set<string>();
  for (const word of words) {
    const stem = porterStem(word);
    if (seen.has(stem)) continue;
    seen.add(stem);
    const forms = [word, ...relatedForms(word)];
    terms.push({ word, forms, stems: new Set(forms.map(porterStem)) });
    if (terms.length === MAX_WORDS) break;
  }
  return terms;
}

/** Idioms read as the word they mean ("what does she do for a living?" asks about her job). */
const IDIOMS: [RegExp, string][] = [[/\bfor a living\b/giu, ' job ']];

/** Analyses `query` for recall; with `anchors`, relative dates and dates without a year are read too (relativeQueryDates.ts). */
export function buildRecallQuery(query: string, anchors?: DateAnchors): RecallQuery {
  const { window, rest } = parseQueryDates(query, anchors);
  const terms = recallTerms(IDIOMS.reduce((text, [idiom, meaning]) => text.replace(idiom, meaning), rest));
  if (terms.length === 0) return { terms, memoryMatch: null, messageMatch: null, window };
  const messageAlternatives = new Set<string>();
  for (const term of terms) {
    for (const form of term.forms) messageAlternatives.add(quote(form));
    const stem = porterStem(term.word);
    if (stem.length >= MIN_PREFIX && stem !== term.word && term.word.startsWith(stem)) messageAlternatives.add(`${quote(stem)}*`);
  }
  return {
    terms,
    memoryMatch: memoryMatchFor(terms),
    messageMatch: [...messageAlternatives].join(' OR '),
    window,
  };
}

/** A word as the index sees it, once case and accents are folded. */
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
const STEM_CACHE_MAX = 50_000;
const stemCache = new Map<string, string>();

function cachedStem(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(word, (stem = porterStem(word)));
  }
  return stem;
}

/** MATCH for `memories_fts` finding any form of any of `terms`, or null when there are none. */
export function memoryMatchFor(terms: readonly RecallTerm[]): string | null {
  const alternatives = [...new Set(terms.flatMap((t) => t.forms))].map(quote);
  return alternatives.length > 0 ? alternatives.join(' OR ') : null;
}

/**
 * How much of the query `text` covers: the share of the query's words
 * (any of their forms, compared by stem) found in it, from 0 to 1.
 */
export function queryCoverage(terms: readonly RecallTerm[], text: string): number {
  if (terms.length === 0) return 0;
  // Folded once for the whole text (as searchTokens folds each word), stems remembered: this runs on every candidate.
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const stems = new Set<string>();
  for (const m of folded.matchAll(WORD)) stems.add(cachedStem(m[0]));
  let found = 0;
  for (const term of terms) {
    for (const s of term.stems) {
      if (stems.has(s)) {
        found++;
        break;
      }
    }
  }
  return found / terms.length;
}
