import * as Y from 'yjs';
import { openWorkspaceDb } from '../../src-main/storage/WorkspaceDb';
import { openWorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import { DocManager } from '../../src-main/sync/DocManager';
import { buildBigMetaWorkspace } from './buildBigMetaWorkspace';
import { withTempDataDir } from './withTempDataDir';
import { timeMs } from './timeMs';

await withTempDataDir('scratch', async (dataDir) => {
  const id = await buildBigMetaWorkspace(dataDir, 100_000);
  const storage = openWorkspaceDb(dataDir, id, { create: false });
  let stored!: ReturnType<typeof storage.log.load>;
  console.log('read rows ms', timeMs(() => { stored = storage.log.load('meta'); }));
  const datas = stored.updates.map((u) => u.data);
  console.log('total bytes', datas.reduce((a, d) => a + d.byteLength, 0));
  for (let i = 0; i < 1; i++) {
    const doc = new Y.Doc();
    console.log('applyUpdates one tx ms', timeMs(() => Y.transact(doc, () => { for (const u of datas) Y.applyUpdate(doc, u); })));
    const doc2 = doc;
    console.log('structs', [...doc.store.clients.values()].reduce((a, l) => a + l.length, 0));
    let snap!: Uint8Array;
    console.log('encodeStateAsUpdate ms', timeMs(() => { snap = Y.encodeStateAsUpdate(doc2); }), snap.byteLength);
    const doc3 = new Y.Doc();
    console.log('apply snapshot ms', timeMs(() => Y.applyUpdate(doc3, snap)));
    const doc4 = new Y.Doc({ gc: true });
    console.log('apply snapshot (again) ms', timeMs(() => Y.applyUpdate(doc4, snap)));
    console.log('rooms', doc3.getArray('rooms').length, 'members', doc3.getMap('members').size);
    const v2 = Y.encodeStateAsUpdateV2(doc3);
    const doc5 = new Y.Doc();
    console.log('v2 bytes', v2.byteLength, 'apply v2 ms', timeMs(() => Y.applyUpdateV2(doc5, v2)));
  }
  storage.close();
  const docs0 = openWorkspaceDb(dataDir, id, { create: false });
  const dm = new DocManager(docs0.log, { compactEvery: 0 });
  dm.doc('meta'); dm.compact('meta'); dm.close(); docs0.close();
  for (let i = 0; i < 3; i++) {
    const t = timeMs(() => { const h = openWorkspaceHandle(dataDir, id, { create: false }); h.close(); });
    console.log('open handle', t);
  }
  const s = openWorkspaceDb(dataDir, id, { create: false });
  console.log('db open only', timeMs(() => { const x = openWorkspaceDb(dataDir, id, { create: false }); x.close(); }));
  console.log('log.load compacted', timeMs(() => s.log.load('meta')));
  const dm2 = new DocManager(s.log, { compactEvery: 0 });
  console.log('docmanager load compacted', timeMs(() => dm2.doc('meta')));
  console.log('clock', timeMs(() => dm2.clock('meta')));
});
