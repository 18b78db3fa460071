/**
 * The knowledge benchmark, for run.ts: 2,000 Markdown documents of ten
 * sections each (`QWANYX_BENCH_KNOWLEDGE_DOCS` to change), half imported
 * into the workspace and half into one digital human, through the core as
 * `qwanyx knowledge import` does (extraction, chunking, Yjs, update log,
 * projection, FTS5): about 20,000 passages of ~600 tokens.
 *
 * - knowledge_search_ms_p95: `knowledge.search` (k = 8) as that digital
 *   human, so over every passage, through the core's dispatch, full-text
 *   path (no embeddings model), for questions as people ask them: question
 *   words and stopwords around 1 to 4 content words.
 */
import type { Core } from '../../src-main/core/createCore';
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { messageCorpus, type MessageCorpus } from './messageCorpus';
import { percentile } from './percentile';
import { randomInt, seededRandom } from './seededRandom';
import { timeMsAsync } from './timeMs';
import { withTempDataDir } from './withTempDataDir';

const DOCUMENTS = Number(process.env.QWANYX_BENCH_KNOWLEDGE_DOCS ?? 2000);
const SECTIONS = 10;
/** Characters of a section: above the chunker's minimum, so each section is one passage. */
const SECTION_CHARS = 2400;
const QUERIES = 300;
const WARMUP = 30;

export interface KnowledgeBench {
  documents: number;
  chunks: number;
  importMs: number;
  search: { p95Ms: number; p50Ms: number; maxMs: number; queries: number; hitRate: number };
}

const OPENERS = ['How do I', 'What is the', 'Where can I find the', 'When should we', 'Why does the', 'Who approves the', 'Is there a'];

function document(corpus: MessageCorpus, random: () => number, n: number): string {
  const parts = [`# Guide ${n}: ${corpus.wordAt(30 + randomInt(random, 3000))}`];
  for (let s = 0; s < SECTIONS; s++) {
    parts.push(`## ${corpus.wordAt(30 + randomInt(random, 3000))} ${corpus.wordAt(30 + randomInt(random, 3000))}`);
    let body = '';
    while (body.length < SECTION_CHARS) body += `${corpus.sentence(random)}. `;
    parts.push(body.trim());
  }
  return parts.join('\n\n');
}

function question(corpus: MessageCorpus, random: () => number): string {
  const words: string[] = [];
  const count = 1 + randomInt(random, 4);
  for (let i = 0; i < count; i++) words.push(corpus.wordAt(Math.floor(Math.exp(Math.log(30) + random() * (Math.log(5000) - Math.log(30))))));
  return `${OPENERS[randomInt(random, OPENERS.length)]!} ${words.join(random() < 0.5 ? ' for the ' : ' ')}?`;
}

async function call<T>(c: Core, channel: string, input: unknown): Promise<T> {
  const result = await c.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** Runs the knowledge benchmark in a temp data dir. */
export async function benchKnowledge(): Promise<KnowledgeBench> {
  return withTempDataDir('knowledge', async (dataDir) => {
    const c = await createBenchCore(dataDir);
    try {
      const corpus = messageCorpus();
      const random = seededRandom(31);
      const workspaceId = (await call<{ id: string }>(c, 'workspace.create', { name: 'Knowledge bench', kind: 'solo' })).id;
      const dh = await call<{ id: string }>(c, 'dh.create', { workspaceId, name: 'Bench', handle: 'bench' });
      logProgress(`knowledge: importing ${DOCUMENTS} documents…`);
      const importMs = await timeMsAsync(async () => {
        for (let n = 0; n < DOCUMENTS; n++) {
          const contentBase64 = Buffer.from(document(corpus, random, n), 'utf8').toString('base64');
          await call(c, 'knowledge.import', { workspaceId, scope: n % 2 === 0 ? 'workspace' : dh.id, fileName: `guide-${n}.md`, contentBase64 });
          if ((n + 1) % 500 === 0) logProgress(`knowledge: ${n + 1} documents`);
        }
      });
      const chunks = c.workspaces.handle(workspaceId).storage.db.prepare('SELECT count(*) FROM knowledge_chunks').pluck().get() as number;
      logProgress(`knowledge: ${chunks} passages imported in ${Math.round(importMs)} ms; searching…`);
      const queries = seededRandom(37);
      const run = async (query: string): Promise<{ ms: number; hits: number }> => {
        let hits = 0;
        const ms = await timeMsAsync(async () => {
          hits = (await call<{ items: unknown[] }>(c, 'knowledge.search', { workspaceId, dhId: dh.id, query, k: 8 })).items.length;
        });
        return { ms, hits };
      };
      for (let i = 0; i < WARMUP; i++) await run(question(corpus, queries));
      const samples: number[] = [];
      let withHits = 0;
      for (let i = 0; i < QUERIES; i++) {
        const { ms, hits } = await run(question(corpus, queries));
        samples.push(ms);
        if (hits > 0) withHits++;
      }
      return {
        documents: DOCUMENTS,
        chunks,
        importMs,
        search: { p95Ms: percentile(samples, 95), p50Ms: percentile(samples, 50), maxMs: Math.max(...samples), queries: QUERIES, hitRate: withHits / QUERIES },
      };
    } finally {
      await c.close();
    }
  });
}
