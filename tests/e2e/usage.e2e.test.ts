/**
 * End to end: the usage page in Settings. A digital human answers (the fake
 * model server reports the tokens), then the page shows today's use against
 * the workspace's limits, a bar for today in the per-day chart, the member
 * and the DH with their figures; an owner changes a daily limit and the core
 * keeps it. Screenshots and axe on the page at 1280 and 1024 px, light and
 * dark, through checkViews. Needs `npm run build` first.
 */
import { describe, expect, it } from 'vitest';
import type { AgentJobView, DigitalHuman, Message, QuotaSettings, Room } from '../../src-main/common/contract';
import { TEST_API_KEY } from '../fixtures/agentSetup';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { invokeIn } from '../fixtures/roomsSession';
import { checkViews } from '../fixtures/checkViews';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('usage page in the browser host', () => {
  it('charts what digital humans used and lets an owner change the daily limits', { timeout: 180_000 }, async () => {
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    const { page } = await rooms.open(makeTempDir('qwanyx-usage-e2e-'));
    const workspaceId = (await invokeIn<{ id: string }[]>(page, 'workspace.list', {}))[0]!.id;
    await invokeIn(page, 'provider.set', { workspaceId, preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', apiKey: TEST_API_KEY });
    const dh = await invokeIn<DigitalHuman>(page, 'dh.create', { workspaceId, name: 'Philippe', handle: 'philippe', tools: ['tasks'], memoryEnabled: false });
    const room = await invokeIn<Room>(page, 'room.create', { workspaceId, name: 'launch', memberIds: [dh.id] });
    await invokeIn(page, 'quota.set', { workspaceId, scope: 'workspace', limits: { tokens: 100_000, messages: 200 } });
    llm.reply({ text: 'Ready.', usage: { promptTokens: 1200, completionTokens: 34 } });
    const asked = await invokeIn<Message>(page, 'message.post', { workspaceId, roomId: room.id, text: '@philippe are we ready?' });
    await expect
      .poll(async () => (await invokeIn<AgentJobView[]>(page, 'agent.jobs', { workspaceId })).find((j) => j.triggerId === asked.id)?.state, { timeout: 20_000 })
      .toBe('done');

    await page.click('[data-testid="open-settings"]');
    await page.locator('[data-testid="settings-dialog"]').waitFor();
    await page.click('[data-testid="settings-open-usage"]');
    const dialog = page.locator('[data-testid="usage-dialog"]');
    await dialog.waitFor();
    await expect.poll(() => page.locator('[data-testid="usage-today-tokens"]').textContent(), { timeout: 10_000 }).toBe('1,234 of 100,000');
    expect(await page.locator('[data-testid="usage-today-messages"]').textContent()).toBe('1 of 200');
    expect(await page.locator('[data-testid="usage-today-toolCalls"]').textContent()).toBe('0 (no limit)');
    expect(Number(await page.locator(`[data-testid="usage-bar-${localDay(Date.now())}"]`).getAttribute('height'))).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="usage-day-chart"] svg').getAttribute('aria-label')).toMatch(/^1,234 model tokens over 14 days/);
    expect(await page.locator('[data-testid="usage-members"]').textContent()).toContain('1,234 tokens · 0 tool calls · 1 messages');
    expect(await page.locator('[data-testid="usage-dhs"]').textContent()).toContain('Philippe');
    expect(await checkViews(page, 'usage', '[data-testid="usage-dialog"]')).toEqual([]);

    await page.fill('[data-testid="quota-dh-toolCalls"]', '40');
    await page.fill('[data-testid="quota-workspace-messages"]', '');
    await page.click('[data-testid="quota-save"]');
    await expect.poll(() => page.locator('[data-testid="quota-status"]').textContent(), { timeout: 10_000 }).toBe('Limits saved.');
    const quotas = await invokeIn<QuotaSettings>(page, 'quota.get', { workspaceId });
    expect(quotas.dh).toEqual({ tokens: null, toolCalls: 40, messages: null });
    expect(quotas.workspace).toEqual({ tokens: 100_000, toolCalls: null, messages: null });
    await page.fill('[data-testid="quota-member-tokens"]', 'lots');
    await page.click('[data-testid="quota-save"]');
    await expect.poll(() => page.locator('[data-testid="quota-status"]').textContent()).toContain('whole number');
  });
});
