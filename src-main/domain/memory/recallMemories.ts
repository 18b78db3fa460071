/**
 * The recall algorithm (docs/memory.md): gathers ranked lists of candidates
 * and fuses them.
 *
 * 1. Full text: BM25 over the memories index for an OR of the query's
 *    meaningful words (stemmed by the index, irregular forms added), so a
 *    memory holding several of the words, and rare ones, comes first.
 * 2. Coverage: the same candidates ordered by the share of the query's words
 *    they hold, so a memory answering the whole question beats one that
 *    repeats a single rare word.
 * 3. Vectors, when the workspace has an embeddings model: nearest memories
 *    to the query's vector; in a recall, only those the words missed.
 * 4. Date: when the query names a date, the best full-text matches among
 *    memories of that time, then the other memories of that time.
 * 5. Context: the memories recorded just before and after the best full-text hits (two
 *    on each side, from the same conversation: within half a day) that no
 *    other list found. Imported conversations are one memory per turn, and
 *    the answer to a question is often the reply to the turn that names its
 *    subject, without repeating its words.
 * 6. Replies: the turn right after each of the best full-text hits that is a
 *    question ("Who is teaching you?" → "A retired cellist, Mrs. Okafor").
 * 7. Conversations: the same two lexical lists over messages the digital
 *    human wrote, was mentioned in, or could read, as items of kind 'message'.
 *
 * The lists are fused by reciprocal rank, then weighted gently by
 * importance, pinning and recency (fuseRankings.ts), and, for memories that
 * are turns of a conversation, by who speaks and how much the turn says
 * (turnBoost.ts).
 */
import type { RecallItem } from '../../common/contract/memorySchemas';
import type { MemoryQueries, MemoryRow } from '../../storage/memory/MemoryQueries';
import type { MemoryVectorStore } from '../../storage/memory/MemoryVectorStore';
import { searchDhMessages, type DhMessageRow } from '../../storage/memory/searchDhMessages';
import type { SqliteDb } from '../../storage/openSqlite';
import { buildRecallQuery, memoryMatchFor, queryCoverage, type RecallTerm } from './buildRecallQuery';
import { turnBoost } from './turnBoost';
import { fuseRankings, type FusionCandidate, type RankedList } from './fuseRankings';

/**
 * A full-text candidate scoring less than this share of the best one is
 * dropped. Rank fusion sees ranks, not scores: without a floor, the many
 * memories that only share a word found nearly everywhere (the speaker's
 * name in every turn of a conversation, BM25 ≈ 0) would take ranks, and
 * credit, as if they matched.
 */
const RELATIVE_FLOOR = 0.15;

/**
 * Likewise for vectors: a candidate less similar (cosine) than this share of
 * the best one's similarity is dropped. Unrelated texts keep some similarity
 * under any model, and should not take ranks in the fusion.
 */
const VECTOR_RELATIVE_FLOOR = 0.6;

/** A word found in more than this share of the memories (and COMMON_MIN_DOCS) is too common to search for beside rarer ones. */
const COMMON_SHARE = 0.1;
const COMMON_MIN_DOCS = 2000;
/** Words whose commonness is remembered, per database. */
const COMMON_CACHE_MAX = 5000;
const commonCache = new WeakMap<MemoryQueries, { size: number; words: Map<string, boolean> }>();

/**
 * Full-text candidates read per lexical list. 60 rather than 100 costs
 * nothing on the labelled conversations (the relative floor keeps fewer
 * anyway) and saves about a tenth of a recall among 100,000 memories.
 */
const LEXICAL_CANDIDATES = 60;
/** Nearest memories read from the vectors (at least; twice k when more are wanted). */
const VECTOR_CANDIDATES = 20;
/** Candidates of the date list. */
const DATE_CANDIDATES = 50;
/** Conversation messages read. */
const MESSAGE_CANDIDATES = 30;

/** A turn that asks something: it ends with a question mark. */
const QUESTION = /\?\s*$/;

