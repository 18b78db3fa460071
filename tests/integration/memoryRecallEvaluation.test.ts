/**
 * Recall quality on the labelled conversations of
 * tests/fixtures/memoryConversations.jsonl (three hand-written conversations
 * over many sessions, each question labelled with its kind and the turns
 * that answer it), imported and asked through the core as
 * `qwanyx memory eval` does. The figures asserted are those reached, less a
 * margin: a change that loses a few questions fails. With vectors from a
 * weak embeddings model, recall must be at least as good as full text alone
 * on every kind of question.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecallItem, Workspace } from '../../src-main/common/contract';
import { createCore, type Core } from '../../src-main/core/createCore';
import type { Embedder } from '../../src-main/domain/memory/Embedder';
import type { RecallScores } from '../../src-main/domain/memory/evaluateRecall';
import { parseLabelledConversations } from '../../src-main/domain/memory/parseLabelledConversations';
import { runRecallEvaluation } from '../../src-main/domain/memory/runRecallEvaluation';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { hashEmbedder } from '../fixtures/hashEmbedder';
import { makeTempDir } from '../fixtures/tempDir';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/memoryConversations.jsonl');

/** Least figures per kind (reached: see docs/memory.md, "Measuring recall"). */
const FLOORS: Record<string, { hitAt5: number; hitAt10: number; allAt10: number }> = {
  'single-hop': { hitAt5: 0.82, hitAt10: 0.87, allAt10: 0.87 },
  'multi-hop': { hitAt5: 0.68, hitAt10: 0.8, allAt10: 0.25 },
  temporal: { hitAt5: 0.92, hitAt10: 0.95, allAt10: 0.92 },
  'open-domain': { hitAt5: 0.33, hitAt10: 0.37, allAt10: 0.29 },
  all: { hitAt5: 0.78, hitAt10: 0.82, allAt10: 0.7 },
};

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

async function evaluate(embedder: Embedder | null): Promise<RecallScores[]> {
  const core = await createCore({ dataDir: makeTempDir(), secretStore: new MemorySecretStore(), shell: 'cli', log: () => undefined, embedderFor: () => embedder });
  open.push(core);
  const workspaceId = ((await core.dispatch('workspace.list', {})) as { value: Workspace[] }).value[0]!.id;
  const conversations = parseLabelledConversations(fs.readFileSync(FIXTURE, 'utf8'));
  const { scores } = await runRecallEvaluation(
    {
      async importMany(dhId, items) {
        const result = await core.dispatch('memory.import', { workspaceId, dhId, items });
        expect(result.ok).toBe(true);
        await core.memory.whenIndexed(workspaceId);
      },
      async recallBatch(dhId, queries, k) {
        const result = await core.dispatch('memory.recallBatch', { workspaceId, dhId, queries, k });
        if (!result.ok) throw new Error(result.error.message);
        return (result.value as { results: { id: string; items: RecallItem[] }[] }).results;
      },
    },
    conversations,
  );
  return scores;
}

describe('memory recall on labelled conversations', () => {
  it('covers the four kinds of question over several sessions', () => {
    const conversations = parseLabelledConversations(fs.readFileSync(FIXTURE, 'utf8'));
    expect(conversations.length).toBeGreaterThanOrEqual(3);
    for (const c of conversations) {
      expect(new Set(c.turns.map((t) => t.at)).size, c.id).toBeGreaterThanOrEqual(10);
      expect(new Set(c.questions.map((q) => q.kind)), c.id).toEqual(new Set(Object.keys(FLOORS).filter((k) => k !== 'all')));
    }
  });

  it('reaches its figures with full text alone, and does as well on every kind with vectors', async () => {
    const offline = await evaluate(null);
    for (const s of offline) {
      const floor = FLOORS[s.kind]!;
      expect({ kind: s.kind, hitAt5: s.hitAt5 >= floor.hitAt5, hitAt10: s.hitAt10 >= floor.hitAt10, allAt10: s.allAt10 >= floor.allAt10 }, JSON.stringify(s)).toEqual({
        kind: s.kind,
        hitAt5: true,
        hitAt10: true,
        allAt10: true,
      });
    }
    const hybrid = await evaluate(hashEmbedder('hash-384', 384));
    expect(hybrid.map((s) => s.kind)).toEqual(offline.map((s) => s.kind));
    hybrid.forEach((s, i) => {
      expect(s.hitAt10, s.kind).toBeGreaterThanOrEqual(offline[i]!.hitAt10);
      expect(s.allAt10, s.kind).toBeGreaterThanOrEqual(offline[i]!.allAt10);
    });
  });
});
