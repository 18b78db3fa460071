import * as Y from 'yjs';
import { openWorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import { timeMs } from './timeMs';
import { withTempDataDir } from './withTempDataDir';
import { writeRoomMessage } from './writeRoomMessage';
await withTempDataDir('scratch-m', async (dataDir) => {
  const h = openWorkspaceHandle(dataDir, 'benchworkspace04', { create: true, compactEvery: 0 });
  let n = 0;
  while (n < 49_500) { h.storage.log.writeTransaction(() => { for (let i = 0; i < 1000 && n < 49_500; i++, n++) writeRoomMessage(h.docs, 'general', n); }); }
  h.docs.compact('room/general');
  for (let i = 0; i < 500; i++, n++) writeRoomMessage(h.docs, 'general', n);
  const stored = h.storage.log.load('room/general');
  let out!: Uint8Array;
  for (let r = 0; r < 3; r++) console.log('mergeUpdates snapshot+500', timeMs(() => { out = Y.mergeUpdates([stored.snapshot!, ...stored.updates.map((u) => u.data)]); }).toFixed(1), out.byteLength);
  const doc = h.docs.doc('room/general');
  for (let r = 0; r < 3; r++) console.log('encodeStateAsUpdate', timeMs(() => Y.encodeStateAsUpdate(doc)).toFixed(1));
  h.close();
});