/** Best full-text hits whose neighbours form the context list (and whose reply, when they ask something, the replies list). */
const CONTEXT_SEEDS = 8;
/** Neighbours of a hit, in order: the reply, the turn before, then one further on each side. */
const CONTEXT_OFFSETS = [1, -1, 2, -2] as const;
/** Two memories farther apart than this (by `at`) are not the same conversation. */
const CONTEXT_MAX_GAP_MS = 12 * 3_600_000;

/**
 * Weights of the lists in the fusion. Context and replies weigh as much as
 * they do because in a conversation the answer is so often the turn next to
 * the one holding the question's words (docs/memory.md, "Measuring recall").
 * In a recall, the vector list holds only what the words missed, and its
 * hits seed no context: an embeddings model that ranks worse than full text
 * must not reorder what full text found (a weak model made hybrid recall
 * worse than full text alone on every kind of question). To compare texts
 * (`findSimilar`), the whole vector list counts.
 */
const WEIGHTS = { bm25: 1, coverage: 0.5, vector: 1, date: 1, context: 1, replies: 0.75, messages: 0.8 } as const;

/** Where recall reads, for one workspace. */
export interface RecallSources {
  db: SqliteDb;
  queries: MemoryQueries;
  vectors: MemoryVectorStore;
}

export interface RecallOptions {
  k: number;
  /** The query's vector and the model that made it, when vectors are on. */
  vector: { model: string; values: Float32Array } | null;
  /** Search the conversations too (recall) or memories only (findSimilar). */
  messages: boolean;
  /** Apply the date, importance, pinning, recency and conversation signals (off to compare texts only). */
  weighting: boolean;
  /** Now (ms), for relative dates in the query ("last week"); the clock by default. */
  now?: number;
}

interface Candidate extends FusionCandidate {
  result: RecallItem;
  /** The memory's row (null for a message). */
  row: MemoryRow | null;
}

/** A recalled item; for a memory, also its projected row. */
export interface RecalledItem {
  item: RecallItem;
  row: MemoryRow | null;
}

