/**
 * Projection of the `meta` doc's `settings` map into `meta_settings(key, value)`
 * (value is JSON), so the workspace's settings can be read with SQL.
 */
import type { SqliteDb } from './openSqlite';
import type { Projection } from './ProjectionRunner';

export const metaSettingsProjection: Projection = {
  name: 'meta_settings',
  version: 1,
  docName: 'meta',
  rebuild(db, doc) {
    db.prepare('DELETE FROM meta_settings').run();
    const insert = db.prepare('INSERT INTO meta_settings (key, value) VALUES (?, ?)');
    for (const [key, value] of doc.getMap('settings').entries()) insert.run(key, JSON.stringify(value ?? null));
  },
};

/** Reads the projected settings as a plain object. */
export function readMetaSettings(db: SqliteDb): Record<string, unknown> {
  const rows = db.prepare('SELECT key, value FROM meta_settings ORDER BY key').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}
