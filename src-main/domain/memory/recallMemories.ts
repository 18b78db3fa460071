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
 *    to the query's vector.
 * 4. Date: when the query names a date, the best full-text matches among
 *    memories of that time (or, without words, the memories of that time).
 * 5. Conversations: the same two lexical lists over messages the digital
 *    human wrote, was mentioned in, or could read, as items of kind 'message'.
 *
 * The lists are fused by reciprocal rank, then weighted gently by
 * importance, pinning and recency (fuseRankings.ts).
 */
import type { RecallItem } from '../../common/contract/memorySchemas';
import type { MemoryQueries, MemoryRow } from '../../storage/memory/MemoryQueries';
import type { MemoryVectorStore } from '../../storage/memory/MemoryVectorStore';
import { searchDhMessages, type DhMessageRow } from '../../storage/memory/searchDhMessages';
import type { SqliteDb } from '../../storage/openSqlite';
import { buildRecallQuery, queryCoverage, type RecallTerm } from './buildRecallQuery';
import { fuseRankings, type FusionCandidate, type RankedList } from './fuseRankings';

/** Full-text candidates read per lexical list. */
const LEXICAL_CANDIDATES = 100;
/** Candidates of the date list. */
const DATE_CANDIDATES = 50;
/** Conversation messages read. */
const MESSAGE_CANDIDATES = 30;

/** Weights of the lists in the fusion. */
const WEIGHTS = { bm25: 1, coverage: 0.5, vector: 1, date: 1, messages: 0.8 } as const;

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
  /** Apply the date, importance, pinning and recency signals (off to compare texts only). */
  weighting: boolean;
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
  const q = buildRecallQuery(query);
  const lists: RankedList<Candidate>[] = [];

  if (q.memoryMatch !== null) {
    const rows = sources.queries.search(dhId, q.memoryMatch, LEXICAL_CANDIDATES);
    const candidates = rows.map(memoryCandidate);
    lists.push({ weight: WEIGHTS.bm25, items: candidates }, { weight: WEIGHTS.coverage, items: byCoverage(q.terms, candidates) });
  }
  if (options.vector) {
    const hits = sources.vectors.search(dhId, options.vector.model, options.vector.values, Math.max(options.k * 3, 30));
    const rows = new Map(sources.queries.bySeq(hits.map((h) => h.seq)).map((r) => [r.seq, r]));
    const items = hits.flatMap((h) => {
      const row = rows.get(h.seq);
      return row ? [memoryCandidate(row)] : [];
    });
    lists.push({ weight: WEIGHTS.vector, items });
  }
  if (options.weighting && q.window !== null) {
    const rows = q.memoryMatch !== null ? sources.queries.search(dhId, q.memoryMatch, DATE_CANDIDATES, q.window) : sources.queries.inWindow(dhId, q.window, DATE_CANDIDATES);
    lists.push({ weight: WEIGHTS.date, items: rows.map(memoryCandidate) });
  }
  if (options.messages && q.messageMatch !== null) {
    const candidates = searchDhMessages(sources.db, dhId, q.messageMatch, MESSAGE_CANDIDATES).map(messageCandidate);
    lists.push(
      { weight: WEIGHTS.messages * WEIGHTS.bm25, items: candidates },
      { weight: WEIGHTS.messages * WEIGHTS.coverage, items: byCoverage(q.terms, candidates) },
    );
  }
  return fuseRankings(lists, options.k, { weighting: options.weighting }).map(({ item, score }) => ({
    item: { ...item.result, score: Math.round(score * 1e6) / 1e6 },
    row: item.row,
  }));
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
