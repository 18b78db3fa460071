import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { hashEmbedder } from '../../../tests/fixtures/hashEmbedder';
import { minimalPdf } from '../../../tests/fixtures/minimalPdf';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import type { DigitalHuman, KnowledgeDocument, KnowledgeDocumentDetail, KnowledgeSnippet, Workspace } from '../../common/contract';
import { createCore, type Core } from '../../core/createCore';
import { MemorySecretStore } from '../../secrets/MemorySecretStore';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { txOrigin } from '../../sync/TxOrigin';
import type { Embedder } from '../memory/Embedder';

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

interface Setup {
  core: Core;
  dataDir: string;
  ws: string;
  call<T>(channel: string, input: unknown): Promise<T>;
  fail(channel: string, input: unknown): Promise<{ code: string; message: string }>;
}

async function setup(options: { embedder?: () => Embedder | null; dataDir?: string } = {}): Promise<Setup> {
  const dataDir = options.dataDir ?? makeTempDir();
  const core = await createCore({ dataDir, secretStore: new MemorySecretStore(), shell: 'cli', log: () => undefined, embedderFor: options.embedder ?? (() => null) });
  open.push(core);
  const call = async <T,>(channel: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const fail = async (channel: string, input: unknown): Promise<{ code: string; message: string }> => {
    const result = await core.dispatch(channel, input);
    if (result.ok) throw new Error(`${channel} succeeded`);
    return result.error;
  };
  const ws = (await call<Workspace[]>('workspace.list', {}))[0]!.id;
  return { core, dataDir, ws, call, fail };
}

const b64 = (text: string | Uint8Array): string => Buffer.from(typeof text === 'string' ? new TextEncoder().encode(text) : text).toString('base64');

const HANDBOOK = `# Handbook

Welcome to the team.

## Expenses

Travel costs are refunded within 14 days when the receipt is attached.

## Holidays

Everyone gets 25 days of paid leave a year; ask your manager two weeks ahead.
`;

function chunkCount(core: Core, ws: string): number {
  return core.workspaces.handle(ws).storage.db.prepare('SELECT count(*) FROM knowledge_chunks').pluck().get() as number;
}

describe('KnowledgeService', () => {
  it('imports Markdown and PDF, lists them per scope, and finds passages with their source', async () => {
    const { call, ws } = await setup();
    const dh = await call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Ada', handle: 'ada' });
    const doc = await call<KnowledgeDocument>('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'handbook.md', contentBase64: b64(HANDBOOK) });
    expect(doc).toMatchObject({ scope: 'workspace', title: 'Handbook', fileName: 'handbook.md', mime: 'text/markdown', size: HANDBOOK.length, pages: null, chunkCount: 1, importedByName: expect.any(String) });
    const pdf = minimalPdf([[{ text: 'Server runbook', size: 18 }, 'Restart the queue worker with the blue button.'], ['Backups run nightly at 02:00.']]);
    const runbook = await call<KnowledgeDocument>('knowledge.import', { workspaceId: ws, scope: dh.id, fileName: 'runbook.pdf', contentBase64: b64(pdf) });
    expect(runbook).toMatchObject({ scope: dh.id, title: 'Server runbook', mime: 'application/pdf', pages: 2 });

    expect((await call<KnowledgeDocument[]>('knowledge.list', { workspaceId: ws, scope: 'workspace' })).map((d) => d.id)).toEqual([doc.id]);
    expect((await call<KnowledgeDocument[]>('knowledge.list', { workspaceId: ws, scope: dh.id })).map((d) => d.id)).toEqual([runbook.id]);
    expect((await call<KnowledgeDocument[]>('knowledge.list', { workspaceId: ws })).map((d) => d.id).sort()).toEqual([doc.id, runbook.id].sort());

    const detail = await call<KnowledgeDocumentDetail>('knowledge.get', { workspaceId: ws, documentId: runbook.id });
    expect(detail.chunks.map((c) => c.source)).toEqual(['runbook.pdf › Server runbook, pp. 1–2']);

    const search = (query: string, dhId?: string) =>
      call<{ items: KnowledgeSnippet[] }>('knowledge.search', { workspaceId: ws, query, k: 5, ...(dhId ? { dhId } : {}) }).then((r) => r.items);
    const [refund] = await search('how long until travel costs are refunded?');
    expect(refund).toMatchObject({ documentId: doc.id, title: 'Handbook', source: 'handbook.md › Handbook' });
    expect(refund!.text).toContain('within 14 days');
    // The DH's own documents are searched only for it.
    expect(await search('backups nightly')).toEqual([]);
    expect((await search('when do backups run?', dh.id))[0]).toMatchObject({ documentId: runbook.id, source: 'runbook.pdf › Server runbook, pp. 1–2', page: 1 });
  });

  it('deletes a document from the doc, the index and the vectors, and its text from the doc history', async () => {
    const embedder = hashEmbedder('hash-64', 64);
    const { core, call, ws } = await setup({ embedder: () => embedder });
    const doc = await call<KnowledgeDocument>('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'handbook.md', contentBase64: b64(HANDBOOK) });
    const other = await call<KnowledgeDocument>('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'notes.txt', contentBase64: b64('Parking is behind the building.') });
    await core.knowledge.whenIndexed(ws);
    const db = core.workspaces.handle(ws).storage.db;
    expect(db.prepare('SELECT count(*) FROM knowledge_vectors').pluck().get()).toBe(2);

    const before = (await call<{ items: KnowledgeSnippet[] }>('knowledge.search', { workspaceId: ws, query: 'travel refunded receipt' })).items;
    expect(before[0]?.documentId).toBe(doc.id);
    await call('knowledge.delete', { workspaceId: ws, documentId: doc.id });
    const after = (await call<{ items: KnowledgeSnippet[] }>('knowledge.search', { workspaceId: ws, query: 'travel refunded receipt' })).items;
    expect(after.map((i) => i.documentId)).not.toContain(doc.id);
    expect((await call<KnowledgeDocument[]>('knowledge.list', { workspaceId: ws })).map((d) => d.id)).toEqual([other.id]);
    expect(db.prepare("SELECT count(*) FROM knowledge_fts WHERE knowledge_fts MATCH 'receipt'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM knowledge_vectors').pluck().get()).toBe(1);
    const handle = core.workspaces.handle(ws);
    expect([...handle.docs.doc('meta').getMap('knowledge').keys()].filter((k) => k.startsWith(doc.id))).toEqual([]);
    const stored = Buffer.concat((db.prepare("SELECT data FROM updates WHERE doc_id = 'meta'").pluck().all() as Buffer[]).concat(db.prepare("SELECT data FROM snapshots WHERE doc_id = 'meta'").pluck().all() as Buffer[]));
    expect(stored.includes('receipt is attached')).toBe(false);
    expect(Buffer.from(Y.encodeStateAsUpdate(handle.docs.doc('meta'))).includes('receipt is attached')).toBe(false);
    expect((await core.dispatch('knowledge.delete', { workspaceId: ws, documentId: doc.id })).ok).toBe(false);
  });

  it('finds passages by meaning with vectors when words differ, and by words without them', async () => {
    const embedder = hashEmbedder('hash-384', 384);
    const { core, call, ws } = await setup({ embedder: () => embedder });
    await call('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'a.md', contentBase64: b64('# Invoicing\n\nInvoices are sent on the first Monday of each month.') });
    await call('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'b.md', contentBase64: b64('# Lunch\n\nThe canteen opens at noon.') });
    await core.knowledge.whenIndexed(ws);
    // A misspelt word the index cannot match: only the vectors (word parts) relate it.
    const { items } = await call<{ items: KnowledgeSnippet[] }>('knowledge.search', { workspaceId: ws, query: 'invoicess', k: 1 });
    expect(items.map((i) => i.fileName)).toEqual(['a.md']);
    expect(embedder.calls.flat()).toContain('invoicess');
  });

  it('cuts a large file into parts of the doc and keeps passage ids through a rebuild', async () => {
    const { core, call, ws, dataDir } = await setup();
    const sections = Array.from({ length: 120 }, (_, i) => `## Section ${i}\n\n${`Topic ${i} detail sentence about project code${i}. `.repeat(60)}`).join('\n\n');
    const doc = await call<KnowledgeDocument>('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'big.md', contentBase64: b64(sections) });
    expect(doc.chunkCount).toBeGreaterThan(100);
    const keys = [...core.workspaces.handle(ws).docs.doc('meta').getMap('knowledge').keys()];
    expect(keys.filter((k) => k.startsWith(`${doc.id}:`)).length).toBeGreaterThan(1);
    const seqs = () => core.workspaces.handle(ws).storage.db.prepare('SELECT seq FROM knowledge_chunks ORDER BY seq').pluck().all();
    const before = seqs();
    core.workspaces.handle(ws).storage.db.prepare("DELETE FROM projection_state WHERE name LIKE 'knowledge%'").run();
    await core.close();
    const again = await setup({ dataDir });
    expect(again.core.workspaces.handle(ws).storage.db.prepare('SELECT seq FROM knowledge_chunks ORDER BY seq').pluck().all()).toEqual(before);
    const { items } = await again.call<{ items: KnowledgeSnippet[] }>('knowledge.search', { workspaceId: ws, query: 'code77 detail', k: 3 });
    expect(items[0]!.source).toBe('big.md › Section 77');
  });

  it('accepts a file sent in parts, and refuses bad input with clear errors', async () => {
    const { call, fail, ws } = await setup();
    const bytes = new TextEncoder().encode(`# Parts\n\n${'Sent in several parts. '.repeat(40)}`);
    const half = Math.floor(bytes.length / 2);
    await call('knowledge.uploadPart', { workspaceId: ws, uploadId: 'up1', offset: 0, dataBase64: b64(bytes.subarray(0, half)) });
    expect((await fail('knowledge.uploadPart', { workspaceId: ws, uploadId: 'up1', offset: 3, dataBase64: b64('x') })).code).toBe('VALIDATION');
    await call('knowledge.uploadPart', { workspaceId: ws, uploadId: 'up1', offset: half, dataBase64: b64(bytes.subarray(half)) });
    const doc = await call<KnowledgeDocument>('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'parts.md', uploadId: 'up1' });
    expect(doc).toMatchObject({ title: 'Parts', size: bytes.length });
    expect((await fail('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'parts.md', uploadId: 'up1' })).message).toContain('No upload up1');

    expect(await fail('knowledge.import', { workspaceId: ws, scope: 'nobody', fileName: 'a.md', contentBase64: b64('hello') })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await fail('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'a.md', contentBase64: 'not base64!' })).toMatchObject({ code: 'VALIDATION' });
    expect(await fail('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: '../etc/passwd', contentBase64: b64('x') })).toMatchObject({ code: 'VALIDATION' });
    expect(await fail('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'a.docx', contentBase64: b64('PK\u0003\u0004') })).toMatchObject({ code: 'VALIDATION' });
    expect(await fail('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'blank.md', contentBase64: b64('\n\n   \n') })).toMatchObject({ code: 'VALIDATION', message: 'blank.md holds no text to search' });
    expect(await fail('knowledge.import', { workspaceId: ws, scope: 'workspace', fileName: 'a.md', contentBase64: b64('x'), uploadId: 'u' })).toMatchObject({ code: 'VALIDATION' });
  });

  it('never trusts what a peer wrote: malformed records and parts are not indexed', async () => {
    const { core, call, ws } = await setup();
    const dh = await call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Ada', handle: 'ada' });
    const handle = core.workspaces.handle(ws);
    handle.docs.transact(dhDocName(dh.id), txOrigin('remote'), (doc) => {
      const map = doc.getMap('knowledge');
      map.set('good', { id: 'good', title: 'Good\u0007 one', fileName: 'g.md', mime: 'text/markdown', size: 10, pages: null, chunkCount: 2, partCount: 1, importedBy: 'peer', importedAt: 5 });
      map.set('good:0', { documentId: 'good', part: 0, at: 5, chunks: [{ ord: 0, text: 'Valid passage about llamas', headings: ['Animals', 42], page: null }, { ord: 'x', text: 'bad ord' }, { ord: 1, text: '' }, 'nope'] });
      map.set('good:7', { documentId: 'good', part: 7, at: 5, chunks: [{ ord: 9, text: 'beyond the parts the record names' }] });
      map.set('evil', { id: 'evil', fileName: 'e.exe', mime: 'application/x-msdownload', chunkCount: 1, partCount: 1, importedAt: 1 });
      map.set('evil:0', { documentId: 'evil', part: 0, chunks: [{ ord: 0, text: 'should not be indexed' }] });
      map.set('orphan:0', { documentId: 'orphan', part: 0, chunks: [{ ord: 0, text: 'no record' }] });
      map.set('../x', { id: '../x' });
    });
    const docs = await call<KnowledgeDocument[]>('knowledge.list', { workspaceId: ws });
    expect(docs).toEqual([expect.objectContaining({ id: 'good', title: 'Good  one', chunkCount: 1, importedByName: null })]);
    const detail = await call<KnowledgeDocumentDetail>('knowledge.get', { workspaceId: ws, documentId: 'good' });
    expect(detail.chunks).toEqual([{ ord: 0, headings: ['Animals'], page: null, pageEnd: null, source: 'g.md › Animals', text: 'Valid passage about llamas' }]);
    expect(chunkCount(core, ws)).toBe(1);
  });
});
