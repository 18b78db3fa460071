import Database from 'better-sqlite3';
import fs from 'node:fs';
import { percentile } from './percentile';
import { timeMs } from './timeMs';
import { yieldToLoop } from './yieldToLoop';
for (const [dir, sync, ckpt] of [['/tmp', 'FULL', 1000], ['/tmp', 'FULL', 0], ['/tmp', 'NORMAL', 1000], ['/dev/shm', 'FULL', 1000]] as const) {
  const d = fs.mkdtempSync(`${dir}/sq-`);
  const db = new Database(`${d}/x.db`);
  db.pragma('journal_mode = WAL'); db.pragma(`synchronous = ${sync}`); db.pragma(`wal_autocheckpoint = ${ckpt}`);
  db.exec('CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, data BLOB NOT NULL); CREATE INDEX u ON updates (doc_id, seq);');
  const ins = db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)');
  const blob = Buffer.alloc(150, 7);
  const t: number[] = [];
  for (let i = 0; i < 5000; i++) { t.push(timeMs(() => ins.run('room/general', blob))); await yieldToLoop(); }
  console.log(dir, sync, 'ckpt', ckpt, 'p50', percentile(t, 50).toFixed(3), 'p99', percentile(t, 99).toFixed(3), 'max', percentile(t, 100).toFixed(2), '>2ms', t.filter((x) => x > 2).length);
  db.close(); fs.rmSync(d, { recursive: true });
}
