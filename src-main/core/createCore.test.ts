import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../../tests/fixtures/makeCore';
import type { Room, Settings, Workspace } from '../common/contract';
import { readMetaSettings } from '../storage/metaSettingsProjection';

describe('core: workspaces', () => {
  it('starts with a solo "Personal" workspace that is active', async () => {
    const { call } = await makeCore();
    const list = await call<Workspace[]>('workspace.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'Personal', kind: 'solo', archived: false });
    expect((await call<Settings>('settings.get')).activeWorkspaceId).toBe(list[0]!.id);
  });

  it('starts the first run: Personal has a #general room, the name comes first, and the step is remembered', async () => {
    const first = await makeCore();
    const personal = (await first.call<Workspace[]>('workspace.list', {}))[0]!;
    const rooms = await first.call<Room[]>('room.list', { workspaceId: personal.id });
    expect(rooms.map((r) => [r.name, r.kind])).toEqual([['general', 'channel']]);
    expect((await first.call<Settings>('settings.get')).onboarding).toBe('name');
    await first.call('profile.update', { displayName: 'Camille Martin', email: '' });
    await first.call('settings.update', { onboarding: 'model' });
    await first.core.close();

    const second = await makeCore({ dataDir: first.dataDir });
    expect((await second.call<Settings>('settings.get')).onboarding).toBe('model');
    // A later launch adds no second #general.
    expect((await second.call<Room[]>('room.list', { workspaceId: personal.id })).map((r) => r.name)).toEqual(['general']);
    const bad = await second.core.dispatch('settings.update', { onboarding: 'later' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('mutes and unmutes the notifications of one workspace, and forgets a deleted one', async () => {
    const { call, core } = await makeCore();
    const acme = await call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' });
    const personal = (await call<Workspace[]>('workspace.list', {}))[0]!;
    await call('settings.update', { mute: { workspaceId: acme.id, muted: true } });
    await call('settings.update', { mute: { workspaceId: personal.id, muted: true } });
    await call('settings.update', { mute: { workspaceId: personal.id, muted: false } });
    expect((await call<Settings>('settings.get')).mutedWorkspaceIds).toEqual([acme.id]);
    const unknown = await core.dispatch('settings.update', { mute: { workspaceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaa', muted: true } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await call('workspace.delete', { id: acme.id, confirmName: 'Acme' });
    expect((await call<Settings>('settings.get')).mutedWorkspaceIds).toEqual([]);
  });

  it('creates, opens, renames, recolours, archives and deletes, telling every listener', async () => {
    const { core, call, dataDir, secrets } = await makeCore();
    const events: string[] = [];
    core.onEvent((event) => events.push(event));
    const acme = await call<Workspace>('workspace.create', { name: '  Acme Corp ', kind: 'team' });
    expect(acme.name).toBe('Acme Corp');
    expect(fs.existsSync(path.join(dataDir, 'workspaces', acme.id, 'workspace.db'))).toBe(true);

    const opened = await call<Workspace>('workspace.open', { id: acme.id });
    expect(opened.lastOpenedAt).toBeTypeOf('number');
    expect((await call<Settings>('settings.get')).activeWorkspaceId).toBe(acme.id);

    await call('workspace.rename', { id: acme.id, name: 'Acme Industries' });
    await call('workspace.setAppearance', { id: acme.id, color: '#ff0066', icon: '🚀' });
    const handle = core.workspaces.handle(acme.id);
    expect(readMetaSettings(handle.storage.db)).toMatchObject({ name: 'Acme Industries', color: '#ff0066', icon: '🚀' });

    await call('workspace.setArchived', { id: acme.id, archived: true });
    expect((await call<Workspace[]>('workspace.list', {})).map((w) => w.name)).toEqual(['Personal']);
    expect((await call<Workspace[]>('workspace.list', { includeArchived: true })).map((w) => w.name)).toEqual([
      'Personal',
      'Acme Industries',
    ]);
    await call('workspace.setArchived', { id: acme.id, archived: false });

    await secrets.set(acme.id, 'llm-api-key', 'sk-acme');
    const wrong = await core.dispatch('workspace.delete', { id: acme.id, confirmName: 'acme industries' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_MISMATCH' } });
    expect(fs.existsSync(path.join(dataDir, 'workspaces', acme.id))).toBe(true);

    await call('workspace.delete', { id: acme.id, confirmName: 'Acme Industries' });
    expect(fs.existsSync(path.join(dataDir, 'workspaces', acme.id))).toBe(false);
    expect(await secrets.keys(acme.id)).toEqual([]);
    expect((await call<Workspace[]>('workspace.list', { includeArchived: true })).map((w) => w.name)).toEqual(['Personal']);
    expect((await call<Settings>('settings.get')).activeWorkspaceId).not.toBe(acme.id);
    expect(events).toContain('workspaces.changed');
    expect(events).toContain('settings.changed');
  });

  it('keeps everything across a restart', async () => {
    const first = await makeCore();
    const acme = await first.call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' });
    await first.call('workspace.open', { id: acme.id });
    await first.call('profile.update', { displayName: 'Camille Martin', email: 'camille@example.com' });
    await first.call('settings.update', { language: 'fr', theme: 'dark' });
    await first.core.close();

    const second = await makeCore({ dataDir: first.dataDir });
    expect((await second.call<Workspace[]>('workspace.list', {})).map((w) => w.name)).toEqual(['Personal', 'Acme']);
    expect(await second.call('profile.get')).toEqual({ userId: expect.stringMatching(/^[a-z2-7]{26}$/), displayName: 'Camille Martin', email: 'camille@example.com' });
    expect(await second.call('settings.get')).toEqual({ language: 'fr', theme: 'dark', activeWorkspaceId: acme.id, onboarding: 'name', mutedWorkspaceIds: [] });
  });

  it('reopens a workspace without decoding its meta doc: projections serve the first screen', async () => {
    const first = await makeCore();
    const acme = await first.call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' });
    await first.call('workspace.open', { id: acme.id });
    await first.core.close();
    const second = await makeCore({ dataDir: first.dataDir });
    await second.call('workspace.open', { id: acme.id });
    expect(second.core.workspaces.handle(acme.id).docs.isLoaded('meta')).toBe(false);
    expect((await second.call<Workspace[]>('workspace.list', {})).map((w) => w.name)).toEqual(['Personal', 'Acme']);
  });

  it('never shows data of workspace A in workspace B', async () => {
    const { core, call } = await makeCore();
    const a = await call<Workspace>('workspace.create', { name: 'Client A', kind: 'team' });
    const b = await call<Workspace>('workspace.create', { name: 'Client B', kind: 'team' });
    const docA = core.workspaces.handle(a.id).docs;
    docA.transact('meta', { source: 'local' }, (doc) => doc.getMap('secrets-of-a').set('deal', 'A confidential figure'));
    const handleB = core.workspaces.handle(b.id);
    expect(handleB.storage.dir).not.toBe(core.workspaces.handle(a.id).storage.dir);
    expect(handleB.docs.doc('meta').getMap('secrets-of-a').size).toBe(0);
    const bytes = fs.readFileSync(path.join(handleB.storage.dir, 'workspace.db'));
    expect(bytes.includes(Buffer.from('A confidential figure'))).toBe(false);
    expect(readMetaSettings(handleB.storage.db)).toMatchObject({ name: 'Client B' });
  });

  it('treats names as display text: hostile names never reach a path', async () => {
    const { call, dataDir } = await makeCore();
    for (const name of ['../../escape', '/etc/passwd', 'C:\\Windows', '..', 'a/b\\c']) {
      const ws = await call<Workspace>('workspace.create', { name, kind: 'team' });
      expect(ws.name).toBe(name);
      expect(ws.id).toMatch(/^[a-z2-7]{26}$/);
    }
    expect(fs.readdirSync(dataDir).sort()).toEqual(['app.db', 'app.db-shm', 'app.db-wal', 'workspaces']);
  });
});
