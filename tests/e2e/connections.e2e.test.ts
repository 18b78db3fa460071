/**
 * End to end: a model connection set once for the device, in the browser
 * host against the fake OpenAI-compatible server. A first try at an
 * address where nothing answers says so in plain English and French next
 * to the address, technical details behind "Details"; the server's model
 * list fills the model field; the saved connection serves three
 * workspaces, and one of them overrides it with a client key of its own.
 * A reply that cannot reach its model links to these settings, and runs as
 * soon as the connection is fixed. Needs `npm run build` first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, ProviderState, Room, Workspace } from '../../src-main/common/contract';
import { TEST_API_KEY } from '../fixtures/agentSetup';
import { checkViews } from '../fixtures/checkViews';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { invokeIn } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

function errorOf(page: Page, testId: string): Promise<string | null> {
  return page.locator(`[data-testid="${testId}-error"]`).textContent();
}

describe('model connections set once', () => {
  it('says what is wrong in EN and FR, then serves three workspaces, one with its own key', { timeout: 120_000 }, async () => {
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    const client = await startFakeOpenAi({ apiKey: 'sk-client-b-key' });
    const { page } = await rooms.open(makeTempDir('qwanyx-connections-e2e-'));
    const personal = (await invokeIn<Workspace[]>(page, 'workspace.list', {}))[0]!;
    const b = await invokeIn<Workspace>(page, 'workspace.create', { name: 'Client B', kind: 'team' });
    const c = await invokeIn<Workspace>(page, 'workspace.create', { name: 'Client C', kind: 'team' });
    await page.click('[data-testid="open-settings"]');
    await page.locator('[data-testid="connections-section"]').waitFor();

    // Ollama's address, where nothing listens here: said next to the address.
    await page.click('[data-testid="connection-add"]');
    await page.selectOption('[data-testid="connection-preset"]', 'ollama');
    await page.fill('[data-testid="connection-base-url"]', 'http://127.0.0.1:9/v1');
    await page.click('[data-testid="connection-test"]');
    await page.locator('[data-testid="connection-base-url-error"]').waitFor();
    expect(await errorOf(page, 'connection-base-url')).toBe('Nothing answers at http://127.0.0.1:9 — is Ollama running?');
    expect(await page.locator('[data-testid="connection-test-details"] summary').textContent()).toBe('Details');
    expect(await page.locator('[data-testid="connection-test-details"]').textContent()).toMatch(/Cannot reach the model server at 127\.0\.0\.1:9/);
    expect(await checkViews(page, 'connection-error', '[data-testid="connections-section"]')).toEqual([]);
    await invokeIn(page, 'settings.update', { language: 'fr' });
    await expect.poll(() => errorOf(page, 'connection-base-url')).toBe('Rien ne répond à http://127.0.0.1:9 — Ollama est-il lancé\u00a0?');
    expect(await page.locator('[data-testid="connection-test-details"] summary').textContent()).toBe('Détails');
    await invokeIn(page, 'settings.update', { language: 'en' });
    await expect.poll(() => errorOf(page, 'connection-base-url')).toContain('Nothing answers');

    // The right server and key: the test lists its models, the chosen one answers, then it is saved.
    await page.selectOption('[data-testid="connection-preset"]', 'custom');
    await page.fill('[data-testid="connection-name"]', 'Team models');
    await page.fill('[data-testid="connection-base-url"]', llm.baseUrl);
    await page.fill('[data-testid="connection-api-key"]', 'sk-wrong-key-000');
    await page.click('[data-testid="connection-test"]');
    await expect.poll(() => errorOf(page, 'connection-api-key')).toMatch(/refused the API key/);
    await page.fill('[data-testid="connection-api-key"]', TEST_API_KEY);
    await page.click('[data-testid="connection-test"]');
    await page.locator('[data-testid="connection-test-ok"]').waitFor();
    const listed = await page.locator('[data-testid="connection-model-list"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(listed).toContain('fake-chat');
    await page.fill('[data-testid="connection-model"]', 'fake-chat');
    await page.click('[data-testid="connection-test"]');
    await expect.poll(() => page.locator('[data-testid="connection-test-ok"]').textContent()).toMatch(/It works: fake-chat answered in \d+ ms\./);
    await page.click('[data-testid="connection-save"]');
    await page.locator('[data-testid="connection-form"]').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid^="connection-"] .connections__badge').textContent()).toBe('Default');

    // Three workspaces use it, without a word of setup each.
    for (const ws of [personal, b, c]) {
      const state = await invokeIn<ProviderState>(page, 'provider.get', { workspaceId: ws.id });
      expect(state).toMatchObject({ source: 'connection', connection: { name: 'Team models' } });
    }
    expect(await page.locator('[data-testid="workspace-model-choice"] option:checked').textContent()).toBe('The device default (Team models)');

    // Client B pays for its own model: its own server and key, in Client B only.
    await page.keyboard.press('Escape');
    await page.click(`[data-testid="workspace-tile-${b.id}"]`);
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Client B');
    await page.click('[data-testid="open-settings"]');
    await page.selectOption('[data-testid="workspace-model-choice"]', 'own');
    await page.selectOption('[data-testid="provider-preset"]', 'custom');
    await page.fill('[data-testid="provider-base-url"]', client.baseUrl);
    await page.fill('[data-testid="provider-chat-model"]', 'fake-chat');
    await page.fill('[data-testid="provider-api-key"]', 'sk-client-b-key');
    await page.click('[data-testid="provider-save"]');
    await page.locator('[data-testid="provider-saved"]').waitFor();
    await page.click('[data-testid="provider-test-run"]');
    await page.locator('[data-testid="provider-test-ok"]').waitFor();
    expect(await checkViews(page, 'workspace-own-provider', '[data-testid="provider-section"]')).toEqual([]);
    expect(await invokeIn<ProviderState>(page, 'provider.get', { workspaceId: b.id })).toMatchObject({ source: 'workspace' });
    for (const ws of [personal, c]) expect(await invokeIn<ProviderState>(page, 'provider.get', { workspaceId: ws.id })).toMatchObject({ source: 'connection' });
    expect(client.requests.every((r) => r.headers.authorization === 'Bearer sk-client-b-key')).toBe(true);
    expect(llm.requests.some((r) => r.headers.authorization === 'Bearer sk-client-b-key')).toBe(false);
    await llm.close();
    await client.close();
  });

  it('links a reply that cannot reach its model to the settings, and runs it as soon as the connection is fixed', { timeout: 120_000 }, async () => {
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    const { page } = await rooms.open(makeTempDir('qwanyx-connections-fix-e2e-'));
    const ws = (await invokeIn<Workspace[]>(page, 'workspace.list', {}))[0]!;
    // A connection at the wrong address: nothing listens on port 9.
    const wrong = await invokeIn<{ id: string }>(page, 'connection.save', { name: 'Team models', preset: 'custom', baseUrl: 'http://127.0.0.1:9/v1', chatModel: 'fake-chat', apiKey: TEST_API_KEY });
    const dh = await invokeIn<DigitalHuman>(page, 'dh.create', { workspaceId: ws.id, name: 'Marion', handle: 'marion', tools: [], memoryEnabled: false });
    const room = await invokeIn<Room>(page, 'room.create', { workspaceId: ws.id, name: 'renewal', memberIds: [dh.id] });
    await page.locator(`[data-testid="room-item-${room.id}"]`).click();
    const input = page.locator('[data-testid="composer-input"]');
    await input.pressSequentially('@mar');
    await page.locator('[data-testid="mention-suggestions"]').waitFor();
    await input.press('Tab');
    await input.pressSequentially('when is the renewal due?');
    await input.press('Enter');

    const queued = page.locator('[data-testid^="reply-job-"][data-state="queued"]');
    await queued.waitFor({ timeout: 20_000 });
    const replyId = (await queued.getAttribute('data-testid'))!.replace('reply-job-', '');
    await page.click(`[data-testid="reply-job-settings-${replyId}"]`);
    await page.locator('[data-testid="connections-section"]').waitFor();

    // Fixed in the settings (a new address needs its key again): the waiting reply runs at once, no Retry.
    llm.reply('The renewal is due on 30 June.');
    await page.click(`[data-testid="connection-edit-${wrong.id}"]`);
    await page.fill('[data-testid="connection-base-url"]', llm.baseUrl);
    await page.fill('[data-testid="connection-api-key"]', TEST_API_KEY);
    await page.click('[data-testid="connection-save"]');
    await page.locator('[data-testid="connection-form"]').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`[data-testid="message-body-${replyId}"]`).textContent(), { timeout: 10_000 }).toBe('The renewal is due on 30 June.');
    await llm.close();
  });
});
