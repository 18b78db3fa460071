/**
 * Knowledge search: hybrid BM25 + vectors, fused by reciprocal rank.
 *
 * 1. Full text: BM25 over the passages of the scopes asked for, for an OR
 *    of the query's meaningful words (stopwords and question words dropped
 *    unless nothing else is left; irregular forms and near-synonyms added;
 *    the index stems), weighing words of headings and titles above the
 *    body's. Candidates far below the best one are dropped (a passage that
 *    merely shares a common word is not relevant).
 * 2. Coverage: the same candidates ordered by the share of the query's
 *    words they hold, so a passage answering the whole question beats one
 *    repeating a single rare word.
 * 3. Vectors, when the workspace has an embeddings model: nearest passages
 *    to the query's vector (similar meaning with other words).
 *
 * The lists are fused by reciprocal rank (memory recall's fusion, without
 * its recency and importance weighting, which documents do not have).
 * Words are read as memory recall reads them (its stopwords, forms and
 * coverage); dates are not taken out of the query: in a document they are
 * words like any other.
 */
import type { KnowledgeChunkRow, KnowledgeQueries } from '../../storage/knowledge/KnowledgeQueries';
import type { KnowledgeVectorStore } from '../../storage/knowledge/KnowledgeVectorStore';
import { memoryMatchFor, queryCoverage, type RecallTerm } from '../memory/buildRecallQuery';
import { fuseRankings, type FusionCandidate, type RankedList } from '../memory/fuseRankings';
import { porterStem } from '../memory/porterStem';
import { RECALL_STOPWORDS, relatedForms } from '../memory/recallWords';
import { searchTokens } from '../rooms/searchTokens';
import { headingsOf, knowledgeSource } from './knowledgeSource';

/** Most words of a query used (a pasted paragraph must not make a huge OR). */
const MAX_WORDS = 24;
/** Full-text candidates read. */
const LEXICAL_CANDIDATES = 100;
/** A full-text candidate scoring less than this share of the best one is dropped. */
const RELATIVE_FLOOR = 0.15;
/** A vector candidate less similar than this share of the best one's similarity is dropped. */
const VECTOR_RELATIVE_FLOOR = 0.6;
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

/** The meaningful words of `query`, each with its forms, and the MATCH finding any of them (null when none). */
export function buildKnowledgeMatch(query: string): { terms: RecallTerm[]; match: string | null } {
  const tokens = searchTokens(query);
  const meaningful = tokens.filter((t) => !RECALL_STOPWORDS.has(t) && (t.length > 1 || /\d/.test(t)));
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
  // An OR of double-quoted words (memory's porter-stemmed index reads the same): no user text is ever FTS5 syntax.
  return { terms, match: memoryMatchFor(terms) };
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
  const { terms, match } = buildKnowledgeMatch(query);
  const lists: RankedList<Candidate>[] = [];
  if (match !== null) {
    const rows = sources.queries.search(match, scopes, LEXICAL_CANDIDATES);
    const best = -(rows[0]?.bm25 ?? 0);
    const relevant = rows.filter((r) => -r.bm25 >= best * RELATIVE_FLOOR).map(candidate);
    lists.push({ weight: WEIGHTS.bm25, items: relevant });
    const coverage = new Map(relevant.map((c) => [c.key, queryCoverage(terms, `${c.row.title}\n${c.row.heading}\n${c.row.text}`)]));
    // Stable sort: equal coverage keeps the BM25 order.
    lists.push({ weight: WEIGHTS.coverage, items: [...relevant].sort((a, b) => coverage.get(b.key)! - coverage.get(a.key)!) });
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

function candidate(row: KnowledgeChunkRow): Candidate {
  return { key: String(row.seq), row, importance: 0.5, pinned: false, time: 0 };
}
