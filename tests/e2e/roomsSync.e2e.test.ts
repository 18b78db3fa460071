/**
 * End to end, two people through a real relay: Ada on a core (as her own
 * device would be), Bob in the browser host. A message that mentions Bob
 * raises his badges and an OS notification; what Bob sends, edits, reacts
 * and replies reaches Ada's core, and Ada's edit and delete reach Bob's
 * screen. A message written while the relay is down shows as pending until
 * it is back. Needs `npm run build` first, and a keychain (npm run test:e2e
 * provides a throwaway one).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Invitation, Member, Message, MessagePage, Room, Workspace } from '../../src-main/common/contract';
import { makeCore, type TestCore } from '../fixtures/makeCore';
import { messageAction, messageWith, post } from '../fixtures/roomsSession';
import { eventually, FAST_SYNC, signIn, startRestartableRelay, syncStatus } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

/** Calls the browser host's core from the page, through the same bridge the UI uses. */
function invoke<T>(page: Page, channel: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([c, i]) => {
      const bridge = (window as unknown as { qwanyx: { invoke(c: string, i: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> } }).qwanyx;
      const result = await bridge.invoke(c as string, i);
      if (!result.ok) throw new Error(`${String(c)}: ${result.error?.message ?? 'failed'}`);
      return result.value;
    },
    [channel, input] as const,
  ) as Promise<T>;
}

async function latest(ada: TestCore, workspaceId: string, roomId: string): Promise<Message[]> {
  const page = await ada.call<MessagePage>('message.list', { workspaceId, roomId, limit: 50 });
  return page.messages;
}

