/**
 * End to end: a digital human answers in the browser host. The user
 * @mentions it from the composer (autocomplete), the reply grows in the room
 * with "answering…" and Stop under it, then settles; with the model server
 * down the reply says it is queued and offers "Retry now", which answers
 * once the server is back. The model server is the fake one, in this
 * process; the core runs in the browser host. Needs `npm run build` first.
 */
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, Room } from '../../src-main/common/contract';
import { TEST_API_KEY } from '../fixtures/agentSetup';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { invokeIn } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

describe('digital humans answering in the browser host', () => {
  it('streams a reply to a mention, and queues then retries one while the model server is down', { timeout: 120_000 }, async () => {
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    const { page } = await rooms.open(makeTempDir('qwanyx-agents-e2e-'));
    const workspaceId = (await invokeIn<{ id: string }[]>(page, 'workspace.list', {}))[0]!.id;
    await invokeIn(page, 'provider.set', { workspaceId, preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', apiKey: TEST_API_KEY });
    const dh = await invokeIn<DigitalHuman>(page, 'dh.create', { workspaceId, name: 'Philippe', handle: 'philippe@qwanyx.com', tools: ['tasks'], memoryEnabled: false });
    const room = await invokeIn<Room>(page, 'room.create', { workspaceId, name: 'launch', memberIds: [dh.id] });
    await page.locator(`[data-testid="room-item-${room.id}"]`).click();

    llm.reply({ text: 'The launch checklist: freeze the scope, test the upgrade, write the notes.', chunks: 8, chunkDelayMs: 250 });
    const input = page.locator('[data-testid="composer-input"]');
    await input.pressSequentially('@phil');
    await page.locator('[data-testid="mention-suggestions"]').waitFor();
    await input.press('Tab');
    await input.pressSequentially('what is on the launch checklist?');
    await input.press('Enter');

    // The digital human's message: the one whose header carries the "digital human" tag.
    const replyRow = page.locator('article[data-message-id]:has(.msg__tag)').last();
    await replyRow.waitFor({ timeout: 20_000 });
    const replyId = (await replyRow.getAttribute('data-message-id'))!;
    const bar = page.locator(`[data-testid="reply-job-${replyId}"]`);
    await expect.poll(() => bar.getAttribute('data-state'), { timeout: 10_000 }).toBe('running');
    expect(await page.locator(`[data-testid="reply-job-stop-${replyId}"]`).count()).toBe(1);
    // It grows: a part of the answer shows before the whole of it.
    await expect.poll(() => page.locator(`[data-testid="message-body-${replyId}"]`).textContent(), { timeout: 10_000 }).toMatch(/The launch/);
    expect(await page.locator(`[data-testid="message-body-${replyId}"]`).textContent()).not.toContain('write the notes');
    await expect.poll(() => page.locator(`[data-testid="message-body-${replyId}"]`).textContent(), { timeout: 20_000 }).toContain('write the notes.');
    await bar.waitFor({ state: 'detached' });

    // The model server goes away: the next answer is queued, and "Retry now" answers once it is back.
    await llm.down();
    await input.pressSequentially('@phil');
    await page.locator('[data-testid="mention-suggestions"]').waitFor();
    await input.press('Tab');
    await input.pressSequentially('and the date?');
    await input.press('Enter');
    const queued = page.locator('[data-testid^="reply-job-"][data-state="queued"]');
    await queued.waitFor({ timeout: 20_000 });
    const queuedId = (await queued.getAttribute('data-testid'))!.replace('reply-job-', '');
    expect(await page.locator(`[data-testid="message-body-${queuedId}"]`).textContent()).toMatch(/Queued/);
    llm.reply('Launch day is Thursday.');
    await llm.up();
    await page.locator(`[data-testid="reply-job-retry-${queuedId}"]`).click();
    await expect.poll(() => page.locator(`[data-testid="message-body-${queuedId}"]`).textContent(), { timeout: 20_000 }).toBe('Launch day is Thursday.');
    await page.locator(`[data-testid="reply-job-${queuedId}"]`).waitFor({ state: 'detached' });
  });
});
