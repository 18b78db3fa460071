import * as Y from 'yjs';
import { openWorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import { timeMs } from './timeMs';
import { withTempDataDir } from './withTempDataDir';
import { writeRoomMessage } from './writeRoomMessage';
await withTempDataDir('scratch-c', async (dataDir) => {
  const h = openWorkspaceHandle(dataDir, 'benchworkspace03', { create: true, compactEvery: 0 });
  let n = 0;
  for (const target of [10_000, 25_000, 50_000]) {
    while (n < target - 500) { h.storage.log.writeTransaction(() => { for (let i = 0; i < 1000 && n < target - 500; i++, n++) writeRoomMessage(h.docs, 'general', n); }); }
    h.docs.compact('room/general');
    for (let i = 0; i < 500; i++, n++) writeRoomMessage(h.docs, 'general', n);
    const doc = h.docs.doc('room/general');
    let snap!: Uint8Array;
    const enc = timeMs(() => { snap = Y.encodeStateAsUpdate(doc); });
    const sv = timeMs(() => Y.encodeStateVector(doc));
    const total = timeMs(() => h.docs.compact('room/general'));
    console.log(`${target} msgs: compact ${total.toFixed(1)} ms; encodeStateAsUpdate ${enc.toFixed(1)} ms; stateVector ${sv.toFixed(2)}; snapshot ${(snap.byteLength / 1024).toFixed(0)} KiB`);
  }
  h.close();
});
