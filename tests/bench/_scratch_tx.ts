import fs from 'node:fs';
import * as Y from 'yjs';
import { openWorkspaceDb } from '../../src-main/storage/WorkspaceDb';
import { timeMs } from './timeMs';
const dataDir = '/tmp/qwanyx-scratch-prof';
const id = fs.readFileSync(`${dataDir}/id`, 'utf8');
fs.copyFileSync(`${dataDir}/uncompacted.db`, `${dataDir}/workspaces/${id}/workspace.db`);
const s = openWorkspaceDb(dataDir, id, { create: false });
const datas = s.log.readSince('meta', 0).map((u) => u.data);
const chunk = Number(process.argv[2]);
for (let r = 0; r < 3; r++) {
  const doc = new Y.Doc();
  const ms = timeMs(() => {
    for (let i = 0; i < datas.length; i += chunk) {
      Y.transact(doc, () => { for (let j = i; j < Math.min(i + chunk, datas.length); j++) Y.applyUpdate(doc, datas[j]!); });
    }
  });
  console.log(`tx of ${chunk}: ${ms.toFixed(0)} ms`, doc.getMap('members').size, [...doc.store.clients.values()][0]!.length);
}
s.close();
