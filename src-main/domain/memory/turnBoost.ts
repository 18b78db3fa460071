/**
 * What recall can tell about a memory that is a turn of a conversation
 * ("Ana: I moved to Lisbon last week", one memory per turn, as an imported
 * conversation is): who speaks, and how much the turn says. Recall favours
 * the turns of the person a question names, and keeps one-line replies
 * ("Ha, me too!"), which BM25 likes for their shortness, from taking the
 * ranks of turns that say something.
 */
import { foldToken } from '../rooms/searchTokens';
import { RECALL_STOPWORDS } from './recallWords';

/** "Name: " or "First Last: " at the start of a turn (a capitalised name of at most three words). */
const SPEAKER = /^\s*(\p{Lu}[\p{L}\p{M}'’.-]{0,40}(?:\s\p{Lu}[\p{L}\p{M}'’.-]{0,40}){0,2})\s?:\s/u;
/** A word as the index sees it (searchTokens.ts). */
const TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
const PLAIN = /^[a-zA-Z0-9]*$/;

/** Share of its fused score a turn gains when the query names its speaker. */
const SPEAKER_BOOST = 0.1;
/** A turn with fewer meaningful words than this (after its speaker) is a short reply… */
const SHORT_TURN_WORDS = 4;
/** …and loses this share of its fused score. */
const SHORT_TURN_PENALTY = 0.1;

/**
 * How a memory's fused score moves for a query whose words (folded) are
 * `queryWords`: up when it is a turn whose speaker the query names, down
 * when it says little. 0 for a memory that is neither.
 */
export function turnBoost(text: string, queryWords: ReadonlySet<string>): number {
  const m = SPEAKER.exec(text);
  let boost = 0;
  if (m && m[1]!.split(/\s+/).some((w) => queryWords.has(foldToken(w)))) boost += SPEAKER_BOOST;
  let words = 0;
  // This runs on every candidate: a word is folded only when it is not plain ASCII letters and digits.
  for (const w of (m ? text.slice(m[0].length) : text).matchAll(TOKEN)) {
    const word = PLAIN.test(w[0]) ? w[0].toLowerCase() : foldToken(w[0]);
    if (word.length > 1 && !RECALL_STOPWORDS.has(word) && ++words >= SHORT_TURN_WORDS) return boost;
  }
  return boost - SHORT_TURN_PENALTY;
}
