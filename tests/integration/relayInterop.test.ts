/**
 * A stock `y-websocket` WebsocketProvider from npm, unchanged, running over
 * `ws` with its token as subprotocol, syncs docs and awareness with another
 * provider through the relay, and what it wrote is on the relay's disk;
 * its keystrokes share group commits (the protocol has no ack to wait for),
 * while a qwanyx.v1 writer's update still gets a commit and an ack at once.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectRaw, openProvider, startTestRelay, waitUntil, whenSynced } from '../fixtures/relayHarness';
import { readRelayFrame, writeUpdateFrame } from '../../src-main/common/syncFrames';

const WS = 'interop-ws-0001';

describe('stock y-websocket client through the relay', () => {
  it('syncs a doc both ways and keeps it after a restart', async () => {
    const relay = await startTestRelay();
    const alice = await relay.mintToken({ workspaceId: WS, email: 'alice@example.com', role: 'owner' });
    const bob = await relay.mintToken({ workspaceId: WS, email: 'bob@example.com', role: 'member' });
    const a = openProvider(relay, WS, 'room/general', alice);
    const b = openProvider(relay, WS, 'room/general', bob);
    await Promise.all([whenSynced(a), whenSynced(b)]);

    a.doc.getText('t').insert(0, 'hello from A');
    await waitUntil(() => b.doc.getText('t').toString() === 'hello from A', 5000, 'A → B');
    b.doc.getMap('m').set('k', 'from B');
    await waitUntil(() => a.doc.getMap('m').get('k') === 'from B', 5000, 'B → A');

    // A late joiner gets the whole state in its first sync.
    const c = openProvider(relay, WS, 'room/general', bob);
    await whenSynced(c);
    await waitUntil(() => c.doc.getText('t').toString() === 'hello from A' && c.doc.getMap('m').get('k') === 'from B', 5000, 'late joiner');

    a.destroy();
    b.destroy();
    c.destroy();
    await relay.close();
    const again = await startTestRelay({ dataDir: relay.dataDir });
    const d = openProvider(again, WS, 'room/general', await again.mintToken({ workspaceId: WS, email: 'bob@example.com', role: 'member' }));
    await whenSynced(d);
    await waitUntil(() => d.doc.getText('t').toString() === 'hello from A' && d.doc.getMap('m').get('k') === 'from B', 5000, 'after restart');
  });

  it('relays awareness and clears it when a client leaves', async () => {
    const relay = await startTestRelay();
    const token = await relay.mintToken({ workspaceId: WS, email: 'alice@example.com', role: 'member' });
    const a = openProvider(relay, WS, 'meta', token);
    const b = openProvider(relay, WS, 'meta', token);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.awareness.setLocalStateField('user', { name: 'Alice', cursor: 3 });
    await waitUntil(() => (b.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === 'Alice', 5000, 'awareness A → B');

    // A newcomer is told the current states at once.
    const c = openProvider(relay, WS, 'meta', token);
    await waitUntil(() => c.awareness.getStates().has(a.doc.clientID), 5000, 'awareness to newcomer');

    c.awareness.setLocalStateField('user', { name: 'Carol' });
    await waitUntil(() => b.awareness.getStates().has(c.doc.clientID), 5000, 'awareness C → B');

    a.disconnect();
    await waitUntil(() => !b.awareness.getStates().has(a.doc.clientID) && !c.awareness.getStates().has(a.doc.clientID), 5000, 'awareness cleared');
    expect(b.awareness.getStates().has(c.doc.clientID)).toBe(true);
  });

  it('keeps docs of a workspace apart', async () => {
    const relay = await startTestRelay();
    const token = await relay.mintToken({ workspaceId: WS, email: 'alice@example.com', role: 'member' });
    const a = openProvider(relay, WS, 'room/one', token);
    const b = openProvider(relay, WS, 'room/two', token);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.doc.getText('t').insert(0, 'only in one');
    const a2 = openProvider(relay, WS, 'room/one', token, new Y.Doc());
    await waitUntil(() => a2.doc.getText('t').toString() === 'only in one', 5000, 'same doc');
    expect(b.doc.getText('t').toString()).toBe('');
  });

  it("commits a stock client's keystrokes together, and still acknowledges a qwanyx.v1 update at once", async () => {
    const relay = await startTestRelay();
    const token = await relay.mintToken({ workspaceId: WS, email: 'alice@example.com', role: 'member' });
    const counter = async (name: string): Promise<number> => {
      const text = await (await fetch(`${relay.url}/metrics`)).text();
      return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
    };
    const typist = openProvider(relay, WS, 'room/typing', token);
    await whenSynced(typist);
    const [updatesBefore, commitsBefore] = [await counter('relay_updates_total'), await counter('relay_log_commits_total')];
    for (let i = 0; i < 40; i++) {
      typist.doc.getText('t').insert(i, 'x');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    let stored = 0;
    await waitUntil(() => {
      void counter('relay_updates_total').then((n) => (stored = n - updatesBefore));
      return stored >= 40;
    }, 5000, 'the keystrokes on the log');
    // One commit per keystroke would be 40; they ride in groups of up to 250 ms.
    expect((await counter('relay_log_commits_total')) - commitsBefore).toBeLessThan(20);

    const writer = connectRaw(relay, WS, 'room/typing', token, { qwanyx: true });
    await writer.opened;
    const doc = new Y.Doc();
    doc.getText('u').insert(0, 'acknowledged');
    const sent = performance.now();
    writer.ws.send(writeUpdateFrame(Y.encodeStateAsUpdate(doc)));
    const acked = (): boolean => writer.frames.some((frame) => {
      const read = readRelayFrame(frame);
      return read.kind === 'ack' && read.durable === 1;
    });
    await waitUntil(acked, 5000, 'the ack');
    // Not held for the lazy window: an ack follows its own commit.
    expect(performance.now() - sent).toBeLessThan(1000);
    typist.destroy();
  });
});
