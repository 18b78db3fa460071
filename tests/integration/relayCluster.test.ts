/**
 * Two relay nodes on the real PostgreSQL and Redis: stock y-websocket
 * clients on different nodes sync docs and presence; a node crashes and its
 * client moves to the other node without losing or doubling anything; each
 * node reports its readiness; the policies hold on the node an update reaches.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { clusterServices } from '../fixtures/clusterServices';
import { openProvider, waitUntil, whenSynced, connectRaw } from '../fixtures/relayHarness';
import { startClusterNode, type ClusterNode } from '../fixtures/relayCluster';
import { makeTempDir } from '../fixtures/tempDir';
import { writeUpdateFrame } from '../../src-main/common/syncFrames';
import pg from 'pg';
import { PgDocPersistence } from '../../sync-server/storage/PgDocPersistence';
import { AckClient } from '../fixtures/ackClient';

const services = await clusterServices();
const skip = typeof services === 'string';

describe.skipIf(skip)(`relay cluster of two nodes${skip ? ` (skipped: ${services})` : ''}`, () => {
  const started: ClusterNode[] = [];
  const node = async (dataDir: string): Promise<ClusterNode> => {
    const n = await startClusterNode(services as Exclude<typeof services, string>, dataDir);
    started.push(n);
    return n;
  };
  const stopAll = async (): Promise<void> => {
    for (const n of started.splice(0)) await n.close();
  };

  it('syncs stock clients on different nodes, presence included, and survives a node crash', async () => {
    const dataDir = makeTempDir('qwanyx-cluster-');
    const ws = `cl-${randomUUID().slice(0, 12)}`;
    try {
      const [one, two] = [await node(dataDir), await node(dataDir)];
      const token = await one.mintToken({ workspaceId: ws, email: 'ada@example.com', role: 'member' });
      const a = openProvider(one, ws, 'room/general', token);
      const b = openProvider(two, ws, 'room/general', token);
      await Promise.all([whenSynced(a), whenSynced(b)]);
      a.doc.getText('t').insert(0, 'from one');
      await waitUntil(() => b.doc.getText('t').toString() === 'from one', 5000, 'node one → node two');
      b.doc.getMap('m').set('k', 'from two');
      await waitUntil(() => a.doc.getMap('m').get('k') === 'from two', 5000, 'node two → node one');

      a.awareness.setLocalStateField('user', { name: 'Ada' });
      await waitUntil(() => b.awareness.getStates().has(a.doc.clientID), 5000, 'presence across nodes');
      // A newcomer on node two is told at once who is on node one.
      const c = openProvider(two, ws, 'room/general', token);
      await waitUntil(() => c.awareness.getStates().has(a.doc.clientID), 5000, 'presence of the other node to a newcomer');

      for (const n of [one, two]) expect((await fetch(`${n.url}/readyz`)).status).toBe(200);

      // Node one crashes; its client moves to node two with what it wrote meanwhile.
      await one.abort();
      a.destroy();
      for (let i = 0; i < 10; i++) a.doc.getArray<string>('list').push([`offline-${i}`]);
      const moved = openProvider(two, ws, 'room/general', token, a.doc);
      await whenSynced(moved);
      await waitUntil(() => b.doc.getArray('list').length === 10, 5000, 'the moved client to upload');
      expect(b.doc.getText('t').toString()).toBe('from one');

      const fresh = openProvider(two, ws, 'room/general', token, new Y.Doc());
      await whenSynced(fresh);
      await waitUntil(() => fresh.doc.getArray('list').length === 10, 5000, 'a fresh client to get everything');
      expect(fresh.doc.getArray<string>('list').toArray()).toEqual(Array.from({ length: 10 }, (_, i) => `offline-${i}`));
      expect(fresh.doc.getText('t').toString()).toBe('from one');
      expect(fresh.doc.getMap('m').get('k')).toBe('from two');
    } finally {
      await stopAll();
    }
  });

  it("stores an update of a doc open on two nodes once: the other node skips its copy once the update's node marked it committed", async () => {
    const dataDir = makeTempDir('qwanyx-cluster-');
    const ws = `cl-${randomUUID().slice(0, 12)}`;
    const counter = async (relay: ClusterNode, name: string): Promise<number> => {
      const text = await (await fetch(`${relay.url}/metrics`)).text();
      return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
    };
    try {
      const [one, two] = [await node(dataDir), await node(dataDir)];
      const token = await one.mintToken({ workspaceId: ws, email: 'ada@example.com', role: 'member' });
      const a = openProvider(one, ws, 'room/typing', token);
      const b = openProvider(two, ws, 'room/typing', token);
      await Promise.all([whenSynced(a), whenSynced(b)]);
      // A stock client types for over a second on node one; node two applies each keystroke and holds a copy.
      const typed = 'the quick brown fox jumps over the lazy dog; the lazy dog sleeps on under the warm sun';
      for (const char of typed) {
        a.doc.getText('t').insert(a.doc.getText('t').length, char);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await waitUntil(() => b.doc.getText('t').toString() === typed, 5000, 'node two to get every keystroke');
      // Node one's lazy groups (up to 250 ms) and node two's copies (up to 1 s) are done.
      await new Promise((resolve) => setTimeout(resolve, 1300));
      const remote = await counter(two, 'relay_remote_updates_total');
      const skipped = await counter(two, 'relay_copies_skipped_total');
      expect(remote).toBe(typed.length);
      // Node one's later entries carried its marks: most copies were not stored again (those of the last second may be).
      expect(skipped).toBeGreaterThan(typed.length / 2);
      expect(await counter(one, 'relay_copies_skipped_total')).toBe(0);

      // A short burst, then silence: no later message carries node one's mark, so a mark-only entry does.
      for (const char of ' end') a.doc.getText('t').insert(a.doc.getText('t').length, char);
      await waitUntil(() => b.doc.getText('t').toString() === `${typed} end`, 5000, 'node two to get the burst');
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect(await counter(two, 'relay_remote_updates_total')).toBe(typed.length + 4);
      expect(await counter(two, 'relay_copies_skipped_total')).toBe(skipped + 4);

      const store = await PgDocPersistence.open((services as Exclude<typeof services, string>).databaseUrl, 2);
      try {
        const log = await store.loadDoc({ workspaceId: ws, docName: 'room/typing' });
        const doc = new Y.Doc();
        if (log.snapshot) Y.applyUpdate(doc, log.snapshot);
        for (const update of log.updates) Y.applyUpdate(doc, update);
        expect(doc.getText('t').toString()).toBe(`${typed} end`);
      } finally {
        await store.close();
      }
      a.destroy();
      b.destroy();
    } finally {
      await stopAll();
    }
  });

  it('refuses a write on whichever node it reaches (guests are read-only, audit is append-only)', async () => {
    const dataDir = makeTempDir('qwanyx-cluster-');
    const ws = `cl-${randomUUID().slice(0, 12)}`;
    try {
      const [one, two] = [await node(dataDir), await node(dataDir)];
      const member = await one.mintToken({ workspaceId: ws, email: 'ada@example.com', role: 'owner' });
      const guest = await one.mintToken({ workspaceId: ws, email: 'gus@example.com', role: 'guest' });
      const watcher = openProvider(one, ws, 'audit', member);
      await whenSynced(watcher);
      const source = new Y.Doc();
      const entries = source.getMap<Record<string, unknown>>('entries');
      let update: Uint8Array | null = null;
      source.on('update', (u: Uint8Array) => (update = u));
      entries.set('e1', { id: 'e1', at: Date.now(), actorKind: 'member', actorId: 'u1', by: 'u1', onBehalfOf: null, action: 'tool.task_create', resource: 'room/r1', outcome: 'allowed', detail: '' });
      // The guest writes on node two: dropped there, so node one never sees it.
      const g = connectRaw(two, ws, 'audit', guest);
      await g.opened;
      g.send(writeUpdateFrame(update!));
      // The owner appends on node two: node one gets it.
      const m = connectRaw(two, ws, 'audit', member);
      await m.opened;
      m.send(writeUpdateFrame(update!));
      await waitUntil(() => watcher.doc.getMap('entries').has('e1'), 5000, 'the append across nodes');
      // Erasing an audit entry on node two is refused there, and node one's copy keeps it.
      entries.delete('e1');
      m.send(writeUpdateFrame(update!));
      const closed = await m.waitClosed();
      expect(closed.code).toBe(RelayCloseCode.PolicyRefused);
      expect(watcher.doc.getMap('entries').has('e1')).toBe(true);
    } finally {
      await stopAll();
    }
  });

  it('keeps an update whose node crashed after forwarding it and before committing it', async () => {
    const cluster = services as Exclude<typeof services, string>;
    const dataDir = makeTempDir('qwanyx-cluster-');
    const ws = `cl-${randomUUID().slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: cluster.databaseUrl });
    await admin.connect();
    const locker = new pg.Client({ connectionString: cluster.databaseUrl });
    await locker.connect();
    const writer = new AckClient();
    const reader = new AckClient();
    try {
      const [one, two] = [await node(dataDir), await node(dataDir)];
      const token = await one.mintToken({ workspaceId: ws, email: 'ada@example.com', role: 'member' });
      writer.connect(one.wsUrl, ws, 'room/general', token);
      reader.connect(two.wsUrl, ws, 'room/general', token);
      await waitUntil(() => writer.synced && reader.synced, 5000, 'both clients to sync');
      writer.write('warm-up');
      await waitUntil(() => writer.acked.has('warm-up'), 5000, 'the warm-up ack');

      // Node one's next commit hangs (it adds the writer's bytes; node two stores forwarded updates without).
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE relay_doc_writer_bytes IN EXCLUSIVE MODE');
      writer.write('forwarded');
      await waitUntil(() => reader.list().includes('forwarded'), 5000, 'node two to forward it');
      // Node one dies mid-commit: its transaction is cut, the update never committed there.
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`qwanyx-relay-${one.nodeId}`]);
      await one.abort();
      await locker.query('ROLLBACK');
      expect(writer.acked.has('forwarded')).toBe(false);

      // The writer moves to node two, which already holds the update: the ack it gets there must mean durable.
      writer.connect(two.wsUrl, ws, 'room/general', token);
      await waitUntil(() => writer.synced && writer.unacknowledged.length === 0, 5000, 'the writer to be acknowledged on node two');
      const store = await PgDocPersistence.open(cluster.databaseUrl, 2);
      try {
        const log = await store.loadDoc({ workspaceId: ws, docName: 'room/general' });
        const doc = new Y.Doc();
        if (log.snapshot) Y.applyUpdate(doc, log.snapshot);
        for (const update of log.updates) Y.applyUpdate(doc, update);
        expect(doc.getArray<string>('list').toArray()).toEqual(['warm-up', 'forwarded']);
      } finally {
        await store.close();
      }
    } finally {
      writer.destroy();
      reader.destroy();
      await locker.query('ROLLBACK').catch(() => undefined);
      await Promise.all([admin.end(), locker.end()]);
      await stopAll();
    }
  });

  it('closes a socket on every node when the role of its member changes on one', async () => {
    const dataDir = makeTempDir('qwanyx-cluster-');
    const ws = `cl-${randomUUID().slice(0, 12)}`;
    try {
      const [one, two] = [await node(dataDir), await node(dataDir)];
      const token = await one.mintToken({ workspaceId: ws, email: 'bob@example.com', role: 'member' });
      const onTwo = connectRaw(two, ws, 'room/general', token);
      await onTwo.opened;
      // The role changes through node one; node two closes Bob's socket with 4409.
      await one.mintToken({ workspaceId: ws, email: 'bob@example.com', role: 'guest' });
      expect((await onTwo.waitClosed()).code).toBe(RelayCloseCode.RoleChanged);
    } finally {
      await stopAll();
    }
  });
});
