import { describe, expect, it } from 'vitest';
import type { DigitalHuman } from '../../common/contract';
import { buildContext, type ContextInput } from './buildContext';
import { detectTriggers } from './detectTriggers';
import { parseOperations } from './extractMemories';

const dh: DigitalHuman = {
  id: 'dh1',
  name: 'Philippe',
  handle: 'philippe@qwanyx.com',
  mentionHandle: 'philippe',
  title: 'Coordinator',
  persona: 'You coordinate.',
  color: '#336699',
  model: null,
  tools: ['tasks'],
  memoryEnabled: true,
  template: null,
  createdAt: 0,
  createdBy: 'u1',
  archived: false,
};

function input(over: Partial<ContextInput> = {}): ContextInput {
  return {
    dh,
    workspaceName: 'Acme',
    place: '#general',
    people: [{ name: 'Ada', handle: 'ada', kind: 'user' }],
    now: Date.UTC(2026, 0, 5),
    history: Array.from({ length: 500 }, (_, i) => ({ id: `m${i}`, authorId: i % 3 === 0 ? 'dh1' : 'u1', authorName: 'Ada', text: `message number ${i} ${'x'.repeat(200)}`, at: i })),
    memories: Array.from({ length: 50 }, (_, i) => ({ id: `k${i}`, text: `memory ${i} ${'y'.repeat(300)}`, score: 1, source: null, kind: 'fact' })),
    tasks: [],
    knowledge: [],
    budgetTokens: 3000,
    ...over,
  };
}

describe('buildContext', () => {
  it('keeps within the budget, newest messages first, the persona always', () => {
    const built = buildContext(input());
    expect(built.tokens).toBeLessThanOrEqual(3000);
    expect(built.messages[0]!.content).toContain('You coordinate.');
    const last = built.messages[built.messages.length - 1]!;
    expect(last.content).toContain('message number 499');
    expect(built.included.history).toBeLessThan(500);
    expect(built.included.memories).toBeGreaterThan(0);
    expect(built.included.memories).toBeLessThan(50);
    // The DH's own messages are its turns; others speak with their name.
    expect(built.messages.some((m) => m.role === 'assistant')).toBe(true);
    expect(built.messages.filter((m) => m.role === 'user').every((m) => m.content?.startsWith('Ada: ') ?? false)).toBe(true);
  });

  it('ends with a user turn for an assignment with no conversation', () => {
    const built = buildContext(input({ history: [], assignment: { kind: 'work', title: 'Check the budget', notes: '', from: 'Philippe', assignee: null, dueAt: null } }));
    expect(built.messages[0]!.content).toContain('Check the budget');
    expect(built.messages.at(-1)).toMatchObject({ role: 'user' });
  });
});

describe('detectTriggers', () => {
  const room = { id: 'r1', name: 'general', kind: 'channel' as const, private: false, topic: '', archived: false, createdAt: 0, createdBy: 'u1', members: ['u1'], joinedAt: {} };
  const record = { id: 'm1', authorId: 'u1', text: '@philippe hi', createdAt: 1000, editedAt: null, deleted: false, threadRootId: null, mentions: ['dh1'] };

  it('calls on mentioned DHs and DHs in a DM, never for a DH’s own message, an edit, an old message or a private room it is not in', () => {
    const base = { record, room, dhs: [dh], now: 2000, maxAgeMs: 10_000 };
    expect(detectTriggers(base).map((d) => d.id)).toEqual(['dh1']);
    expect(detectTriggers({ ...base, record: { ...record, authorId: 'dh1' } })).toEqual([]);
    expect(detectTriggers({ ...base, record: { ...record, editedAt: 1500 } })).toEqual([]);
    expect(detectTriggers({ ...base, now: 100_000 })).toEqual([]);
    expect(detectTriggers({ ...base, room: { ...room, private: true } })).toEqual([]);
    expect(detectTriggers({ ...base, dhs: [{ ...dh, archived: true }] })).toEqual([]);
    const dm = { ...room, kind: 'dm' as const, private: true, members: ['u1', 'dh1'] };
    expect(detectTriggers({ ...base, room: dm, record: { ...record, mentions: [] } }).map((d) => d.id)).toEqual(['dh1']);
  });
});

describe('parseOperations', () => {
  it('keeps valid operations on known ids and drops everything else', () => {
    const text = 'Sure! {"operations":[{"op":"ADD","text":"Ada likes tea."},{"op":"UPDATE","id":"k1","text":"x"},{"op":"DELETE","id":"made-up"},{"op":"NOOP"},{"op":"ERASE_ALL"}]}';
    expect(parseOperations(text, new Set(['k1']))).toEqual([
      { op: 'ADD', text: 'Ada likes tea.' },
      { op: 'UPDATE', id: 'k1', text: 'x' },
    ]);
    expect(parseOperations('not json', new Set())).toEqual([]);
    expect(parseOperations('{"operations": "all"}', new Set())).toEqual([]);
  });
});
