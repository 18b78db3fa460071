import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../../tests/fixtures/makeCore';
import { addPeerMember, writeAsPeer } from '../../../tests/fixtures/roomPeers';
import type { DhTemplate, DigitalHuman, EventName, Member, Message, Profile, Room, Task } from '../../common/contract';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { writeDhRecord } from '../../storage/dh/metaDhFormat';
import { writeMemberRecord } from '../../storage/rooms/metaRoomsFormat';

interface Setup {
  t: TestCore;
  ws: string;
  me: Profile;
}

async function setup(): Promise<Setup> {
  const t = await makeCore();
  const ws = (await t.call<{ id: string }>('workspace.create', { name: 'Acme', kind: 'team' })).id;
  const me = await t.call<Profile>('profile.get', {});
  return { t, ws, me };
}

async function failure(t: TestCore, channel: string, input: unknown): Promise<string> {
  const result = await t.core.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} should have failed`);
  return result.error.code;
}

/** A DH created on a teammate's device, arriving through the relay. */
function createDhAsPeer(t: TestCore, ws: string, id: string, name: string, handle: string, joinedAt: number): void {
  writeAsPeer(t, ws, 'meta', (doc) => {
    writeDhRecord(doc.getMap('dhs'), {
      id,
      name,
      handle,
      title: '',
      persona: '',
      color: '#0090ff',
      model: null,
      tools: ['memory'],
      memoryEnabled: true,
      template: null,
      createdAt: joinedAt,
      createdBy: 'peer',
      archived: false,
    });
    doc.getMap('members').set(id, writeMemberRecord({ id, kind: 'dh', displayName: name, email: '', joinedAt }));
  });
}

describe('digital humans', () => {
  it('creates a DH from a template, filling what was not given, and makes it a member', async () => {
    const { t, ws } = await setup();
    const templates = await t.call<DhTemplate[]>('dh.templates', {});
    expect(templates.map((x) => x.id)).toEqual(['support-agent', 'sales-assistant', 'project-coordinator', 'devops-assistant', 'adhd-planning-coach']);
    const coach = templates.find((x) => x.id === 'adhd-planning-coach')!;
    expect(coach.persona).toMatch(/never shame/i);
    expect(coach.persona.length).toBeGreaterThan(800);

    const dh = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, template: 'adhd-planning-coach', name: 'Philippe', handle: '@Philippe@Qwanyx.com' });
    expect(dh).toMatchObject({
      name: 'Philippe',
      handle: 'philippe@qwanyx.com',
      mentionHandle: 'philippe',
      title: coach.title,
      color: coach.color,
      tools: coach.tools,
      template: 'adhd-planning-coach',
      model: null,
      archived: false,
    });
    expect(dh.persona.startsWith('You are Philippe,')).toBe(true);
    const members = await t.call<Member[]>('member.list', { workspaceId: ws });
    expect(members.find((m) => m.id === dh.id)).toEqual({ id: dh.id, kind: 'dh', displayName: 'Philippe', handle: 'philippe', email: 'philippe@qwanyx.com' });

    const plain = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Ops Bot', model: 'llama3.1:8b', tools: ['tasks', 'memory', 'tasks'] });
    expect(plain).toMatchObject({ handle: 'ops.bot', persona: '', tools: ['memory', 'tasks'], model: 'llama3.1:8b', template: null });
    expect((await t.call<DigitalHuman[]>('dh.list', { workspaceId: ws })).map((d) => d.name)).toEqual(['Ops Bot', 'Philippe']);
  });

  it('finds a DH by id, full handle and mention handle', async () => {
    const { t, ws } = await setup();
    const dh = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Philippe', handle: 'philippe@qwanyx.com' });
    for (const ref of [dh.id, 'philippe@qwanyx.com', 'PHILIPPE', '@philippe']) {
      expect((await t.call<DigitalHuman>('dh.get', { workspaceId: ws, dh: ref })).id, ref).toBe(dh.id);
    }
    expect(t.core.dhs.byHandle(ws, '@philippe@qwanyx.com')?.id).toBe(dh.id);
    expect(t.core.dhs.byHandle(ws, 'nobody')).toBeNull();
    expect(await failure(t, 'dh.get', { workspaceId: ws, dh: 'nobody' })).toBe('NOT_FOUND');
  });

  it('keeps handles unique: refuses a taken one, and a person never takes a DH handle', async () => {
    const { t, ws } = await setup();
    addPeerMember(t, ws, 'ada', 'Ada');
    await t.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Philippe', handle: 'philippe@qwanyx.com' });
    expect(await failure(t, 'dh.create', { workspaceId: ws, name: 'Other', handle: 'Philippe' })).toBe('CONFLICT');
    expect(await failure(t, 'dh.create', { workspaceId: ws, name: 'Other', handle: 'philippe@acme.com' })).toBe('CONFLICT');
    expect(await failure(t, 'dh.create', { workspaceId: ws, name: 'Other', handle: 'ada' })).toBe('CONFLICT');
    expect(await failure(t, 'dh.create', { workspaceId: ws, name: 'Other', handle: 'me' })).toBe('VALIDATION');
    expect(await failure(t, 'dh.create', { workspaceId: ws, name: 'Other', handle: 'two words' })).toBe('VALIDATION');
    expect(await failure(t, 'dh.create', { workspaceId: ws, template: 'no-such-template' })).toBe('VALIDATION');
    // Without a handle, one is derived from the name and made unique.
    expect((await t.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Philippe' })).handle).toBe('philippe-2');

    // A teammate called Philippe joins later: their derived handle steps aside.
    addPeerMember(t, ws, 'phil', 'Philippe', 5_000_000_000_000);
    const members = await t.call<Member[]>('member.list', { workspaceId: ws });
    expect(members.find((m) => m.id === 'phil')!.handle).toBe('philippe-3');
  });

  it('settles two DHs given the same handle on two devices at once the same way everywhere', async () => {
    const { t, ws } = await setup();
    createDhAsPeer(t, ws, 'dhB', 'Second', 'helper', 2000);
    createDhAsPeer(t, ws, 'dhA', 'First', 'helper', 1000);
    const list = await t.call<DigitalHuman[]>('dh.list', { workspaceId: ws });
    expect(list.map((d) => [d.id, d.mentionHandle])).toEqual([
      ['dhA', 'helper'],
      ['dhB', 'helper-2'],
    ]);
    expect(t.core.dhs.byHandle(ws, 'helper-2')?.id).toBe('dhB');
  });

  it('is mentioned by its handle, with or without its domain, and joins rooms and DMs like a person', async () => {
    const { t, ws, me } = await setup();
    const dh = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Philippe', handle: 'philippe@qwanyx.com' });
    const room = await t.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel', memberIds: [dh.id] });
    expect([...room.memberIds].sort()).toEqual([me.userId, dh.id].sort());
    const a = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Hi @philippe, can you help?' });
    const b = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Ping @philippe@qwanyx.com.' });
    expect(a.mentions).toEqual([dh.id]);
    expect(b.mentions).toEqual([dh.id]);
    const dm = await t.call<Room>('room.create', { workspaceId: ws, kind: 'dm', memberIds: [dh.id] });
    expect(dm.name).toBe('Philippe');
    await t.call('dh.update', { workspaceId: ws, dhId: dh.id, name: 'Philippe B.' });
    expect((await t.call<Room[]>('room.list', { workspaceId: ws })).find((r) => r.id === dm.id)!.name).toBe('Philippe B.');
  });

  it('updates fields one by one, so concurrent edits of different fields both stay', async () => {
    const { t, ws } = await setup();
    const dh = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, template: 'support-agent' });
    expect(dh).toMatchObject({ name: 'Sam', handle: 'sam' });
    writeAsPeer(t, ws, 'meta', (doc) => (doc.getMap('dhs').get(dh.id) as Y.Map<unknown>).set('title', 'Tier 2 support'));
    const updated = await t.call<DigitalHuman>('dh.update', { workspaceId: ws, dhId: dh.id, persona: 'Be brief.', model: 'gpt-4o-mini', handle: 'sam@acme.com' });
    expect(updated).toMatchObject({ title: 'Tier 2 support', persona: 'Be brief.', model: 'gpt-4o-mini', handle: 'sam@acme.com', mentionHandle: 'sam' });
    expect((await t.call<DigitalHuman>('dh.update', { workspaceId: ws, dhId: dh.id, model: null })).model).toBeNull();
    expect(await failure(t, 'dh.update', { workspaceId: ws, dhId: dh.id, persona: 'x'.repeat(20_001) })).toBe('VALIDATION');
    expect(await failure(t, 'dh.update', { workspaceId: ws, dhId: 'nope', name: 'X' })).toBe('NOT_FOUND');
  });

  it('archives and restores; archived DHs are listed only when asked', async () => {
    const { t, ws } = await setup();
    const dh = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Iris' });
    expect((await t.call<DigitalHuman>('dh.archive', { workspaceId: ws, dhId: dh.id })).archived).toBe(true);
    expect(await t.call<DigitalHuman[]>('dh.list', { workspaceId: ws })).toEqual([]);
    expect((await t.call<DigitalHuman[]>('dh.list', { workspaceId: ws, includeArchived: true })).map((d) => d.id)).toEqual([dh.id]);
    expect((await t.call<DigitalHuman>('dh.archive', { workspaceId: ws, dhId: dh.id, archived: false })).archived).toBe(false);
  });

  it('deletes a DH: its profile, member entry, room seats and the contents of its doc are gone', async () => {
    const { t, ws } = await setup();
    const dh = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Temp', persona: 'Secret instructions' });
    const other = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Keeper' });
    const room = await t.call<Room>('room.create', { workspaceId: ws, name: 'ops', kind: 'channel', memberIds: [dh.id] });
    await t.call<Task>('task.create', { workspaceId: ws, dhId: dh.id, title: 'Confidential plan' });
    const kept = await t.call<Task>('task.create', { workspaceId: ws, dhId: other.id, title: 'Keep me', assignee: { kind: 'dh', id: dh.id } });
    writeAsPeer(t, ws, dhDocName(dh.id), (doc) => doc.getMap('memories').set('m1', { id: 'm1', text: 'Remembered secret' }));

    expect(await t.call('dh.delete', { workspaceId: ws, dhId: dh.id })).toEqual({ id: dh.id });
    expect((await t.call<DigitalHuman[]>('dh.list', { workspaceId: ws, includeArchived: true })).map((d) => d.id)).toEqual([other.id]);
    expect((await t.call<Member[]>('member.list', { workspaceId: ws })).some((m) => m.id === dh.id)).toBe(false);
    expect((await t.call<Room[]>('room.list', { workspaceId: ws })).find((r) => r.id === room.id)!.memberIds).not.toContain(dh.id);
    const doc = t.core.workspaces.handle(ws).docs.doc(dhDocName(dh.id));
    const bytes = new TextDecoder().decode(Y.encodeStateAsUpdate(doc));
    expect(bytes).not.toContain('Confidential');
    expect(bytes).not.toContain('Remembered secret');
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(t.core.workspaces.handle(ws).docs.doc('meta')))).not.toContain('Secret instructions');
    expect((await t.call<Task>('task.get', { workspaceId: ws, taskId: kept.id })).assignee).toBeNull();
    expect(await failure(t, 'dh.delete', { workspaceId: ws, dhId: dh.id })).toBe('NOT_FOUND');
  });

  it('tells the shells about DH changes, local and remote, once per burst', async () => {
    const { t, ws } = await setup();
    const seen: [EventName, unknown][] = [];
    t.core.onEvent((event, payload) => {
      if (event === 'dh.changed' || event === 'task.changed') seen.push([event, payload]);
    });
    const dh = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Iris' });
    await Promise.resolve();
    expect(seen).toEqual([['dh.changed', { workspaceId: ws }]]);
    createDhAsPeer(t, ws, 'peerdh', 'Remote', 'remote', 10);
    await Promise.resolve();
    expect(seen).toHaveLength(2);
    await t.call<Task>('task.create', { workspaceId: ws, dhId: dh.id, title: 'One' });
    await Promise.resolve();
    expect(seen.at(-1)).toEqual(['task.changed', { workspaceId: ws, dhId: dh.id }]);
  });

  it('reads only well-formed profiles from the doc', async () => {
    const { t, ws } = await setup();
    writeAsPeer(t, ws, 'meta', (doc) => {
      const bad = new Y.Map<unknown>();
      bad.set('name', 'No handle');
      bad.set('createdAt', 1);
      bad.set('createdBy', 'x');
      doc.getMap('dhs').set('bad', bad);
      doc.getMap('dhs').set('weird/id', new Y.Map());
      doc.getMap('dhs').set('plain', { name: 'Not a map' });
    });
    expect(await t.call<DigitalHuman[]>('dh.list', { workspaceId: ws, includeArchived: true })).toEqual([]);
  });
});
