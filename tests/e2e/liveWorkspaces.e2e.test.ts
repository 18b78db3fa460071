/**
 * End to end: workspaces stay live when they are not on screen. A person
 * @mentions a digital human whose model is slow, sees the "…" of its reply
 * and goes to another client's workspace while it answers; the first
 * workspace's tile shows the unread
 * reply (count and accessible name), a system notification tells of the
 * finished reply (none once that workspace is muted, whose tile then shows
 * a crossed-out bell and no count), and coming back shows
 * the reply's final text at once, never the "…" it started with. The model
 * server is the fake one, in this process; the core runs in the browser
 * host. Needs `npm run build` first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, Room, Workspace } from '../../src-main/common/contract';
import { TEST_API_KEY } from '../fixtures/agentSetup';
import { checkViews } from '../fixtures/checkViews';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { invokeIn } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

const ANSWER = 'The Acme renewal is due on 30 June; their legal team wants the new liability clause first.';

/** Records the system notifications the page raises (the Web Notification API of the browser host). */
async function recordNotifications(page: Page): Promise<void> {
  await page.context().grantPermissions(['notifications']);
  await page.addInitScript(() => {
    const seen: { title: string; body: string }[] = [];
    (window as unknown as { __notifications: typeof seen }).__notifications = seen;
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        seen.push({ title, body: options?.body ?? '' });
      }
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    window.Notification = Recorded as typeof Notification;
  });
  await page.reload();
  await page.locator('[data-testid="rooms-view"]').waitFor();
}

function notifications(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(() => (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications);
}

async function mention(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-testid="composer-input"]');
  await input.pressSequentially('@mar');
  await page.locator('[data-testid="mention-suggestions"]').waitFor();
  await input.press('Tab');
  await input.pressSequentially(text);
}

describe('workspaces stay live off screen', () => {
  it('shows a reply finished in another workspace: badge, notification, final text on return', { timeout: 120_000 }, async () => {
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    const { page } = await rooms.open(makeTempDir('qwanyx-live-e2e-'));
    await recordNotifications(page);
    const acme = (await invokeIn<Workspace[]>(page, 'workspace.list', {}))[0]!;
    await invokeIn(page, 'workspace.rename', { id: acme.id, name: 'Client A' });
    await invokeIn(page, 'provider.set', { workspaceId: acme.id, preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', apiKey: TEST_API_KEY });
    const dh = await invokeIn<DigitalHuman>(page, 'dh.create', { workspaceId: acme.id, name: 'Marion', handle: 'marion', tools: [], memoryEnabled: false });
    const room = await invokeIn<Room>(page, 'room.create', { workspaceId: acme.id, name: 'renewal', memberIds: [dh.id] });
    const globex = await invokeIn<Workspace>(page, 'workspace.create', { name: 'Client B', kind: 'team' });
    await page.keyboard.press('Control+1');
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Client A');
    await page.locator(`[data-testid="room-item-${room.id}"]`).click();

    // A slow model: a second before the first word, then the answer in ten pieces.
    llm.reply({ delayMs: 1000, then: { text: ANSWER, chunks: 10, chunkDelayMs: 200 } });
    await mention(page, 'when is the renewal due?');
    await page.keyboard.press('Enter');
    // The "…" of the reply is seen before leaving: the reply, finished in place while away, still counts as unread.
    await page.locator('[data-testid="room-view"] [data-testid^="message-body-"]', { hasText: /^…$/ }).waitFor();
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+2');
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Client B');

    // While away: the job ends; the tile of Client A counts the reply, in its accessible name too.
    await expect.poll(async () => (await invokeIn<{ state: string; lastError: string }[]>(page, 'agent.jobs', { workspaceId: acme.id })).map((j) => `${j.state} ${j.lastError ?? ''}`), { timeout: 30_000 }).toEqual(['done ']);
    const tile = page.locator(`[data-testid="workspace-tile-${acme.id}"]`);
    await expect.poll(() => tile.locator('.tile__name').textContent(), { timeout: 5_000 }).toBe('Client A, 1 unread');
    expect(await page.getByRole('button', { name: 'Client A, 1 unread', exact: true }).count()).toBe(1);
    expect(await page.locator(`[data-testid="workspace-unread-${acme.id}"]`).textContent()).toBe('1');
    // The finished reply was told, with its final text.
    await expect.poll(() => notifications(page), { timeout: 5_000 }).toEqual([{ title: 'Marion replied in #renewal · Client A', body: ANSWER }]);
    expect(await checkViews(page, 'rail-unread', '.tile__badge')).toEqual([]);

    // Back: the final text shows at once.
    const started = Date.now();
    await tile.click();
    const reply = page.locator('article[data-message-id]:has(.msg__tag)').last();
    await expect.poll(() => reply.locator('[data-testid^="message-body-"]').textContent(), { timeout: 5_000 }).toBe(ANSWER);
    const visibleMs = Date.now() - started;
    console.info(`cross_workspace_reply_visible_ms (one run, e2e): ${visibleMs}`);
    expect(await page.locator('[data-testid^="message-body-"]', { hasText: /^…$/ }).count()).toBe(0);

    // Muted: the next reply finished away raises no notification.
    await page.click(`[data-testid="workspace-menu-${acme.id}"]`);
    await page.click('[data-testid="workspace-menu-mute"]');
    await expect.poll(() => tile.locator('.tile__name').textContent()).toContain('notifications off');
    llm.reply({ delayMs: 500, then: { text: 'Second answer.', chunks: 2, chunkDelayMs: 100 } });
    await mention(page, 'and the notice period?');
    await page.keyboard.press('Enter');
    await page.click(`[data-testid="workspace-tile-${globex.id}"]`);
    await expect
      .poll(async () => (await invokeIn<{ state: string }[]>(page, 'agent.jobs', { workspaceId: acme.id })).map((j) => j.state), { timeout: 30_000 })
      .toEqual(['done', 'done']);
    await page.waitForTimeout(500);
    expect(await notifications(page)).toHaveLength(1);
    // The tile says so (a named crossed-out bell) and asks for no attention: no count, no pill; its name still counts.
    await expect.poll(() => tile.locator('.tile__name').textContent(), { timeout: 5_000 }).toBe('Client A, 1 unread, notifications off');
    expect(await page.getByRole('img', { name: 'Notifications off for Client A' }).count()).toBe(1);
    expect(await page.locator(`[data-testid="workspace-unread-${acme.id}"]`).count()).toBe(0);
    expect(await tile.locator('xpath=..').getAttribute('class')).not.toContain('rail__item--unread');
  });
});
