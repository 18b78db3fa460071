import { describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../../../tests/fixtures/fakeOpenAiServer';
import { makeCore } from '../../../tests/fixtures/makeCore';
import type { Connection, ProviderState, ProviderTestResult, Workspace } from '../../common/contract';
import { describeProvider } from '../../core/modules/providers/providerCommand';
import { DEVICE_SECRETS } from './ConnectionService';
import { API_KEY_SECRET } from './ProviderService';

const KEY = 'sk-device-0123456789';

describe('device model connections', () => {
  it('one connection serves three workspaces; one of them overrides it with its own key, then goes back', async () => {
    const device = await startFakeOpenAi({ apiKey: KEY });
    const own = await startFakeOpenAi({ apiKey: 'sk-client-only' });
    const { call, core, secrets } = await makeCore();
    const events: string[] = [];
    core.onEvent((event, payload) => {
      if (event === 'provider.changed') events.push((payload as { workspaceId: string }).workspaceId);
    });
    const ids = [];
    for (const name of ['Client A', 'Client B', 'Client C']) ids.push((await call<Workspace>('workspace.create', { name, kind: 'team' })).id);
    const [a, b, c] = ids as [string, string, string];
    expect((await call<ProviderState>('provider.get', { workspaceId: a })).source).toBe('none');

    const saved = await call<Connection>('connection.save', { name: 'OpenRouter', preset: 'custom', baseUrl: device.baseUrl, chatModel: 'fake-chat', apiKey: KEY });
    expect(saved).toMatchObject({ name: 'OpenRouter', isDefault: true, hasApiKey: true });
    // The key sits in the device's namespace, never a workspace's.
    expect(await secrets.keys(DEVICE_SECRETS)).toEqual([`connection-${saved.id}`]);
    expect(await secrets.keys(a)).toEqual([]);
    expect(events).toEqual(expect.arrayContaining([a, b, c]));

    // `qwanyx provider show` says which connection serves the workspace.
    expect(describeProvider(await call<ProviderState>('provider.get', { workspaceId: a }))[0]).toBe("Connection: OpenRouter (the device's default)");
    for (const ws of [a, b, c]) {
      const state = await call<ProviderState>('provider.get', { workspaceId: ws });
      expect(state).toMatchObject({ source: 'connection', connectionId: null, connection: { id: saved.id }, config: null });
      expect(await call<ProviderTestResult>('provider.test', { workspaceId: ws })).toMatchObject({ ok: true });
    }
    expect(device.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(3);

    // Client C has its own key on its own server: it stays there, used by C alone.
    await call('provider.set', { workspaceId: c, preset: 'custom', baseUrl: own.baseUrl, chatModel: 'fake-chat', apiKey: 'sk-client-only' });
    expect(await call<ProviderState>('provider.get', { workspaceId: c })).toMatchObject({ source: 'workspace', connection: null });
    expect(await call<ProviderTestResult>('provider.test', { workspaceId: c })).toMatchObject({ ok: true });
    expect(own.requests.every((r) => r.headers.authorization === 'Bearer sk-client-only')).toBe(true);
    expect(await call<ProviderTestResult>('provider.test', { workspaceId: b })).toMatchObject({ ok: true });
    expect(own.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(1);

    // Back to the device's connection: its own provider and key are gone.
    await call('provider.use', { workspaceId: c, connectionId: null });
    expect(await call<ProviderState>('provider.get', { workspaceId: c })).toMatchObject({ source: 'connection', config: null, hasApiKey: false });
    expect(await secrets.keys(c)).not.toContain(API_KEY_SECRET);

    // A second connection picked by B only; deleting it puts B back on the default.
    const local = await call<Connection>('connection.save', { name: 'Ollama', preset: 'ollama', baseUrl: 'http://127.0.0.1:9/v1', chatModel: 'llama3.2' });
    expect(local.isDefault).toBe(false);
    await call('provider.use', { workspaceId: b, connectionId: local.id });
    expect(await call<ProviderState>('provider.get', { workspaceId: b })).toMatchObject({ connectionId: local.id, connection: { name: 'Ollama' } });
    await call('connection.delete', { id: local.id });
    expect(await call<ProviderState>('provider.get', { workspaceId: b })).toMatchObject({ connectionId: null, connection: { id: saved.id } });
    await device.close();
    await own.close();
  });

  it('tests a connection before it is saved and says what is wrong and where', async () => {
    const server = await startFakeOpenAi({ apiKey: KEY });
    const { call } = await makeCore();
    // Nothing listens on port 9: unreachable, about the address.
    expect(await call<ProviderTestResult>('connection.test', { preset: 'ollama', baseUrl: 'http://127.0.0.1:9/v1' })).toMatchObject({
      ok: false,
      problem: 'unreachable',
      field: 'baseUrl',
    });
    // The wrong key: about the key.
    expect(await call<ProviderTestResult>('connection.test', { preset: 'custom', baseUrl: server.baseUrl, apiKey: 'sk-wrong-key-000' })).toMatchObject({
      ok: false,
      problem: 'key',
      field: 'apiKey',
    });
    // The right key, no model yet: the server's model list, for the picker.
    const listed = await call<ProviderTestResult>('connection.test', { preset: 'custom', baseUrl: server.baseUrl, apiKey: KEY });
    expect(listed.ok).toBe(true);
    expect(listed.models?.length).toBeGreaterThan(0);
    // Nothing was saved by testing.
    expect(await call<Connection[]>('connection.list', {})).toEqual([]);
    await server.close();
  });
});