/** The `k` items most relevant to `query` for digital human `dhId`. */
export function recallMemories(sources: RecallSources, dhId: string, query: string, options: RecallOptions): RecalledItem[] {
  const now = options.now ?? Date.now();
  // A month without a year ("in May") is the latest one up to the most recent memory: a conversation imported from the past is read in its own time.
  const q = options.weighting ? buildRecallQuery(query, { now, latest: () => sources.queries.latestAt(dhId, now) ?? now }) : buildRecallQuery(query);
  const lists: RankedList<Candidate>[] = [];
  const seeds: MemoryRow[] = [];
  let lexical: MemoryRow[] = [];

  const memoryMatch = memoryMatchFor(selectiveTerms(sources.queries, q.terms));
  if (memoryMatch !== null) {
    lexical = relevantOnly(sources.queries.search(dhId, memoryMatch, LEXICAL_CANDIDATES));
    const candidates = lexical.map(memoryCandidate);
    lists.push({ weight: WEIGHTS.bm25, items: candidates }, { weight: WEIGHTS.coverage, items: byCoverage(q.terms, candidates) });
    seeds.push(...lexical.slice(0, CONTEXT_SEEDS));
  }
  if (options.vector) {
    const found = sources.vectors.search(dhId, options.vector.model, options.vector.values, Math.max(options.k * 2, VECTOR_CANDIDATES));
    const best = 1 - (found[0]?.distance ?? 1);
    const hits = found.filter((h) => 1 - h.distance >= best * VECTOR_RELATIVE_FLOOR);
    const rows = new Map(sources.queries.bySeq(hits.map((h) => h.seq)).map((r) => [r.seq, r]));
    const items = hits.flatMap((h) => {
      const row = rows.get(h.seq);
      return row ? [memoryCandidate(row)] : [];
    });
    const lexicalKeys = new Set(lists.flatMap((l) => l.items.map((c) => c.key)));
    lists.push({ weight: WEIGHTS.vector, items: options.weighting ? items.filter((c) => !lexicalKeys.has(c.key)) : items });
  }
  if (options.weighting && seeds.length > 0) {
    // Only neighbours found by nothing else: a memory that holds the words has its own evidence,
    // and crediting it again for being near another would favour clusters of weak matches.
    const found = new Set(lists.flatMap((l) => l.items.map((c) => c.key)));
    const near = neighboursOf(sources.queries, dhId, seeds);
    lists.push({ weight: WEIGHTS.context, items: contextOf(near, seeds).filter((c) => !found.has(c.key)) });
    lists.push({ weight: WEIGHTS.replies, items: repliesTo(near, seeds) });
  }
  if (options.weighting && q.window !== null) {
    // The matches of that time first, then the rest of that time: the words may not be in the answer.
    const matching = memoryMatch !== null ? sources.queries.search(dhId, memoryMatch, DATE_CANDIDATES, q.window) : [];
    const seen = new Set(matching.map((r) => r.seq));
    const rest = sources.queries.inWindow(dhId, q.window, DATE_CANDIDATES).filter((r) => !seen.has(r.seq));
    lists.push({ weight: WEIGHTS.date, items: [...matching, ...rest].slice(0, DATE_CANDIDATES).map(memoryCandidate) });
  }
  if (options.messages && q.messageMatch !== null) {
    const candidates = relevantOnly(searchDhMessages(sources.db, dhId, q.messageMatch, MESSAGE_CANDIDATES)).map(messageCandidate);
    lists.push(
      { weight: WEIGHTS.messages * WEIGHTS.bm25, items: candidates },
      { weight: WEIGHTS.messages * WEIGHTS.coverage, items: byCoverage(q.terms, candidates) },
    );
  }
  if (options.weighting) {
    // Each candidate's own signals, computed once though it may be in several lists.
    const words = new Set(q.terms.map((t) => t.word));
    const boosts = new Map<string, number>();
    for (const list of lists) {
      for (const c of list.items) {
        if (!c.row) continue;
        let boost = boosts.get(c.key);
        if (boost === undefined) boosts.set(c.key, (boost = turnBoost(c.row.text, words)));
        c.boost = boost;
      }
    }
  }
  return fuseRankings(lists, options.k, { weighting: options.weighting, window: q.window }).map(({ item, score }) => ({
    item: { ...item.result, score: Math.round(score * 1e6) / 1e6 },
    row: item.row,
  }));
}

/** The turn right after each of `seeds` that asks a question (in the same conversation), in the order of their seeds; `near` from neighboursOf. */
function repliesTo(near: ReadonlyMap<number, MemoryRow>, seeds: readonly MemoryRow[]): Candidate[] {
  return seeds.flatMap((r) => {
    const reply = QUESTION.test(r.text) ? near.get(r.seq + 1) : undefined;
    return reply && sameConversation(r, reply) ? [memoryCandidate(reply)] : [];
  });
}

/**
 * The terms worth searching the index for: a word found in a large share of
 * the memories (a speaker's name on every turn) is left out of the MATCH
 * when the query has rarer words. Its BM25 weight is near zero anyway, but
 * ranking every memory that holds it would cost a pass over most of the
 * index; the coverage list still counts it.
 */
function selectiveTerms(queries: MemoryQueries, terms: readonly RecallTerm[]): RecallTerm[] {
  if (terms.length < 2) return [...terms];
  const size = queries.sizeBound();
  // Too few memories for any word to be costly.
  if (size <= COMMON_MIN_DOCS) return [...terms];
  const common = Math.max(COMMON_MIN_DOCS, Math.floor(size * COMMON_SHARE));
  const selective = terms.filter((t) => !isCommon(queries, memoryMatchFor([t])!, size, common));
  return selective.length > 0 ? selective : [...terms];
}

