/**
 * The relay forwards an update to the doc's other connections as soon as it
 * has applied it, before it is durable. If the relay then loses it (here the
 * worst case: SIGKILL, and its whole doc log is gone), a peer that saw it
 * sends it again on reconnect (its step 2 answers the relay's step 1, whose
 * state vector no longer lists it), so a newcomer still gets it although its
 * writer never came back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openProvider, waitUntil, whenSynced } from '../fixtures/relayHarness';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { makeTempDir } from '../fixtures/tempDir';

const WS = 'lost-update-ws-01';

describe('an update the relay lost', () => {
  it('comes back from a peer that saw it', async () => {
    const dataDir = makeTempDir('qwanyx-lost-update-');
    let relay: RelayProcess = await startRelayProcess({ dataDir });
    const wsUrl = (): string => relay.url.replace(/^http/, 'ws');
    const target = { get wsUrl() { return wsUrl(); } };
    try {
      const token = await relay.mintToken({ workspaceId: WS, email: 'ada@example.com', role: 'member' });
      const writer = openProvider(target, WS, 'room/general', token);
      const reader = openProvider(target, WS, 'room/general', token);
      await Promise.all([whenSynced(writer), whenSynced(reader)]);
      for (let i = 0; i < 20; i++) writer.doc.getArray<string>('list').push([`w${i}`]);
      await waitUntil(() => reader.doc.getArray('list').length === 20, 5000, 'the reader to get every update');
      // The writer is gone for good; then the relay dies and its doc log with it.
      writer.destroy();
      await relay.kill('SIGKILL');
      for (const file of fs.readdirSync(dataDir)) if (file.startsWith('docs.db')) fs.rmSync(path.join(dataDir, file));

      relay = await startRelayProcess({ dataDir, port: relay.port });
      // The stock provider reconnects on its own and answers the relay's step 1 with what it lacks.
      await waitUntil(() => reader.wsconnected && reader.synced, 15_000, 'the reader to reconnect');
      const newcomer = openProvider(target, WS, 'room/general', token, new Y.Doc());
      await whenSynced(newcomer);
      await waitUntil(() => newcomer.doc.getArray('list').length === 20, 5000, 'the newcomer to get the lost updates');
      expect(newcomer.doc.getArray<string>('list').toArray()).toEqual(Array.from({ length: 20 }, (_, i) => `w${i}`));
    } finally {
      await relay.stop();
    }
  });
});
