import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocLayout } from './DocLayout';

describe('DocLayout', () => {
  const layout = new DocLayout([
    { doc: 'meta', rootMaps: ['settings'], synced: true },
    { doc: 'room/', rootMaps: ['messages'], synced: true, instances: () => ['room/a', 'room/b'] },
    { doc: 'meta', rootMaps: ['rooms'], synced: true },
    { doc: 'room/', rootMaps: ['claims'], synced: true },
    { doc: 'local', rootMaps: ['drafts'], synced: false },
  ]);

  it('merges what several features declare about one doc kind', () => {
    expect(layout.rootMapsOf('meta')).toEqual(['settings', 'rooms']);
    expect(layout.rootMapsOf('room/x')).toEqual(['messages', 'claims']);
    expect(layout.rootMapsOf('unknown')).toEqual([]);
    const doc = new Y.Doc();
    layout.defineRoots('room/x', doc);
    expect([...doc.share.keys()].sort()).toEqual(['claims', 'messages']);
  });

  it('says which docs sync: single docs first, then each instance of a family', () => {
    expect(layout.isSynced('meta')).toBe(true);
    expect(layout.isSynced('room/zz')).toBe(true);
    expect(layout.isSynced('local')).toBe(false);
    expect(layout.isSynced('other')).toBe(false);
    expect(layout.syncedDocNames(null as never)).toEqual(['meta', 'room/a', 'room/b']);
  });

  it('refuses a root map claimed twice, disagreeing sync flags and a synced family without instances', () => {
    expect(() => new DocLayout([{ doc: 'meta', rootMaps: ['a'], synced: true }, { doc: 'meta', rootMaps: ['a'], synced: true }])).toThrow(/declared twice/);
    expect(() => new DocLayout([{ doc: 'meta', rootMaps: ['a'], synced: true }, { doc: 'meta', rootMaps: ['b'], synced: false }])).toThrow(/disagree/);
    expect(() => new DocLayout([{ doc: 'dh/', rootMaps: ['a'], synced: true }])).toThrow(/must list its instances/);
  });
});