/** Whether more than `common` memories match `match`; remembered per database until it grows by a tenth. */
function isCommon(queries: MemoryQueries, match: string, size: number, common: number): boolean {
  let cache = commonCache.get(queries);
  if (!cache || size > cache.size * 1.1 || size < cache.size) commonCache.set(queries, (cache = { size, words: new Map() }));
  let found = cache.words.get(match);
  if (found === undefined) {
    found = queries.countMatches(match, common + 1) > common;
    if (cache.words.size >= COMMON_CACHE_MAX) cache.words.clear();
    cache.words.set(match, found);
  }
  return found;
}

/** `rows` (best first, FTS5 BM25: lower is better) without those far weaker than the best. */
function relevantOnly<T extends { bm25: number }>(rows: readonly T[]): T[] {
  const best = rows[0]?.bm25 ?? 0;
  return rows.filter((r) => r.bm25 <= best * RELATIVE_FLOOR);
}

/** The memories of `dhId` recorded near `seeds` (by local seq, which follows the order memories were recorded), by seq. */
function neighboursOf(queries: MemoryQueries, dhId: string, seeds: readonly MemoryRow[]): Map<number, MemoryRow> {
  const wanted = new Set(seeds.flatMap((row) => CONTEXT_OFFSETS.map((d) => row.seq + d)));
  return new Map(queries.bySeq([...wanted]).filter((r) => r.dh_id === dhId).map((r) => [r.seq, r]));
}

/** The neighbours of `seeds` in the same conversation, in the order of their seeds; `rows` from neighboursOf. */
function contextOf(rows: ReadonlyMap<number, MemoryRow>, seeds: readonly MemoryRow[]): Candidate[] {
  const seen = new Set<number>();
  const out: Candidate[] = [];
  for (const seed of seeds) {
    for (const d of CONTEXT_OFFSETS) {
      const row = rows.get(seed.seq + d);
      if (!row || seen.has(row.seq) || !sameConversation(seed, row)) continue;
      seen.add(row.seq);
      out.push(memoryCandidate(row));
    }
  }
  return out;
}

/** Whether two memories were recorded in one conversation: close in time, or added in one batch. */
function sameConversation(a: MemoryRow, b: MemoryRow): boolean {
  if (a.at !== null && b.at !== null) return Math.abs(a.at - b.at) <= CONTEXT_MAX_GAP_MS;
  return a.at === null && b.at === null && a.created_at === b.created_at;
}

/** `candidates` ordered by how much of the query each covers (stable: BM25 order breaks ties). */
function byCoverage(terms: readonly RecallTerm[], candidates: readonly Candidate[]): Candidate[] {
  if (terms.length < 2) return [...candidates];
  const coverage = new Map(candidates.map((c) => [c.key, queryCoverage(terms, `${c.result.text} ${c.result.tags.join(' ')}`)]));
  return [...candidates].sort((a, b) => coverage.get(b.key)! - coverage.get(a.key)!);
}

function memoryCandidate(row: MemoryRow): Candidate {
  const tags = row.tags.length > 0 ? row.tags.split(' ') : [];
  return {
    key: `memory:${row.id}`,
    importance: row.importance,
    pinned: row.pinned === 1,
    time: row.at ?? row.created_at,
    row,
    result: {
      kind: row.kind as RecallItem['kind'],
      id: row.id,
      text: row.text,
      score: 0,
      source: row.source,
      at: row.at,
      tags,
      pinned: row.pinned === 1,
      roomId: null,
      authorId: null,
    },
  };
}

function messageCandidate(row: DhMessageRow): Candidate {
  return {
    key: `message:${row.room_id}/${row.id}`,
    importance: 0.5,
    pinned: false,
    time: row.created_at,
    row: null,
    result: {
      kind: 'message',
      id: row.id,
      text: row.text,
      score: 0,
      source: null,
      at: row.created_at,
      tags: [],
      pinned: false,
      roomId: row.room_id,
      authorId: row.author_id,
    },
  };
}
