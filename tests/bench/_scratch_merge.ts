import fs from 'node:fs';
import * as Y from 'yjs';
import { openWorkspaceDb } from '../../src-main/storage/WorkspaceDb';
import { timeMs } from './timeMs';
const dataDir = '/tmp/qwanyx-scratch-prof';
const id = fs.readFileSync(`${dataDir}/id`, 'utf8');
fs.copyFileSync(`${dataDir}/uncompacted.db`, `${dataDir}/workspaces/${id}/workspace.db`);
const s = openWorkspaceDb(dataDir, id, { create: false });
const datas = s.log.readSince('meta', 0).map((u) => u.data);
for (const chunk of [Number(process.argv[2] ?? 100)]) {
  for (let r = 0; r < 3; r++) {
    const doc = new Y.Doc();
    let mergeMs = 0;
    const ms = timeMs(() => {
      const merged: Uint8Array[] = [];
      mergeMs = timeMs(() => { for (let i = 0; i < datas.length; i += chunk) merged.push(Y.mergeUpdates(datas.slice(i, i + chunk))); });
      Y.transact(doc, () => { for (const m of merged) Y.applyUpdate(doc, m); });
    });
    console.log(`chunk ${chunk}: total ${ms.toFixed(0)} ms (merge ${mergeMs.toFixed(0)})`, doc.getMap('members').size);
  }
}
s.close();