describe('two people in a room through a relay', () => {
  it('delivers messages both ways, with mentions, notifications, edits, reactions, threads and deletes', { timeout: 180_000 }, async () => {
    const relay = await startRestartableRelay();
    const ada = await makeCore({ sync: FAST_SYNC });
    await ada.call('profile.update', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
    await signIn(ada, relay, 'ada@example.com');
    const acme = await ada.call<Workspace>('workspace.create', { name: 'Acme Corp', kind: 'team' });
    await ada.call('workspace.link', { id: acme.id, relayUrl: relay.url });
    await eventually(() => syncStatus(ada, acme.id), (s) => s.state === 'synced', 'Acme uploaded');
    const invitation = await ada.call<Invitation>('invite.create', { workspaceId: acme.id, email: 'bob@example.com', role: 'member' });

    // Bob: the browser host, signed in and joined through the page's own bridge.
    const session = await rooms.open(makeTempDir('qwanyx-rooms-sync-'));
    const { page, context } = session;
    await context.grantPermissions(['notifications']);
    await page.evaluate(() => {
      const shown: string[] = [];
      (window as unknown as { __notifications: string[] }).__notifications = shown;
      const Native = window.Notification;
      class Recording extends Native {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(`${title} | ${options?.body ?? ''}`);
        }
      }
      Object.defineProperty(window, 'Notification', { value: Recording, configurable: true });
    });
    await invoke(page, 'profile.update', { displayName: 'Bob Builder', email: 'bob@example.com' });
    const bob = await invoke<{ userId: string }>(page, 'profile.get', {});
    await invoke(page, 'relay.requestCode', { url: relay.url, email: 'bob@example.com' });
    await invoke(page, 'relay.signIn', { url: relay.url, email: 'bob@example.com', code: relay.current().lastCode('bob@example.com') });
    await invoke(page, 'invite.accept', { relayUrl: relay.url, token: invitation.token });
    await page.click(`[data-testid="workspace-tile-${acme.id}"]`);
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Acme Corp');

    // Ada sees Bob among the members once his device has synced, and opens a channel with him.
    await eventually(() => ada.call<Member[]>('member.list', { workspaceId: acme.id }), (list) => list.some((m) => m.id === bob.userId), 'Bob is a member on Ada’s side');
    const general = await ada.call<Room>('room.create', { workspaceId: acme.id, name: 'general', memberIds: [bob.userId] });
    const generalItem = page.locator(`[data-testid="room-item-${general.id}"]`);
    await generalItem.waitFor({ timeout: 20_000 });
    await ada.call<Room>('room.create', { workspaceId: acme.id, name: 'zz-other', memberIds: [bob.userId] });
    await page.locator('[data-testid="section-channels"] button', { hasText: 'zz-other' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="room-title"]')?.textContent === 'zz-other');

    // A mention of Bob in a room he is not looking at: badge and notification.
    const hello = await ada.call<Message>('message.post', { workspaceId: acme.id, roomId: general.id, text: 'Welcome @bob.builder, the **plan** is in' });
    await expect.poll(() => generalItem.getAttribute('data-mentions'), { timeout: 20_000 }).toBe('1');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __notifications: string[] }).__notifications), { timeout: 20_000 })
      .toEqual(['Ada Lovelace mentioned you in #general · Acme Corp | Welcome @bob.builder, the plan is in']);

    await generalItem.click();
    const helloRow = page.locator(`[data-testid="message-${hello.id}"]`);
    await helloRow.waitFor();
    expect(await helloRow.locator('.mention--self').textContent()).toBe('@bob.builder');
    await expect.poll(() => generalItem.getAttribute('data-mentions')).toBe('0');

    // Bob answers, reacts and replies in the thread; Ada's core gets it all.
    const answer = await post(page, 'Thanks Ada, on it', 'composer', 'on it');
    await messageAction(page, hello.id, 'react');
    await page.click('[data-testid="emoji-👍"]');
    await messageAction(page, hello.id, 'reply');
    await post(page, 'First step done', 'thread-composer');
    await page.locator('[data-testid="composer-input"]').click();
    await page.locator('[data-testid="composer-input"]').press('ArrowUp');
    await page.locator('[data-testid="message-editor-input"]').fill('Thanks Ada, on it right now');
    await page.locator('[data-testid="message-editor-input"]').press('Enter');

    await eventually(
      () => latest(ada, acme.id, general.id),
      (messages) => {
        const root = messages.find((m) => m.id === hello.id);
        const reply = messages.find((m) => m.id === answer);
        return root?.replyCount === 1 && root.reactions.some((r) => r.emoji === '👍' && r.count === 1) && reply?.text === 'Thanks Ada, on it right now' && reply.editedAt !== null;
      },
      'Bob’s answer, reaction, reply and edit on Ada’s side',
      20_000,
    );

    // Ada edits, then deletes: Bob's screen follows.
    await ada.call('message.edit', { workspaceId: acme.id, roomId: general.id, messageId: hello.id, text: 'Welcome @bob.builder, the **final plan** is in' });
    const inRoom = page.locator('[data-testid="room-view"]');
    const inThread = page.locator('[data-testid="thread-root"]');
    await inRoom.locator(`[data-testid="edited-${hello.id}"]`).waitFor({ timeout: 20_000 });
    expect(await inRoom.locator(`[data-testid="message-body-${hello.id}"] strong`).textContent()).toBe('final plan');
    await inThread.locator(`[data-testid="edited-${hello.id}"]`).waitFor();
    await ada.call('message.delete', { workspaceId: acme.id, roomId: general.id, messageId: hello.id });
    await inRoom.locator(`[data-testid="tombstone-${hello.id}"]`).waitFor({ timeout: 20_000 });
    await inThread.locator(`[data-testid="tombstone-${hello.id}"]`).waitFor();
    expect(await messageWith(page, 'right now').count()).toBe(1);

    // Written while the relay is down: marked pending, then delivered once it is back.
    await relay.stop();
    const offline = await post(page, 'Written offline', 'composer');
    await page.locator(`[data-testid="pending-${offline}"]`).waitFor({ timeout: 20_000 });
    await relay.restart();
    await page.locator(`[data-testid="pending-${offline}"]`).waitFor({ state: 'detached', timeout: 30_000 });
    await eventually(() => latest(ada, acme.id, general.id), (messages) => messages.filter((m) => m.id === offline).length === 1, 'the offline message on Ada’s side', 30_000);
  });
});
