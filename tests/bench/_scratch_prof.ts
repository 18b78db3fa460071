import fs from 'node:fs';
import { openWorkspaceDb } from '../../src-main/storage/WorkspaceDb';
import { openWorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import { DocManager } from '../../src-main/sync/DocManager';
import { buildBigMetaWorkspace } from './buildBigMetaWorkspace';
import { timeMs } from './timeMs';

const dataDir = '/tmp/qwanyx-scratch-prof';
let id: string;
if (!fs.existsSync(`${dataDir}/id`)) {
  fs.mkdirSync(dataDir, { recursive: true });
  id = await buildBigMetaWorkspace(dataDir, 100_000);
  fs.writeFileSync(`${dataDir}/id`, id);
  const s = openWorkspaceDb(dataDir, id, { create: false });
  fs.copyFileSync(`${dataDir}/workspaces/${id}/workspace.db`, `${dataDir}/uncompacted.db`);
  const dm = new DocManager(s.log, { compactEvery: 0 }); dm.doc('meta'); dm.compact('meta'); dm.close(); s.close();
  fs.copyFileSync(`${dataDir}/workspaces/${id}/workspace.db`, `${dataDir}/compacted.db`);
} else id = fs.readFileSync(`${dataDir}/id`, 'utf8');
const mode = process.argv[2];
const dbFile = `${dataDir}/workspaces/${id}/workspace.db`;
if (mode === 'load') {
  fs.copyFileSync(`${dataDir}/uncompacted.db`, dbFile);
  for (let i = 0; i < 3; i++) console.log('load', timeMs(() => { const s = openWorkspaceDb(dataDir, id, { create: false }); const d = new DocManager(s.log, { compactEvery: 0 }); d.doc('meta'); d.close(); s.close(); }));
} else if (mode === 'rows') {
  fs.copyFileSync(`${dataDir}/uncompacted.db`, dbFile);
  const s = openWorkspaceDb(dataDir, id, { create: false });
  for (let i = 0; i < 3; i++) console.log('rows', timeMs(() => s.log.readSince('meta', 0)));
  const st = s.db.prepare('SELECT seq, data FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq');
  for (let i = 0; i < 3; i++) console.log('raw all', timeMs(() => st.all('meta', 0)));
  const st2 = s.db.prepare('SELECT seq FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq');
  for (let i = 0; i < 3; i++) console.log('seq only', timeMs(() => st2.all('meta', 0)));
  const st3 = s.db.prepare('SELECT seq, data FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq').raw();
  for (let i = 0; i < 3; i++) console.log('raw()', timeMs(() => st3.all('meta', 0)));
  const st4 = s.db.prepare('SELECT length(data) FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq').pluck();
  for (let i = 0; i < 3; i++) console.log('length only', timeMs(() => st4.all('meta', 0)));
  s.close();
} else {
  fs.copyFileSync(`${dataDir}/compacted.db`, dbFile);
  for (let i = 0; i < 5; i++) console.log('open', timeMs(() => openWorkspaceHandle(dataDir, id, { create: false }).close()));
}
