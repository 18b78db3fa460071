import { describe, expect, it } from 'vitest';
import { readMemoryRecord, writeMemoryRecord, type MemoryRecord } from './memoryDocFormat';

const record: MemoryRecord = {
  id: 'm1',
  text: 'Prefers invoices in euros',
  kind: 'preference',
  tags: ['billing', 'client-acme'],
  importance: 0.8,
  pinned: true,
  sourceMessageIds: ['msg1'],
  source: 'D1:3',
  at: Date.UTC(2023, 4, 8),
  createdAt: 1000,
  updatedAt: 2000,
};

describe('memory doc format', () => {
  it('reads back what it writes', () => {
    expect(readMemoryRecord('m1', writeMemoryRecord(record))).toEqual(record);
  });

  it('refuses values that are not memories', () => {
    for (const value of [null, 42, 'text', [], { text: '' }, { text: '   ', createdAt: 1 }, { text: 'x' }, { text: 'x', createdAt: 1.5 }, { text: 5, createdAt: 1 }]) {
      expect(readMemoryRecord('m1', value), JSON.stringify(value)).toBeNull();
    }
    for (const key of ['', '../x', 'a b', 'x'.repeat(65)]) expect(readMemoryRecord(key, writeMemoryRecord(record))).toBeNull();
  });

  it('repairs what a hostile peer could send instead of trusting it', () => {
    const read = readMemoryRecord('m1', {
      id: 'other',
      text: `a\u0000b${'x'.repeat(9000)}`,
      kind: 'spell',
      tags: ['  Two Words ', 'UPPER', 'upper', 7, '', 'x'.repeat(41), 'bell\u0007', ...Array.from({ length: 30 }, (_, i) => `t${i}`)],
      importance: 7,
      pinned: 'yes',
      sourceMessageIds: ['ok', '../bad', 3, 'ok'],
      source: 'line\nbreak',
      at: 'yesterday',
      createdAt: 5000,
      updatedAt: 10,
    });
    expect(read).toMatchObject({
      id: 'm1',
      kind: 'fact',
      importance: 1,
      pinned: false,
      sourceMessageIds: ['ok'],
      source: 'line break',
      at: null,
      createdAt: 5000,
      updatedAt: 5000,
    });
    expect(read!.text.startsWith('abx')).toBe(true);
    expect(read!.text).toHaveLength(8000);
    expect(read!.tags.slice(0, 3)).toEqual(['two-words', 'upper', 'bell']);
    expect(read!.tags).toHaveLength(20);
  });
});
