/**
 * What recall can tell about memories that are turns of a conversation
 * ("Ana: I moved to Lisbon last week", one memory per turn, as an imported
 * conversation is): who speaks, how much a turn says, and which turns
 * belong to one session (a sitting of the conversation: turns close in
 * time). Recall uses it to favour the turns of the person a question names,
 * to keep one-line replies ("Ha, me too!") from taking the ranks of turns
 * that say something, and to spread its results over sessions.
 */
import { foldToken, searchTokens } from '../rooms/searchTokens';
import { RECALL_STOPWORDS } from './recallWords';

/** "Name: " or "First Last: " at the start of a turn (a capitalised name of at most three words). */
const SPEAKER = /^\s*(\p{Lu}[\p{L}\p{M}'’.-]{0,40}(?:\s\p{Lu}[\p{L}\p{M}'’.-]{0,40}){0,2})\s?:\s/u;

/** Share of its fused score a turn gains when the query names its speaker. */
const SPEAKER_BOOST = 0.1;
/** A turn with fewer meaningful words than this (after its speaker) is a short reply… */
const SHORT_TURN_WORDS = 4;
/** …and loses this share of its fused score. */
const SHORT_TURN_PENALTY = 0.1;

/** Two turns more than this far apart in time are not in the same session. */
const SESSION_GAP_MS = 6 * 3_600_000;
/** Results from one session beyond this many… */
const SESSION_SHARE = 3;
/** …lose this factor of their score for each one more. */
const SESSION_DECAY = 0.85;

/** The folded words of the speaker's name of a turn ("Ana Silva: …" → ["ana", "silva"]), or null when it names none. */
export function speakerOf(text: string): string[] | null {
  const m = SPEAKER.exec(text);
  return m ? m[1]!.split(/\s+/).map(foldToken) : null;
}

/**
 * How a turn's fused score moves for a query whose words (folded) are
 * `queryWords`: up when the query names its speaker, down when it is a
 * short reply. 0 for a text that is not a turn and not short.
 */
export function turnBoost(text: string, queryWords: ReadonlySet<string>): number {
  const m = SPEAKER.exec(text);
  let boost = 0;
  if (m && m[1]!.split(/\s+/).some((w) => queryWords.has(foldToken(w)))) boost += SPEAKER_BOOST;
  let words = 0;
  for (const t of searchTokens(m ? text.slice(m[0].length) : text)) {
    if (t.length > 1 && !RECALL_STOPWORDS.has(t) && ++words >= SHORT_TURN_WORDS) return boost;
  }
  return boost - SHORT_TURN_PENALTY;
}

/** Something with a time and an order of recording. */
export interface TimedTurn {
  seq: number;
  at: number | null;
  created_at: number;
}

/**
 * A session number for each of `turns` (by `seq`): turns sorted by time
 * (`at`, or when they were recorded) start a new session after a gap of
 * more than SESSION_GAP_MS. Only the given turns are looked at, so two
 * sessions close in time may merge; it groups, it does not name.
 */
export function sessionsOf(turns: readonly TimedTurn[]): Map<number, number> {
  const sorted = [...turns].sort((a, b) => (a.at ?? a.created_at) - (b.at ?? b.created_at) || a.seq - b.seq);
  const out = new Map<number, number>();
  let session = -1;
  let last = -Infinity;
  for (const t of sorted) {
    const time = t.at ?? t.created_at;
    if (time - last > SESSION_GAP_MS) session++;
    last = time;
    out.set(t.seq, session);
  }
  return out;
}

/**
 * The `k` best of `ranked` (best first) once results beyond the first
 * SESSION_SHARE of one session are made to yield, a little more for each
 * one: a question whose answer is spread over several sessions ("what
 * hobbies has she taken up?") should not see its ten results taken by the
 * one session that matched best. `turnOf` gives an item's turn, or null
 * (an item outside any session, such as a message, keeps its score).
 */
export function spreadSessions<T>(ranked: readonly { item: T; score: number }[], turnOf: (item: T) => TimedTurn | null, k: number): { item: T; score: number }[] {
  const turns = ranked.flatMap((r) => {
    const t = turnOf(r.item);
    return t ? [t] : [];
  });
  const sessions = sessionsOf(turns);
  const seen = new Map<number, number>();
  const rescored = ranked.map((r, rank) => {
    const t = turnOf(r.item);
    const session = t ? sessions.get(t.seq) : undefined;
    if (session === undefined) return { ...r, rank };
    const n = (seen.get(session) ?? 0) + 1;
    seen.set(session, n);
    return { ...r, rank, score: n > SESSION_SHARE ? r.score * SESSION_DECAY ** (n - SESSION_SHARE) : r.score };
  });
  rescored.sort((a, b) => b.score - a.score || a.rank - b.rank);
  return rescored.slice(0, k).map(({ item, score }) => ({ item, score }));
}
