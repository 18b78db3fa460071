/**
 * Knowledge search: hybrid BM25 + vectors, fused by reciprocal rank.
 *
 * 1. Full text: BM25 over the passages of the scopes asked for, for an OR
 *    of the query's meaningful words (stopwords and question words dropped
 *    unless nothing else is left; words found in most passages dropped
 *    when rarer ones are there; irregular forms and near-synonyms added;
 *    the index stems), weighing words of headings and titles above the
 *    body's. Candidates far below the best one are dropped (a passage that
 *    merely shares a common word is not relevant).
 * 2. Coverage: the same candidates ordered by how many of the query's
 *    words they hold, so a passage answering the whole question beats one
 *    repeating a single rare word.
 * 3. Vectors, when the workspace has an embeddings model: nearest passages
 *    to the query's vector (similar meaning with other words).
 *
 * The lists are fused by reciprocal rank (memory recall's fusion, without
 * its recency and importance weighting, which documents do not have).
 * Words are read as memory recall reads them (its stopwords and forms);
 * dates are not taken out of the query: in a document they are
 * words like any other.
 */
import type { KnowledgeChunkRow, KnowledgeQueries, ScoredKnowledgeChunkRow } from '../../storage/knowledge/KnowledgeQueries';
import type { KnowledgeVectorStore } from '../../storage/knowledge/KnowledgeVectorStore';
import { memoryMatchFor, recallTerms, type RecallTerm } from '../memory/buildRecallQuery';
import { fuseRankings, type FusionCandidate, type RankedList } from '../memory/fuseRankings';
import { headingsOf, knowledgeSource } from './knowledgeSource';

/** Most words of a query used (a pasted paragraph must not make a huge OR). */
/** Full-text candidates read. */
const LEXICAL_CANDIDATES = 100;
/** A full-text candidate scoring less than this share of the best one is dropped. */
const RELATIVE_FLOOR = 0.15;
/** A vector candidate less similar than this share of the best one's similarity is dropped. */
const VECTOR_RELATIVE_FLOOR = 0.6;
/** A word in more than this share of the passages (and more than COMMON_MIN of them) is common. */
const COMMON_SHARE = 0.1;
const COMMON_MIN = 200;
/** Weights of the lists in the fusion. */
const WEIGHTS = { bm25: 1, coverage: 0.5, vector: 1 } as const;

/** A passage found, with its citation. */
export interface FoundPassage {
  row: KnowledgeChunkRow;
  source: string;
  score: number;
}

interface Candidate extends FusionCandidate {
  row: KnowledgeChunkRow;
}

/** Where search reads, in one workspace. */
export interface KnowledgeSources {
  queries: KnowledgeQueries;
  vectors: KnowledgeVectorStore;
}

/** The `k` passages of `scopes` most relevant to `query`, best first. */
export function searchKnowledge(
  sources: KnowledgeSources,
  scopes: readonly string[],
  query: string,
  k: number,
  vector: { model: string; values: Float32Array } | null,
): FoundPassage[] {
  // Matched as ORs of double-quoted words (memoryMatchFor): no user text is ever FTS5 syntax.
  const { terms, common } = selectiveTerms(sources.queries, recallTerms(query));
  const lists: RankedList<Candidate>[] = [];
  if (terms.length > 0) {
    const rows = lexicalCandidates(sources.queries, terms, common, scopes, k);
    const best = -(rows[0]?.bm25 ?? 0);
    const relevant = rows.filter((r) => -r.bm25 >= best * RELATIVE_FLOOR).map(candidate);
    lists.push({ weight: WEIGHTS.bm25, items: relevant });
    const coverage = termCoverage(sources.queries, terms, relevant.map((c) => c.row.seq));
    // Stable sort: equal coverage keeps the BM25 order.
    lists.push({ weight: WEIGHTS.coverage, items: [...relevant].sort((a, b) => (coverage.get(b.row.seq) ?? 0) - (coverage.get(a.row.seq) ?? 0)) });
  }
  if (vector) {
    const found = sources.vectors.search(scopes, vector.model, vector.values, Math.max(k * 3, 30));
    const best = 1 - (found[0]?.distance ?? 1);
    const hits = found.filter((h) => 1 - h.distance >= best * VECTOR_RELATIVE_FLOOR);
    const rows = new Map(sources.queries.bySeq(hits.map((h) => h.seq)).map((r) => [r.seq, r]));
    lists.push({ weight: WEIGHTS.vector, items: hits.flatMap((h) => (rows.has(h.seq) ? [candidate(rows.get(h.seq)!)] : [])) });
  }
  return fuseRankings(lists, k, { weighting: false }).map(({ item, score }) => ({
    row: item.row,
    source: knowledgeSource(item.row.file_name, headingsOf(item.row.heading), item.row.page, item.row.page_end),
    score,
  }));
}

/**
 * The query's words worth searching for: those found in at most
 * COMMON_SHARE of the passages when the query has any, else all of them
 * (`common`). A word found nearly everywhere neither finds nor ranks the
 * answer (BM25 gives it almost no weight) but makes the index rank most
 * passages, which costs more than everything else a search does.
 */
function selectiveTerms(queries: KnowledgeQueries, terms: readonly RecallTerm[]): { terms: RecallTerm[]; common: boolean } {
  if (terms.length < 2) return { terms: [...terms], common: false };
  const total = queries.totalChunks();
  const cap = Math.max(COMMON_MIN, Math.ceil(total * COMMON_SHARE));
  if (total <= cap) return { terms: [...terms], common: false };
  const counts = terms.map((t) => queries.countMatching(memoryMatchFor([t])!, cap + 1));
  const rare = terms.filter((_, i) => counts[i]! > 0 && counts[i]! <= cap);
  if (rare.length > 0) return { terms: rare, common: false };
  // Words found nowhere cannot help; what is left is common.
  const found = terms.filter((_, i) => counts[i]! > 0);
  return { terms: found, common: found.length > 1 };
}

/**
 * Full-text candidates, best first. When every word is common, passages
 * holding all of them are asked for first (far fewer to rank); any of them
 * only when those are too few.
 */
function lexicalCandidates(queries: KnowledgeQueries, terms: readonly RecallTerm[], common: boolean, scopes: readonly string[], k: number): ScoredKnowledgeChunkRow[] {
  if (common) {
    const every = terms.map((t) => `(${memoryMatchFor([t])!})`).join(' AND ');
    const rows = queries.search(every, scopes, LEXICAL_CANDIDATES);
    if (rows.length >= k) return rows;
  }
  return queries.search(memoryMatchFor(terms)!, scopes, LEXICAL_CANDIDATES);
}

/**
 * How many of the query's words each passage of `seqs` holds, asked of the
 * index one word at a time (any of its forms): the index has the passages'
 * words stemmed already, where reading and stemming each passage's text
 * here would cost more than the search itself (passages are long).
 */
function termCoverage(queries: KnowledgeQueries, terms: readonly RecallTerm[], seqs: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  if (terms.length < 2) return counts;
  for (const term of terms) {
    const match = memoryMatchFor([term]);
    if (match === null) continue;
    for (const seq of queries.matching(match, seqs)) counts.set(seq, (counts.get(seq) ?? 0) + 1);
  }
  return counts;
}

function candidate(row: KnowledgeChunkRow): Candidate {
  return { key: String(row.seq), row, importance: 0.5, pinned: false, time: 0 };
}
