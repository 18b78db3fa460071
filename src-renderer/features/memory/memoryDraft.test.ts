import { describe, expect, it } from 'vitest';
import type { Memory } from '../../../src-main/common/contract';
import { changesOf, draftOf, emptyDraft, inputOf, parseTags } from './memoryDraft';

const memory: Memory = {
  id: 'm1',
  dhId: 'dh1',
  text: 'Ada prefers calls in the morning',
  kind: 'preference',
  tags: ['ada', 'follow-up'],
  importance: 0.7,
  pinned: false,
  sourceMessageIds: [],
  source: null,
  at: null,
  createdAt: 1,
  updatedAt: 1,
};

describe('memory drafts', () => {
  it('reads tags separated by commas or lines, without blanks or repeats', () => {
    expect(parseTags(' billing, Acme,,acme \n  next step ')).toEqual(['billing', 'Acme', 'next step']);
    expect(parseTags('  ')).toEqual([]);
  });

  it('turns a new draft into the input of memory.add', () => {
    expect(inputOf({ ...emptyDraft(), text: '  The launch is on May 3  ', tags: 'launch', importance: 8 })).toEqual({
      text: 'The launch is on May 3',
      kind: 'fact',
      tags: ['launch'],
      importance: 0.8,
    });
  });

  it('sends nothing when a memory is saved unchanged', () => {
    expect(changesOf(memory, draftOf(memory))).toEqual({});
    // Tags as the core folds them count as unchanged.
    expect(changesOf(memory, { ...draftOf(memory), tags: 'Ada, follow up' })).toEqual({});
  });

  it('sends only the fields that changed', () => {
    expect(changesOf(memory, { ...draftOf(memory), text: 'Ada prefers calls after 10:00', importance: 9 })).toEqual({ text: 'Ada prefers calls after 10:00', importance: 0.9 });
    expect(changesOf(memory, { ...draftOf(memory), kind: 'instruction', tags: 'ada' })).toEqual({ kind: 'instruction', tags: ['ada'] });
  });
});
