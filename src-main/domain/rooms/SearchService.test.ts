import { describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../../tests/fixtures/makeCore';
import { addPeerMember, postAsPeer, writeAsPeer } from '../../../tests/fixtures/roomPeers';
import type { Profile, Room, SearchResult } from '../../common/contract';
import { writeRoomRecord } from '../../storage/rooms/metaRoomsFormat';

interface Setup {
  t: TestCore;
  ws: string;
  me: Profile;
  general: Room;
  design: Room;
  search(query: string): Promise<string[]>;
}

const DAY = 24 * 3600 * 1000;
const MARCH = new Date(2024, 2, 10).getTime();

async function setup(): Promise<Setup> {
  const t = await makeCore();
  const ws = (await t.call<{ id: string }>('workspace.create', { name: 'Acme', kind: 'team' })).id;
  const me = await t.call<Profile>('profile.get', {});
  addPeerMember(t, ws, 'ada', 'Ada Veyra');
  addPeerMember(t, ws, 'grace', 'Grace Holm');
  const general = await t.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel' });
  const design = await t.call<Room>('room.create', { workspaceId: ws, name: 'design', kind: 'channel' });
  postAsPeer(t, ws, general.id, { id: 'g1', authorId: 'ada', text: 'The budget for the next quarter is ready', createdAt: MARCH });
  postAsPeer(t, ws, general.id, { id: 'g2', authorId: 'grace', text: 'Quarter next: budget review on Friday', createdAt: MARCH + DAY });
  postAsPeer(t, ws, design.id, { id: 'd1', authorId: 'ada', text: '@me the café logo is done, "final" version', createdAt: MARCH + 2 * DAY, mentions: [me.userId] });
  postAsPeer(t, ws, design.id, { id: 'd2', authorId: 'grace', text: 'Estimates: see NEAR(a b) and col:value *stars*', createdAt: MARCH + 3 * DAY });
  return {
    t,
    ws,
    me,
    general,
    design,
    search: async (query) => (await t.call<SearchResult>('search', { workspaceId: ws, query })).hits.map((h) => h.message.id),
  };
}

describe('message search', () => {
  it('ranks word matches, folds case and accents, matches phrases and the word being typed', async () => {
    const { search } = await setup();
    expect((await search('budget')).sort()).toEqual(['g1', 'g2']);
    expect(await search('"next quarter"')).toEqual(['g1']);
    expect(await search('CAFE')).toEqual(['d1']);
    expect(await search('estim')).toEqual(['d2']);
    expect(await search('estim ')).toEqual([]);
    expect(await search('nothing-like-this')).toEqual([]);
  });

  it('treats FTS5 syntax in the query as text and never fails on it', async () => {
    const { t, ws, search } = await setup();
    for (const query of ['"', '*', 'NEAR(', 'NEAR(a b)', 'col:value', 'text:budget', '"unbalanced', 'budget AND', 'OR', '(', ')', '^', '-budget', '""""', "'; DROP TABLE messages; --"]) {
      const result = await t.core.dispatch('search', { workspaceId: ws, query });
      expect(result.ok, query).toBe(true);
    }
    expect(await search('NEAR(a b)')).toEqual(['d2']);
    expect(await search('col:value')).toEqual(['d2']);
    expect(await search('*stars*')).toEqual(['d2']);
    expect(await search('"final"')).toEqual(['d1']);
  });

  it('filters by author, room, mention and date', async () => {
    const { search } = await setup();
    expect(await search('budget from:ada')).toEqual(['g1']);
    expect(await search('budget from:"Grace Holm"')).toEqual(['g2']);
    expect(await search('from:grace')).toEqual(['d2', 'g2']);
    expect(await search('from:me')).toEqual([]);
    expect(await search('budget from:nobody')).toEqual([]);
    expect((await search('in:#general')).sort()).toEqual(['g1', 'g2']);
    expect(await search('the in:#design')).toEqual(['d1']);
    expect(await search('has:mention')).toEqual(['d1']);
    expect(await search('before:2024-03-11')).toEqual(['g1']);
    expect(await search('after:2024-03-11')).toEqual(['d2', 'd1']);
    expect(await search('budget after:2024-03-10')).toEqual(['g2']);
  });

  it('returns highlight segments and the room of each hit', async () => {
    const { t, ws, design } = await setup();
    const result = await t.call<SearchResult>('search', { workspaceId: ws, query: 'cafe logo' });
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]).toMatchObject({ roomId: design.id, roomName: 'design', message: { id: 'd1', authorName: 'Ada Veyra' } });
    expect(result.hits[0]!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['café', 'logo']);
    expect(result.hits[0]!.snippet.map((s) => s.text).join('')).toBe('@me the café logo is done, "final" version');
  });

  it('never finds deleted messages or messages in private rooms I am not in', async () => {
    const { t, ws, general, search } = await setup();
    const mine = await t.call<{ id: string }>('message.post', { workspaceId: ws, roomId: general.id, text: 'secret budget numbers' });
    expect(await search('secret')).toEqual([mine.id]);
    await t.call('message.delete', { workspaceId: ws, roomId: general.id, messageId: mine.id });
    expect(await search('secret')).toEqual([]);
    writeAsPeer(t, ws, 'meta', (doc) =>
      writeRoomRecord(doc.getMap('rooms'), { id: 'board1', name: 'board', kind: 'channel', private: true, topic: '', archived: false, createdAt: 1, createdBy: 'ada', members: ['ada'], joinedAt: { ada: 1 } }),
    );
    postAsPeer(t, ws, 'board1', { id: 'b1', authorId: 'ada', text: 'acquisition plans', createdAt: MARCH });
    expect(await search('acquisition')).toEqual([]);
    expect(await search('in:#board')).toEqual([]);
  });
});
