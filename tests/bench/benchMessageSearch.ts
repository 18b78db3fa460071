/**
 * message_search_ms_p95: `search` through the core's dispatch over the whole
 * fixture workspace, with a mix of what people type: a distinctive word, two
 * words, a word still being typed, a quoted phrase, a word with a filter
 * (`in:`, `from:`, `before:`), a query with a stopword, a common word. The
 * worst case (a word in most messages, alone) is reported beside it.
 */
import type { Core } from '../../src-main/core/createCore';
import type { MessageWorkspace } from './buildMessageWorkspace';
import { percentile } from './percentile';
import { randomInt, seededRandom } from './seededRandom';
import { timeMsAsync } from './timeMs';

export interface MessageSearchResult {
  p95Ms: number;
  p50Ms: number;
  maxMs: number;
  queries: number;
  /** Share of queries with at least one hit. */
  hitRate: number;
  /** The most frequent word of the corpus, alone (in most messages). */
  commonWordMs: number;
  /** Each kind of query, p95. */
  byKindP95Ms: Record<string, number>;
}

/** A word of frequency rank in [from, to), log-uniformly. */
function wordIn(fixture: MessageWorkspace, random: () => number, from: number, to: number): string {
  return fixture.corpus.wordAt(Math.floor(Math.exp(Math.log(from) + random() * (Math.log(to) - Math.log(from)))));
}

function makeQuery(fixture: MessageWorkspace, random: () => number): { kind: string; query: string } {
  const roll = random();
  const word = (from = 50, to = 5000): string => wordIn(fixture, random, from, to);
  if (roll < 0.35) return { kind: 'word', query: word() };
  if (roll < 0.5) return { kind: 'two words', query: `${word(20, 3000)} ${word(20, 3000)}` };
  if (roll < 0.65) {
    const w = word(50, 3000);
    return { kind: 'typing', query: w.slice(0, Math.min(w.length, 3 + randomInt(random, 4))) };
  }
  if (roll < 0.75) return { kind: 'phrase', query: `"${word(10, 300)} ${word(10, 300)}"` };
  if (roll < 0.85) {
    const filters = [`in:#${fixture.rooms[1 + randomInt(random, fixture.rooms.length - 1)]!.name}`, `from:${fixture.members[randomInt(random, fixture.members.length)]!.displayName.split(' ')[0]!.toLowerCase()}`, 'before:2024-07-01', 'after:2024-10-01'];
    return { kind: 'filter', query: `${word(20, 2000)} ${filters[randomInt(random, filters.length)]!}` };
  }
  if (roll < 0.93) return { kind: 'stopword', query: `${fixture.corpus.wordAt(randomInt(random, 10))} ${word()}` };
  return { kind: 'common word', query: word(10, 50) };
}

/** Runs `count` queries (after a warm-up) on an already open workspace. */
export async function benchMessageSearch(core: Core, fixture: MessageWorkspace, count: number): Promise<MessageSearchResult> {
  const random = seededRandom(11);
  const run = async (query: string): Promise<{ ms: number; hits: number }> => {
    let hits = 0;
    const ms = await timeMsAsync(async () => {
      const result = await core.dispatch('search', { workspaceId: fixture.workspaceId, query, limit: 20 });
      if (!result.ok) throw new Error(`search "${query}": ${result.error.message}`);
      hits = (result.value as { hits: unknown[] }).hits.length;
    });
    return { ms, hits };
  };
  for (let i = 0; i < 20; i++) await run(makeQuery(fixture, random).query);
  const samples: number[] = [];
  const byKind = new Map<string, number[]>();
  let withHits = 0;
  for (let i = 0; i < count; i++) {
    const { kind, query } = makeQuery(fixture, random);
    const { ms, hits } = await run(query);
    samples.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    if (hits > 0) withHits++;
  }
  const common = await run(fixture.corpus.wordAt(0));
  return {
    p95Ms: percentile(samples, 95),
    p50Ms: percentile(samples, 50),
    maxMs: Math.max(...samples),
    queries: count,
    hitRate: withHits / count,
    commonWordMs: common.ms,
    byKindP95Ms: Object.fromEntries([...byKind].map(([kind, ms]) => [kind, percentile(ms, 95)])),
  };
}
