/**
 * The knowledge base between two cores through a real relay: a document
 * imported on A (for the workspace, and one for a digital human, large
 * enough to travel as several updates) is listed and searchable on B, and
 * deleting it on B removes it from A's list and search.
 */
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, KnowledgeDocument, KnowledgeSnippet } from '../../src-main/common/contract';
import { linkedPair } from '../fixtures/linkedPair';
import { eventually } from '../fixtures/syncCores';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('knowledge through a relay', () => {
  it('brings documents from A to B, searchable there, and a delete on B back to A', async () => {
    const { a, b, ws } = await linkedPair();
    const dh = await a.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Ada', handle: 'ada' });
    const doc = await a.call<KnowledgeDocument>('knowledge.import', {
      workspaceId: ws,
      scope: 'workspace',
      fileName: 'onboarding.md',
      contentBase64: b64('# Onboarding\n\n## Accounts\n\nNew hires get their laptop from the front desk on day one.'),
    });
    // About 400 kB of text: several parts, hence several updates on the wire.
    const big = Array.from({ length: 130 }, (_, i) => `## Chapter ${i}\n\n${`Chapter ${i} explains procedure zeta${i} in detail. `.repeat(60)}`).join('\n\n');
    const manual = await a.call<KnowledgeDocument>('knowledge.import', { workspaceId: ws, scope: dh.id, fileName: 'manual.md', contentBase64: b64(big) });

    const onB = await eventually(
      () => b.call<KnowledgeDocument[]>('knowledge.list', { workspaceId: ws }),
      (list) => list.length === 2 && list.every((d) => d.chunkCount > 0),
      'both documents on B',
    );
    expect(onB.find((d) => d.id === manual.id)).toMatchObject({ scope: dh.id, chunkCount: manual.chunkCount, fileName: 'manual.md' });
    const found = await b.call<{ items: KnowledgeSnippet[] }>('knowledge.search', { workspaceId: ws, query: 'laptop front desk' });
    expect(found.items[0]).toMatchObject({ documentId: doc.id, source: 'onboarding.md › Onboarding › Accounts' });
    const deep = await b.call<{ items: KnowledgeSnippet[] }>('knowledge.search', { workspaceId: ws, dhId: dh.id, query: 'procedure zeta117' });
    expect(deep.items[0]?.source).toBe('manual.md › Chapter 117');

    await b.call('knowledge.delete', { workspaceId: ws, documentId: doc.id });
    await eventually(() => a.call<KnowledgeDocument[]>('knowledge.list', { workspaceId: ws }), (list) => list.length === 1 && list[0]!.id === manual.id, 'the delete on A');
    expect((await a.call<{ items: KnowledgeSnippet[] }>('knowledge.search', { workspaceId: ws, query: 'laptop front desk' })).items.map((i) => i.documentId)).not.toContain(doc.id);
  });
});
