import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { hashEmbedder, type HashEmbedder } from '../../../tests/fixtures/hashEmbedder';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import type { Memory, MemoryPage, RecallResult, Workspace } from '../../common/contract';
import { createCore, type Core } from '../../core/createCore';
import { MemorySecretStore } from '../../secrets/MemorySecretStore';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { txOrigin } from '../../sync/TxOrigin';
import type { Embedder } from './Embedder';

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

interface Setup {
  core: Core;
  dataDir: string;
  ws: string;
  call<T>(channel: string, input: unknown): Promise<T>;
}

async function setup(options: { embedder?: () => Embedder | null; dataDir?: string } = {}): Promise<Setup> {
  const dataDir = options.dataDir ?? makeTempDir();
  const core = await createCore({
    dataDir,
    secretStore: new MemorySecretStore(),
    shell: 'cli',
    log: () => undefined,
    embedderFor: options.embedder ?? (() => null),
  });
  open.push(core);
  const call = async <T,>(channel: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const ws = (await call<Workspace[]>('workspace.list', {}))[0]!.id;
  return { core, dataDir, ws, call };
}

function vectorRows(core: Core, ws: string): { memory_seq: number; model: string }[] {
  return core.workspaces.handle(ws).storage.db.prepare('SELECT memory_seq, model FROM memory_vectors ORDER BY memory_seq').all() as { memory_seq: number; model: string }[];
}

describe('MemoryService', () => {
  it('adds, reads, lists, edits, pins and deletes memories through the channels', async () => {
    const { call, ws } = await setup();
    const ref = { workspaceId: ws, dhId: 'ada' };
    const a = await call<Memory>('memory.add', { ...ref, text: 'The client prefers invoices in euros', tags: ['Billing', 'billing'], kind: 'preference' });
    expect(a).toMatchObject({ dhId: 'ada', kind: 'preference', tags: ['billing'], importance: 0.5, pinned: false, source: null, at: null });
    const b = await call<Memory>('memory.add', { ...ref, text: 'Kick-off meeting in Lyon', at: Date.UTC(2024, 2, 4), source: 'D1:2', importance: 0.9 });
    expect(await call<Memory>('memory.get', { ...ref, id: a.id })).toEqual(a);

    const page1 = await call<MemoryPage>('memory.list', { ...ref, limit: 1 });
    expect(page1.memories.map((m) => m.id)).toEqual([b.id]);
    const page2 = await call<MemoryPage>('memory.list', { ...ref, limit: 1, cursor: page1.nextCursor });
    expect(page2).toEqual({ memories: [a], nextCursor: null });
    expect((await call<MemoryPage>('memory.list', { ...ref, limit: 10, query: 'invoice' })).memories.map((m) => m.id)).toEqual([a.id]);
    expect((await call<MemoryPage>('memory.list', { ...ref, limit: 10, kind: 'preference' })).memories.map((m) => m.id)).toEqual([a.id]);

    const edited = await call<Memory>('memory.update', { ...ref, id: a.id, text: 'The client prefers invoices in dollars', source: null });
    expect(edited).toMatchObject({ text: 'The client prefers invoices in dollars', tags: ['billing'], kind: 'preference' });
    expect((await call<MemoryPage>('memory.list', { ...ref, limit: 10, query: 'euros' })).memories).toEqual([]);
    expect((await call<Memory>('memory.pin', { ...ref, id: b.id, on: true })).pinned).toBe(true);
    expect((await call<MemoryPage>('memory.list', { ...ref, limit: 10, pinned: true })).memories.map((m) => m.id)).toEqual([b.id]);

    expect(await call('memory.delete', { ...ref, id: a.id })).toEqual({ id: a.id });
    await expect(call('memory.get', { ...ref, id: a.id })).rejects.toThrow(/NOT_FOUND/);
    await expect(call('memory.delete', { ...ref, id: a.id })).rejects.toThrow(/NOT_FOUND/);
    // Another digital human of the same workspace has its own memories.
    expect((await call<MemoryPage>('memory.list', { workspaceId: ws, dhId: 'bob', limit: 10 })).memories).toEqual([]);
  });

  it('removes a deleted or edited text from the doc and its stored history', async () => {
    const { core, ws } = await setup();
    const secret = 'the vault code is 4471-ALPHA';
    const m = core.memory.add(ws, 'ada', { text: `Remember: ${secret}` });
    const edited = core.memory.add(ws, 'ada', { text: 'old wording of a fact' });
    core.memory.update(ws, 'ada', edited.id, { text: 'new wording of a fact' });
    core.memory.forget(ws, 'ada', m.id);
    const handle = core.workspaces.handle(ws);
    const state = Buffer.from(Y.encodeStateAsUpdate(handle.docs.doc(dhDocName('ada')))).toString('latin1');
    expect(state).not.toContain(secret);
    expect(state).not.toContain('old wording');
    const stored = handle.storage.db
      .prepare("SELECT data FROM updates WHERE doc_id = 'dh/ada' UNION ALL SELECT data FROM snapshots WHERE doc_id = 'dh/ada'")
      .pluck()
      .all() as Buffer[];
    expect(stored.length).toBeGreaterThan(0);
    for (const data of stored) {
      expect(data.toString('latin1')).not.toContain(secret);
      expect(data.toString('latin1')).not.toContain('old wording');
    }
    expect(handle.storage.db.prepare("SELECT count(*) FROM memories_fts WHERE memories_fts MATCH '\"vault\"'").pluck().get()).toBe(0);
  });

  it('imports all or nothing, naming the first bad item', async () => {
    const { core, call, ws } = await setup();
    const ref = { workspaceId: ws, dhId: 'ada' };
    await expect(call('memory.import', { ...ref, items: [{ text: 'fine' }, { text: '' }] })).rejects.toThrow(/VALIDATION.*items\.1\.text/);
    expect(() => core.memory.importMany(ws, 'ada', [{ text: 'fine' }, { text: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }])).toThrow(/Memory 2: tags/);
    expect((await call<MemoryPage>('memory.list', { ...ref, limit: 10 })).memories).toEqual([]);
    const items = Array.from({ length: 2500 }, (_, i) => ({ text: `turn ${i} about topic ${i % 50}`, source: `D1:${i}`, at: Date.UTC(2023, 0, 1) + i * 60_000 }));
    expect(await call('memory.import', { ...ref, items })).toEqual({ imported: 2500 });
    const listed = await call<MemoryPage>('memory.list', { ...ref, limit: 200 });
    expect(listed.memories).toHaveLength(200);
    expect(new Set(listed.memories.map((m) => m.id)).size).toBe(200);
    const recalled = await call<RecallResult>('memory.recall', { ...ref, query: 'what about topic 17?', k: 5 });
    expect(recalled.items.length).toBe(5);
    for (const item of recalled.items) expect(item.text).toMatch(/topic 17$/);
  });

  it('cuts a large import into updates a relay accepts (well under its 1 MiB frames)', async () => {
    const { core, ws } = await setup();
    const sizes: number[] = [];
    core.workspaces.handle(ws).docs.onChange((c) => sizes.push(c.update.byteLength));
    const items = Array.from({ length: 300 }, (_, i) => ({ text: `${i} ${'é'.repeat(3990)}` }));
    expect(core.memory.importMany(ws, 'ada', items)).toEqual({ imported: 300 });
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    for (const size of sizes) expect(size).toBeLessThan(700 * 1024);
    expect(core.memory.stores.forDh(ws, 'ada').queries.count('ada')).toBe(300);
  });

  it('applies the operations an agent proposes in one transaction, skipping unknown ids', async () => {
    const { core, ws } = await setup();
    const changes: string[] = [];
    core.workspaces.handle(ws).docs.onChange((c) => changes.push(`${c.docName}:${c.origin.source}`));
    const kept = core.memory.add(ws, 'ada', { text: 'Office is in Paris' });
    const gone = core.memory.add(ws, 'ada', { text: 'Prefers tea' });
    changes.length = 0;
    const outcomes = core.memory.applyOperations(
      ws,
      'ada',
      [
        { op: 'ADD', memory: { text: 'Moved the office to Lyon in 2024', kind: 'event', tags: ['office'] } },
        { op: 'UPDATE', id: kept.id, text: 'Office is in Lyon' },
        { op: 'DELETE', id: gone.id },
        { op: 'DELETE', id: 'nope' },
        { op: 'NOOP' },
      ],
      txOrigin('agent', 'ada'),
    );
    expect(outcomes.map((o) => [o.op, o.status])).toEqual([
      ['ADD', 'applied'],
      ['UPDATE', 'applied'],
      ['DELETE', 'applied'],
      ['DELETE', 'skipped'],
      ['NOOP', 'applied'],
    ]);
    expect(changes).toEqual(['dh/ada:agent']);
    expect(core.memory.get(ws, 'ada', kept.id).text).toBe('Office is in Lyon');
    expect(() => core.memory.get(ws, 'ada', gone.id)).toThrow(/No such memory/);
    expect(() => core.memory.applyOperations(ws, 'ada', [{ op: 'NOOP' }, { op: 'ADD', memory: { text: '' } }], txOrigin('agent'))).toThrow(/Operation 2/);
    expect(() => core.memory.applyOperations(ws, 'ada', [{ op: 'EXPLODE' }], txOrigin('agent'))).toThrow(/Operation 1/);
    const similar = await core.memory.findSimilar(ws, 'ada', 'the office moved to Lyon', 2);
    expect(similar.map((s) => s.memory.text)).toEqual(['Moved the office to Lyon in 2024', 'Office is in Lyon']);
  });

  it('tells the shells which digital human changed, for local and remote changes', async () => {
    const { core, ws } = await setup();
    const events: unknown[] = [];
    core.onEvent((event, payload) => {
      if (event === 'memory.changed') events.push(payload);
    });
    core.memory.add(ws, 'ada', { text: 'one' });
    core.memory.importMany(ws, 'bob', [{ text: 'two' }, { text: 'three' }]);
    await Promise.resolve();
    expect(events).toEqual([
      { workspaceId: ws, dhId: 'ada' },
      { workspaceId: ws, dhId: 'bob' },
    ]);
    // A peer's update, as the relay would deliver it.
    const peer = new Y.Doc();
    peer.getMap('memories').set('p1', { id: 'p1', text: 'From a teammate', createdAt: 5, updatedAt: 5 });
    events.length = 0;
    core.workspaces.handle(ws).docs.applyUpdate(dhDocName('ada'), Y.encodeStateAsUpdate(peer), txOrigin('remote'));
    await Promise.resolve();
    expect(events).toEqual([{ workspaceId: ws, dhId: 'ada' }]);
    expect(core.memory.get(ws, 'ada', 'p1')).toMatchObject({ text: 'From a teammate', kind: 'fact', importance: 0.5 });
  });

  it("recalls the conversations the digital human took part in, as messages, and no others", async () => {
    const { core, call, ws } = await setup();
    const juno = await call<{ id: string }>('dh.create', { workspaceId: ws, name: 'Juno', handle: 'juno' });
    const ops = await call<{ id: string }>('room.create', { workspaceId: ws, name: 'ops' });
    const board = await call<{ id: string }>('room.create', { workspaceId: ws, name: 'board', private: true });
    await call('room.addMember', { workspaceId: ws, roomId: ops.id, memberId: juno.id });
    const said = await call<{ id: string }>('message.post', { workspaceId: ws, roomId: ops.id, text: 'The staging server password rotates every Friday' });
    await call('message.post', { workspaceId: ws, roomId: board.id, text: 'The staging server moves to Frankfurt, keep it quiet' });
    core.memory.add(ws, juno.id, { text: 'Prefers answers in French' });
    const { items } = await core.memory.recall(ws, juno.id, 'When does the staging server password rotate?', { k: 5 });
    expect(items.filter((i) => i.kind === 'message').map((i) => [i.id, i.roomId])).toEqual([[said.id, ops.id]]);
    expect(JSON.stringify(items)).not.toContain('Frankfurt');
    // Another digital human, in no room, recalls no conversation.
    expect((await core.memory.recall(ws, 'other', 'staging server password', { k: 5 })).items).toEqual([]);
  });

  it('never recalls across workspaces', async () => {
    const { core, call, ws } = await setup();
    const other = await call<Workspace>('workspace.create', { name: 'Globex', kind: 'team' });
    core.memory.add(other.id, 'ada', { text: 'The Globex launch code name is Bluebird' });
    core.memory.add(ws, 'ada', { text: 'Lunch is at noon' });
    const recalled = await core.memory.recall(ws, 'ada', 'launch code name Bluebird', { k: 10 });
    expect(JSON.stringify(recalled)).not.toContain('Bluebird');
  });

  it('validates ids and refuses unknown workspaces', async () => {
    const { core, ws } = await setup();
    expect(() => core.memory.add(ws, '../x', { text: 'x' })).toThrow(/Digital human id/);
    expect(() => core.memory.add('nosuchworkspace', 'ada', { text: 'x' })).toThrow();
    expect(() => core.memory.add(ws, 'ada', { text: 'x', kind: 'spell' as never })).toThrow(/kind/);
  });
});

describe('memory vectors', () => {
  it('embeds in the background, re-embeds edits and a new model, deletes with the memory', async () => {
    let embedder: HashEmbedder = hashEmbedder('model-a', 64);
    const { core, ws } = await setup({ embedder: () => embedder });
    const a = core.memory.add(ws, 'ada', { text: 'Caroline adopted a rescue dog named Biscuit' });
    const b = core.memory.add(ws, 'ada', { text: 'The quarterly report is due on Friday' });
    // Adding never waits for the model.
    expect(vectorRows(core, ws)).toEqual([]);
    await core.memory.whenIndexed(ws);
    expect(vectorRows(core, ws).map((r) => r.model)).toEqual(['model-a', 'model-a']);

    embedder.calls.length = 0;
    core.memory.update(ws, 'ada', b.id, { text: 'The annual report is due on Monday' });
    await core.memory.whenIndexed(ws);
    expect(embedder.calls).toEqual([['The annual report is due on Monday']]);

    // Recall with vectors finds a memory that shares no whole word with the query.
    const recalled = await core.memory.recall(ws, 'ada', 'adoption of puppies', { k: 1 });
    expect(recalled.items.map((i) => i.id)).toEqual([a.id]);

    embedder = hashEmbedder('model-b', 96);
    core.memory.add(ws, 'ada', { text: 'third' });
    await core.memory.whenIndexed(ws);
    expect(vectorRows(core, ws).map((r) => r.model)).toEqual(['model-b', 'model-b', 'model-b']);

    core.memory.forget(ws, 'ada', a.id);
    const db = core.workspaces.handle(ws).storage.db;
    expect(vectorRows(core, ws)).toHaveLength(2);
    expect(db.prepare('SELECT count(*) FROM memory_vec_96').pluck().get()).toBe(2);
  });

  it('keeps vectors through a projection rebuild and falls back to full text when the model fails', async () => {
    const dataDir = makeTempDir();
    const embedder = hashEmbedder('model-a', 64);
    let failing = false;
    const flaky: Embedder = {
      model: embedder.model,
      embed: (texts) => (failing ? Promise.reject(new Error('model server down')) : embedder.embed(texts)),
    };
    const first = await setup({ dataDir, embedder: () => flaky });
    first.core.memory.importMany(first.ws, 'ada', [{ text: 'alpha beta' }, { text: 'gamma delta' }]);
    await first.core.memory.whenIndexed(first.ws);
    // A projection that looks stale is rebuilt on next use.
    first.core.workspaces.handle(first.ws).storage.db.prepare("UPDATE projection_state SET version = 0 WHERE name = 'memories:dh/ada'").run();
    await first.core.close();
    const second = await setup({ dataDir, embedder: () => flaky });
    embedder.calls.length = 0;
    failing = true;
    const recalled = await second.core.memory.recall(second.ws, 'ada', 'gamma', { k: 1 });
    expect(recalled.items.map((i) => i.text)).toEqual(['gamma delta']);
    await second.core.memory.whenIndexed(second.ws);
    expect(vectorRows(second.core, second.ws)).toHaveLength(2);
    expect(embedder.calls).toEqual([]);
  });
});
