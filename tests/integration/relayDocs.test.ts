/**
 * How the relay holds docs: step 1 is answered with a diff, not the whole
 * doc; quiet clients still hear from the relay; the doc-size limit closes
 * the writer with 4413 and stores nothing; docs leave memory after their last
 * client (and a grace period) and their log is compacted without losing a
 * thing.
 */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, RelayCloseCode } from '../../src-main/common/relayWire';
import { SqliteDocPersistence } from '../../sync-server/storage/SqliteDocPersistence';
import { writeStep1Frame, writeUpdateFrame } from '../../src-main/common/syncFrames';
import { connectRaw, openProvider, startTestRelay, waitUntil, whenSynced } from '../fixtures/relayHarness';
import { relayApi } from '../fixtures/relayHttp';

const WS = 'docs-ws-000001';

function payloadOf(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

async function gauge(relay: { url: string }, name: string): Promise<number> {
  const text = (await relayApi<string>(relay, 'GET', '/metrics')).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

describe('relay docs', () => {
  it('answers step 1 with the diff against the client state vector', async () => {
    const relay = await startTestRelay();
    const token = await relay.mintToken({ workspaceId: WS, email: 'a@example.com', role: 'member' });
    const writer = openProvider(relay, WS, 'meta', token);
    await whenSynced(writer);
    const text = writer.doc.getText('t');
    for (let i = 0; i < 500; i++) text.insert(text.length, `line ${i} with some words in it\n`);
    const knows = Y.encodeStateVector(writer.doc);
    const missing: Uint8Array[] = [];
    const collect = (u: Uint8Array): void => void missing.push(u);
    writer.doc.on('update', collect);
    for (let i = 0; i < 10; i++) text.insert(0, `new ${i} `);
    writer.doc.off('update', collect);

    const reader = connectRaw(relay, WS, 'meta', token);
    await reader.opened;
    await waitUntil(() => reader.frames.length > 0, 5000, 'greeting');
    // Wait until the relay has the 10 new edits, then ask with the old state vector.
    const full = Y.encodeStateVector(writer.doc);
    await waitUntil(() => {
      const step1 = reader.frames.find((f) => f[0] === MESSAGE_SYNC && f[1] === 0);
      return step1 !== undefined && Buffer.from(payloadOf(step1)).equals(Buffer.from(full));
    }, 5000, 'relay to have every edit');
    reader.send(writeStep1Frame(knows));
    await waitUntil(() => reader.frames.some((f) => f[0] === MESSAGE_SYNC && f[1] === 1), 5000, 'step 2');
    const diff = payloadOf(reader.frames.find((f) => f[0] === MESSAGE_SYNC && f[1] === 1)!);
    const missingBytes = missing.reduce((n, u) => n + u.length, 0);
    expect(diff.length).toBeLessThanOrEqual(missingBytes * 1.5);
    expect(diff.length).toBeLessThan(Y.encodeStateAsUpdate(writer.doc).length / 10);
  });

  it('sends quiet clients an application message before stock clients give up', async () => {
    const relay = await startTestRelay({ keepaliveMs: 200 });
    const token = await relay.mintToken({ workspaceId: WS, email: 'a@example.com', role: 'member' });
    const client = connectRaw(relay, WS, 'meta', token, { qwanyx: false });
    await client.opened;
    await waitUntil(() => client.frames.length > 0, 5000, 'greeting');
    const greeting = client.frames.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    const keepalives = client.frames.slice(greeting).filter((f) => f[0] === MESSAGE_AWARENESS);
    expect(keepalives.length).toBeGreaterThanOrEqual(2);
    expect(client.closed).toBeNull();
  });

  it('closes a writer going over the doc-size limit with 4413 and stores nothing of it', async () => {
    const relay = await startTestRelay({ limits: { maxDocBytes: 4096 } });
    const token = await relay.mintToken({ workspaceId: WS, email: 'a@example.com', role: 'member' });
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'small');
    const client = connectRaw(relay, WS, 'meta', token);
    await client.opened;
    client.send(writeUpdateFrame(Y.encodeStateAsUpdate(doc)));
    const before = Y.encodeStateVector(doc);
    doc.getText('t').insert(5, 'x'.repeat(5000));
    client.send(writeUpdateFrame(Y.encodeStateAsUpdate(doc, before)));
    expect((await client.waitClosed()).code).toBe(RelayCloseCode.TooLarge);
    const reader = openProvider(relay, WS, 'meta', token);
    await whenSynced(reader);
    expect(reader.doc.getText('t').toString()).toBe('small');
  });

  it('unloads a doc after its last client leaves, compacts its log, and loads it back intact', async () => {
    const relay = await startTestRelay({ docGraceMs: 50, compactEvery: 20 });
    const token = await relay.mintToken({ workspaceId: WS, email: 'a@example.com', role: 'member' });
    const writer = openProvider(relay, WS, 'room/r1', token);
    await whenSynced(writer);
    const list = writer.doc.getArray<number>('list');
    for (let i = 0; i < 120; i++) list.push([i]);
    const other = openProvider(relay, WS, 'room/r1', token);
    await waitUntil(() => other.doc.getArray('list').length === 120, 5000, 'other synced');
    // The room, and its workspace's meta and governance, which the relay reads to decide who may read and write it.
    expect(await gauge(relay, 'relay_docs_loaded')).toBe(3);
    // Compaction merges on a worker thread and commits on the log's writer thread: it lands shortly after.
    for (const deadline = Date.now() + 5000; (await gauge(relay, 'relay_compactions_total')) < 1; ) {
      if (Date.now() > deadline) throw new Error('no compaction');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    writer.destroy();
    other.destroy();
    const deadline = Date.now() + 5000;
    while ((await gauge(relay, 'relay_docs_loaded')) !== 0) {
      if (Date.now() > deadline) throw new Error('doc not unloaded');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const again = openProvider(relay, WS, 'room/r1', token);
    await whenSynced(again);
    expect(again.doc.getArray('list').toArray()).toEqual(Array.from({ length: 120 }, (_, i) => i));
    await relay.close();
    const store = new SqliteDocPersistence(`${relay.dataDir}/docs.db`);
    try {
      expect(await store.pendingCount({ workspaceId: WS, docName: 'room/r1' })).toBeLessThan(20);
    } finally {
      await store.close();
    }
  });
});
