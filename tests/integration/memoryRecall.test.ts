/**
 * Recall quality on a long conversation imported one memory per turn, as
 * the public long-conversation benchmark does (`source` = turn id, `at` =
 * the session's date): for each labelled question, the turns holding the
 * answer must be among the first five recalled, ahead of the many turns
 * that merely share a word with the question. Run on full text alone (no
 * embeddings model: the default) and with vectors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src-main/common/contract';
import { createCore, type Core } from '../../src-main/core/createCore';
import type { Embedder } from '../../src-main/domain/memory/Embedder';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { hashEmbedder } from '../fixtures/hashEmbedder';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';
import { CONVERSATION, QUESTIONS } from './memoryConversation';

const K = 5;
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

async function importedConversation(embedder: Embedder | null): Promise<{ core: Core; ws: string }> {
  const core = await createCore({ dataDir: makeTempDir(), secretStore: new MemorySecretStore(), shell: 'cli', log: () => undefined, embedderFor: () => embedder });
  open.push(core);
  const list = await core.dispatch('workspace.list', {});
  const ws = (list as { value: Workspace[] }).value[0]!.id;
  const result = await core.dispatch('memory.import', {
    workspaceId: ws,
    dhId: 'friend',
    items: CONVERSATION.map((t) => ({ text: `${t.speaker}: ${t.text}`, source: t.id, at: Date.parse(t.date) })),
  });
  expect(result.ok).toBe(true);
  await core.memory.whenIndexed(ws);
  return { core, ws };
}

/** Questions whose evidence is not all in the first K, with what came instead. */
async function misses(core: Core, ws: string): Promise<string[]> {
  const out: string[] = [];
  for (const q of QUESTIONS) {
    const { items } = await core.memory.recall(ws, 'friend', q.question, { k: K });
    const sources = items.map((i) => i.source);
    const found = q.evidence.every((e) => sources.includes(e)) && (q.oneOf === undefined || q.oneOf.some((e) => sources.includes(e)));
    if (!found) out.push(`${q.question} → want ${[...q.evidence, ...(q.oneOf ?? [])].join(', ')}, got ${sources.join(', ')}`);
  }
  return out;
}

describe('memory recall on a long conversation', () => {
  it('has a conversation long enough to be a test', () => {
    expect(CONVERSATION.length).toBeGreaterThanOrEqual(60);
    const ids = new Set(CONVERSATION.map((t) => t.id));
    for (const q of QUESTIONS) for (const e of [...q.evidence, ...(q.oneOf ?? [])]) expect(ids.has(e), e).toBe(true);
  });

  it(`finds every answering turn in the first ${K} with full-text search alone`, async () => {
    const { core, ws } = await importedConversation(null);
    expect(await misses(core, ws)).toEqual([]);
  });

  it(`finds every answering turn in the first ${K} with vectors too`, async () => {
    const { core, ws } = await importedConversation(hashEmbedder('hash-384', 384));
    expect(core.workspaces.handle(ws).storage.db.prepare('SELECT count(*) FROM memory_vectors').pluck().get()).toBe(CONVERSATION.length);
    expect(await misses(core, ws)).toEqual([]);
  });

  it('answers through the command line as the benchmark calls it', async () => {
    const dir = makeTempDir();
    const ws = (JSON.parse((await runCliInProcess(dir, ['workspace', 'create', 'Bench', '--json'])).out[0]!) as Workspace).id;
    const turns = path.join(dir, 'turns.jsonl');
    fs.writeFileSync(turns, CONVERSATION.map((t) => JSON.stringify({ text: `${t.speaker}: ${t.text}`, source: t.id, at: t.date })).join('\n'));
    const imported = await runCliInProcess(dir, ['memory', 'import', '--workspace', ws, '--dh', 'friend', '--jsonl', turns]);
    expect(imported.out[0]).toMatch(new RegExp(`^Imported ${CONVERSATION.length} memories`));
    const queries = path.join(dir, 'queries.jsonl');
    fs.writeFileSync(queries, QUESTIONS.map((q, i) => JSON.stringify({ id: i, query: q.question })).join('\n'));
    const run = await runCliInProcess(dir, ['memory', 'recall', '--workspace', ws, '--dh', 'friend', '--queries', queries, '--k', String(K)]);
    expect(run.code, run.err.join()).toBe(0);
    const answers = run.out.map((l) => JSON.parse(l) as { id: number; results: { source: string }[] });
    expect(answers.map((a) => a.id)).toEqual(QUESTIONS.map((_, i) => i));
    for (const a of answers) {
      const sources = a.results.map((r) => r.source);
      const q = QUESTIONS[a.id]!;
      for (const e of q.evidence) expect(sources, q.question).toContain(e);
      if (q.oneOf) expect(q.oneOf.some((e) => sources.includes(e)), q.question).toBe(true);
    }
  });
});
