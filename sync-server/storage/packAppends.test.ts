import { describe, expect, it } from 'vitest';
import { packAppends } from './packAppends';

describe('packAppends', () => {
  it('names each doc and writer once, and lays the updates back to back in order', () => {
    const a = { workspaceId: 'ws-1', docName: 'room/a' };
    const b = { workspaceId: 'ws-2', docName: 'room/a' };
    const packed = packAppends([
      { key: a, update: Uint8Array.of(1, 2), writerId: 'ada' },
      { key: b, update: Uint8Array.of(3), writerId: 'bob' },
      { key: a, update: Uint8Array.of(4, 5, 6) },
      { key: a, update: new Uint8Array(0), writerId: 'ada' },
    ]);
    expect(packed.names).toEqual({ docs: ['ws-1', 'room/a', 'ws-2', 'room/a'], writers: ['ada', 'bob'] });
    expect([...packed.rows]).toEqual([0, 0, 2, 1, 1, 1, 0, -1, 3, 0, 0, 0]);
    expect([...packed.bytes]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('packs an empty group', () => {
    const packed = packAppends([]);
    expect(packed.rows.length).toBe(0);
    expect(packed.bytes.length).toBe(0);
  });
});
