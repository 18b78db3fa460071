/**
 * The memory benchmarks, for run.ts. One digital human with 100,000
 * memories (`QWANYX_BENCH_MEMORIES` to change), imported through the core
 * as `qwanyx memory import` does, then:
 *
 * - memory_import_per_s: memories per second over that import, end to end
 *   (channel validation, Yjs transactions, update log, projection, FTS5).
 * - memory_recall_ms_p95: `memory.recall` (k = 10) through the core's
 *   dispatch, full text only (no embeddings model), for questions as people
 *   ask them: question words and stopwords around 1 to 4 content words.
 * - memory_recall_hybrid_ms_p95: the same with 384-dimension vectors, made
 *   by a deterministic in-process embedder (no HTTP is timed) and stored
 *   and searched through the real vector path (sqlite-vec).
 */
import type { Core } from '../../src-main/core/createCore';
import { createCore } from '../../src-main/core/createCore';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { hashEmbedder } from '../fixtures/hashEmbedder';
import { logProgress } from './logProgress';
import { messageCorpus, type MessageCorpus } from './messageCorpus';
import { percentile } from './percentile';
import { randomInt, seededRandom } from './seededRandom';
import { timeMsAsync } from './timeMs';
import { withTempDataDir } from './withTempDataDir';

const MEMORIES = Number(process.env.QWANYX_BENCH_MEMORIES ?? 100_000);
/** Memories per `memory.import` call, as the CLI sends them. */
const IMPORT_CALL = 20_000;
const QUERIES = 300;
const WARMUP = 30;
const DIMS = 384;
const DH = 'bench-dh';

export interface RecallTiming {
  p95Ms: number;
  p50Ms: number;
  maxMs: number;
  queries: number;
  /** Share of queries with at least one item. */
  hitRate: number;
}

export interface MemoryBench {
  memories: number;
  importPerSecond: number;
  importMs: number;
  recall: RecallTiming;
  hybrid: RecallTiming;
  /** Time to embed and store every vector in the background (not a budgeted figure). */
  embedAllMs: number;
  vectors: number;
}

const NAMES = ['Caroline', 'Melanie', 'Marcus', 'Priya', 'Jon', 'Gina'];
const OPENERS = ['What did', 'When did', 'Where did', 'Why did', 'How did', 'Who did', 'What does', 'Did'];

/** A turn of a conversation: a speaker and a sentence of the corpus. */
function turnText(corpus: MessageCorpus, random: () => number): string {
  return `${NAMES[randomInt(random, NAMES.length)]!}: ${corpus.sentence(random)}`;
}

/** A question: an opener, a name, 1 to 4 content words of frequency rank 30 to 5,000, some glue words. */
function question(corpus: MessageCorpus, random: () => number): string {
  const words: string[] = [];
  const count = 1 + randomInt(random, 4);
  for (let i = 0; i < count; i++) words.push(corpus.wordAt(Math.floor(Math.exp(Math.log(30) + random() * (Math.log(5000) - Math.log(30))))));
  return `${OPENERS[randomInt(random, OPENERS.length)]!} ${NAMES[randomInt(random, NAMES.length)]!} ${words.join(random() < 0.5 ? ' and the ' : ' ')}?`;
}

function core(dataDir: string, withVectors: boolean): Promise<Core> {
  const embedder = withVectors ? hashEmbedder(`bench-hash-${DIMS}`, DIMS) : null;
  return createCore({
    dataDir,
    secretStore: new MemorySecretStore(),
    shell: 'cli',
    embedderFor: () => embedder,
    log: (level, msg, extra) => {
      if (level !== 'info') process.stderr.write(`[core ${level}] ${msg} ${extra instanceof Error ? extra.stack : String(extra ?? '')}\n`);
    },
  });
}

async function timeRecalls(c: Core, workspaceId: string, corpus: MessageCorpus, seed: number): Promise<RecallTiming> {
  const random = seededRandom(seed);
  const run = async (query: string): Promise<{ ms: number; hits: number }> => {
    let hits = 0;
    const ms = await timeMsAsync(async () => {
      const result = await c.dispatch('memory.recall', { workspaceId, dhId: DH, query, k: 10 });
      if (!result.ok) throw new Error(`recall "${query}": ${result.error.message}`);
      hits = (result.value as { items: unknown[] }).items.length;
    });
    return { ms, hits };
  };
  for (let i = 0; i < WARMUP; i++) await run(question(corpus, random));
  const samples: number[] = [];
  let withHits = 0;
  for (let i = 0; i < QUERIES; i++) {
    const { ms, hits } = await run(question(corpus, random));
    samples.push(ms);
    if (hits > 0) withHits++;
  }
  return { p95Ms: percentile(samples, 95), p50Ms: percentile(samples, 50), maxMs: Math.max(...samples), queries: QUERIES, hitRate: withHits / QUERIES };
}

/** Runs the memory benchmarks in a temp data dir. */
export async function benchMemory(): Promise<MemoryBench> {
  return withTempDataDir('memory', async (dataDir) => {
    const corpus = messageCorpus();
    const random = seededRandom(7);
    const start = Date.UTC(2023, 0, 1);
    const items = Array.from({ length: MEMORIES }, (_, i) => ({
      text: turnText(corpus, random),
      source: `D${1 + Math.floor(i / 20)}:${1 + (i % 20)}`,
      // A session of 20 turns every day.
      at: start + Math.floor(i / 20) * 86_400_000 + (i % 20) * 60_000,
    }));

    const plain = await core(dataDir, false);
    let recall: RecallTiming;
    let importMs: number;
    try {
      const workspaceId = ((await plain.dispatch('workspace.create', { name: 'Memory bench', kind: 'solo' })) as { ok: true; value: { id: string } }).value.id;
      logProgress(`memory: importing ${MEMORIES} memories…`);
      importMs = await timeMsAsync(async () => {
        for (let i = 0; i < items.length; i += IMPORT_CALL) {
          const result = await plain.dispatch('memory.import', { workspaceId, dhId: DH, items: items.slice(i, i + IMPORT_CALL) });
          if (!result.ok) throw new Error(`import: ${result.error.message}`);
        }
      });
      logProgress(`memory: imported in ${Math.round(importMs)} ms; recall, full text…`);
      recall = await timeRecalls(plain, workspaceId, corpus, 11);
    } finally {
      await plain.close();
    }

    const hybridCore = await core(dataDir, true);
    try {
      const workspaceId = hybridCore.workspaces.list(false).find((w) => w.name === 'Memory bench')!.id;
      hybridCore.workspaces.handle(workspaceId);
      logProgress('memory: embedding every memory in the background…');
      const embedAllMs = await timeMsAsync(() => hybridCore.memory.whenIndexed(workspaceId));
      const vectors = hybridCore.workspaces.handle(workspaceId).storage.db.prepare('SELECT count(*) FROM memory_vectors').pluck().get() as number;
      logProgress(`memory: ${vectors} vectors in ${Math.round(embedAllMs)} ms; recall, hybrid…`);
      const hybrid = await timeRecalls(hybridCore, workspaceId, corpus, 11);
      return { memories: MEMORIES, importPerSecond: Math.round((MEMORIES / importMs) * 1000), importMs, recall, hybrid, embedAllMs, vectors };
    } finally {
      await hybridCore.close();
    }
  });
}
