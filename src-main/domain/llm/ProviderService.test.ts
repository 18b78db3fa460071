import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../../../tests/fixtures/fakeOpenAiServer';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import type { ProviderState, ProviderTestResult, TokenUsage, Workspace } from '../../common/contract';
import { createCore, type Core } from '../../core/createCore';
import { MemorySecretStore } from '../../secrets/MemorySecretStore';
import { API_KEY_SECRET } from './ProviderService';

const KEY = 'sk-proj-SECRET-0123456789';
const cores: Core[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** A core on a temp dir with an in-memory keychain and a clock the test moves. */
async function setup(): Promise<{
  core: Core;
  secrets: MemorySecretStore;
  ws: string;
  clock: { now: number };
  events: unknown[];
  call: <T>(channel: string, input: unknown) => Promise<T>;
}> {
  const secrets = new MemorySecretStore();
  const clock = { now: new Date(2026, 2, 9, 23, 50).getTime() };
  const core = await createCore({ dataDir: makeTempDir(), secretStore: secrets, shell: 'cli', log: () => undefined, now: () => clock.now });
  cores.push(core);
  const events: unknown[] = [];
  core.onEvent((event, payload) => {
    if (event === 'provider.changed') events.push(payload);
  });
  const call = async <T,>(channel: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  };
  const ws = (await call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' })).id;
  return { core, secrets, ws, clock, events, call };
}

describe('ProviderService', () => {
  it('saves the provider on this device and the key in the keychain, and never gives the key back', async () => {
    const { ws, secrets, call, events } = await setup();
    const blank = await call<ProviderState>('provider.get', { workspaceId: ws });
    expect(blank).toMatchObject({ config: null, hasApiKey: false, keychain: { available: true } });
    expect(blank.presets.map((p) => p.id)).toContain('ollama');

    const saved = await call<ProviderState>('provider.set', {
      workspaceId: ws,
      preset: 'openai',
      baseUrl: 'https://api.openai.com/v1/',
      chatModel: 'gpt-4.1-mini',
      embeddingsModel: 'text-embedding-3-small',
      embeddingsDimensions: 256,
      apiKey: `  ${KEY}  `,
    });
    expect(saved.config).toEqual({
      preset: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      chatModel: 'gpt-4.1-mini',
      embeddingsModel: 'text-embedding-3-small',
      embeddingsDimensions: 256,
      updatedAt: expect.any(Number),
    });
    expect(saved.hasApiKey).toBe(true);
    expect(await secrets.get(ws, API_KEY_SECRET)).toBe(KEY);
    expect(JSON.stringify(saved)).not.toContain('SECRET');
    expect(JSON.stringify(await call('provider.get', { workspaceId: ws }))).not.toContain('SECRET');
    expect(events).toEqual([{ workspaceId: ws }]);

    // No key given keeps the saved one; null deletes it; no embeddings model clears its size too.
    const kept = await call<ProviderState>('provider.set', { workspaceId: ws, preset: 'openai', baseUrl: 'https://api.openai.com/v1', chatModel: 'gpt-4.1' });
    expect(kept).toMatchObject({ hasApiKey: true, config: { chatModel: 'gpt-4.1', embeddingsModel: null, embeddingsDimensions: null } });
    const removed = await call<ProviderState>('provider.set', { workspaceId: ws, preset: 'openai', baseUrl: 'https://api.openai.com/v1', chatModel: 'gpt-4.1', apiKey: null });
    expect(removed.hasApiKey).toBe(false);
    expect(await secrets.keys(ws)).toEqual([]);
  });

  it('asks for the key again when the server moves to another origin, and never sends the saved key there', async () => {
    const { ws, secrets, call } = await setup();
    await call('provider.set', { workspaceId: ws, preset: 'openai', baseUrl: 'https://api.openai.com/v1', chatModel: 'gpt-4.1', apiKey: KEY });
    // Same origin, another path: the key stays.
    expect(await call<ProviderState>('provider.set', { workspaceId: ws, preset: 'custom', baseUrl: 'https://api.openai.com/v2', chatModel: 'gpt-4.1' })).toMatchObject({ hasApiKey: true });
    const moved = call('provider.set', { workspaceId: ws, preset: 'custom', baseUrl: 'https://models.attacker.example/v1', chatModel: 'gpt-4.1' });
    await expect(moved).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(moved).rejects.toThrow(/moved from https:\/\/api\.openai\.com to https:\/\/models\.attacker\.example: give its API key again/);
    const state = await call<ProviderState>('provider.get', { workspaceId: ws });
    expect(state.config?.baseUrl).toBe('https://api.openai.com/v2');
    expect(await secrets.get(ws, API_KEY_SECRET)).toBe(KEY);
    // With a new key, or after removing the old one, the move is saved.
    expect(await call<ProviderState>('provider.set', { workspaceId: ws, preset: 'custom', baseUrl: 'https://models.other.example/v1', chatModel: 'm', apiKey: 'sk-other-0123456789' })).toMatchObject({ hasApiKey: true });
    expect(await secrets.get(ws, API_KEY_SECRET)).toBe('sk-other-0123456789');
    expect(await call<ProviderState>('provider.set', { workspaceId: ws, preset: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', chatModel: 'llama3.2', apiKey: null })).toMatchObject({ hasApiKey: false });
    // No key saved: moving needs nothing.
    expect(await call<ProviderState>('provider.set', { workspaceId: ws, preset: 'custom', baseUrl: 'http://localhost:8080/v1', chatModel: 'm' })).toMatchObject({ hasApiKey: false });
  });

  it.each([
    [{ baseUrl: 'ftp://models.example.com/v1' }, /address must look like/],
    [{ baseUrl: 'https://user:pass@models.example.com/v1' }, /no password/],
    [{ baseUrl: 'https://models.example.com/v1?key=abc' }, /address must look like/],
    [{ baseUrl: 'http://models.example.com/v1' }, /models\.example\.com must use https:\/\/ \(plain http:\/\/ is only for this computer/],
    [{ baseUrl: 'http://192.168.1.20:11434/v1' }, /192\.168\.1\.20:11434 must use https:\/\//],
    [{ chatModel: 'two words' }, /no spaces/],
    [{ chatModel: '' }, /Give a model name/],
    [{ preset: 'acme' }, /preset/],
    [{ apiKey: 'sk SECRET with spaces' }, /unexpected characters/],
  ])('refuses %j with a message that does not repeat the key', async (patch, message) => {
    const { ws, core } = await setup();
    const result = await core.dispatch('provider.set', { workspaceId: ws, preset: 'custom', baseUrl: 'http://127.0.0.1:8080/v1', chatModel: 'm', ...patch });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) {
      expect(result.error.message).toMatch(message);
      expect(result.error.message).not.toContain('SECRET');
    }
  });

  it('builds clients only when configured, with the key when the preset needs one', async () => {
    const { ws, core, call } = await setup();
    await expect(core.providers.clientFor(ws)).rejects.toMatchObject({ code: 'NOT_CONFIGURED', message: /Settings → Model provider/ });
    await call('provider.set', { workspaceId: ws, preset: 'mistral', baseUrl: 'https://api.mistral.ai/v1', chatModel: 'mistral-small-latest' });
    await expect(core.providers.clientFor(ws)).rejects.toMatchObject({ code: 'NOT_CONFIGURED', message: /needs an API key/ });
    expect(core.providers.embedderFor(ws)).toBeNull();
    await expect(call('provider.test', { workspaceId: ws })).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
    await expect(call('provider.get', { workspaceId: 'abcdefgh12345678' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts tokens per local day, digital human and model', async () => {
    const { ws, core, call, clock } = await setup();
    const llm = await startFakeOpenAi({ apiKey: KEY });
    await call('provider.set', { workspaceId: ws, preset: 'vllm', baseUrl: llm.baseUrl, chatModel: 'fake-chat', embeddingsModel: 'fake-embed', apiKey: KEY });
    const client = await core.providers.clientFor(ws);
    llm.reply({ text: 'a', usage: { promptTokens: 100, completionTokens: 10 } }, { text: 'b', usage: { promptTokens: 50, completionTokens: 5 } });
    await client.complete({ messages: [{ role: 'user', content: 'hi' }], dhId: 'ada' });
    await client.complete({ messages: [{ role: 'user', content: 'hi' }], dhId: 'ada' });
    clock.now += 20 * 60_000; // past midnight: a new local day
    llm.reply({ text: 'c', usage: { promptTokens: 7, completionTokens: 3 } }, { text: 'd', usage: { promptTokens: 1, completionTokens: 1 } });
    await client.complete({ messages: [{ role: 'user', content: 'hi' }], dhId: 'ada' });
    await client.complete({ messages: [{ role: 'user', content: 'hi' }], model: 'fake-large' });
    await core.providers.embedderFor(ws)!.embed(['one', 'two']);

    const usage = await call<TokenUsage>('usage.list', { workspaceId: ws });
    expect(usage.from).toBe('2026-02-09');
    expect(usage.rows).toEqual([
      { day: '2026-03-10', dhId: null, model: 'fake-embed', promptTokens: 2, completionTokens: 0, requests: 1 },
      { day: '2026-03-10', dhId: null, model: 'fake-large', promptTokens: 1, completionTokens: 1, requests: 1 },
      { day: '2026-03-10', dhId: 'ada', model: 'fake-chat', promptTokens: 7, completionTokens: 3, requests: 1 },
      { day: '2026-03-09', dhId: 'ada', model: 'fake-chat', promptTokens: 150, completionTokens: 15, requests: 2 },
    ]);
    expect((await call<TokenUsage>('usage.list', { workspaceId: ws, days: 1 })).rows.map((r) => r.day)).toEqual(['2026-03-10', '2026-03-10', '2026-03-10']);
    expect(core.providers.tokensToday(ws, 'ada')).toBe(10);
    clock.now += 40 * 24 * 3600_000;
    expect((await call<TokenUsage>('usage.list', { workspaceId: ws })).rows).toEqual([]);
  });

  it('tests the connection: models, latency and embeddings, or why it fails, without the key', async () => {
    const { ws, call } = await setup();
    const llm = await startFakeOpenAi({ apiKey: KEY, models: ['fake-chat', 'fake-embed', 'other'] });
    await call('provider.set', { workspaceId: ws, preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', embeddingsModel: 'fake-embed', embeddingsDimensions: 32, apiKey: KEY });
    const ok = await call<ProviderTestResult>('provider.test', { workspaceId: ws });
    expect(ok).toMatchObject({ ok: true, models: ['fake-chat', 'fake-embed', 'other'], errorCode: null });
    expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
    expect(ok.message).toMatch(new RegExp(`^Connected to 127\\.0\\.0\\.1:${llm.port}: fake-chat answered in \\d+ ms\\. 3 models available\\. Embeddings: 32 dimensions\\.$`));
    const chat = llm.requests.find((r) => r.path === '/v1/chat/completions')!;
    expect(chat.body).toMatchObject({ max_tokens: 1 });

    await call('provider.set', { workspaceId: ws, preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', apiKey: 'sk-wrong-SECRET' });
    const refused = await call<ProviderTestResult>('provider.test', { workspaceId: ws });
    expect(refused).toMatchObject({ ok: false, errorCode: 'PROVIDER_REFUSED', latencyMs: null });
    expect(refused.message).toMatch(/refused the API key/);
    expect(refused.message).not.toContain('SECRET');

    await llm.down();
    const down = await call<ProviderTestResult>('provider.test', { workspaceId: ws });
    expect(down).toMatchObject({ ok: false, errorCode: 'PROVIDER_UNREACHABLE' });
    expect(down.message).toMatch(/^Cannot reach the model server at 127\.0\.0\.1:\d+: /);
  });

  it('tests a server without a model list through its chat, and reports a failing embeddings model', async () => {
    const { ws, call } = await setup();
    const llm = await startFakeOpenAi();
    await call('provider.set', { workspaceId: ws, preset: 'llama-cpp', baseUrl: llm.baseUrl, chatModel: 'fake-chat', embeddingsModel: 'fake-embed' });
    llm.replyTo('models', { status: 404 });
    llm.replyTo('embeddings', { status: 400, message: 'This model does not support embeddings' });
    const result = await call<ProviderTestResult>('provider.test', { workspaceId: ws });
    expect(result).toMatchObject({ ok: false, models: null, errorCode: 'PROVIDER_REFUSED' });
    expect(result.message).toMatch(/^Chat works, but embeddings failed: .*This model does not support embeddings/);
    const again = await call<ProviderTestResult>('provider.test', { workspaceId: ws });
    expect(again.ok).toBe(true);
  });

  it('removes the key with the workspace', async () => {
    const { ws, secrets, call } = await setup();
    await call('provider.set', { workspaceId: ws, preset: 'groq', baseUrl: 'https://api.groq.com/openai/v1', chatModel: 'llama-3.1-8b-instant', apiKey: KEY });
    await call('workspace.delete', { id: ws, confirmName: 'Acme' });
    expect(await secrets.keys(ws)).toEqual([]);
  });
});
