/**
 * End to end, two people in two browser contexts, each on their own browser
 * host (their own core and data dir, as their own devices would be),
 * through a real relay: a mention raises Bob's badge and an OS
 * notification; Ada's typing shows on Bob's screen and goes; Bob's answer,
 * reaction, thread reply and edit reach Ada's screen; Ada's edit and delete
 * reach Bob's; Ada's search finds Bob's message and jumps to it; Bob's draft
 * survives a reload; a message written while the relay is down is pending,
 * then arrives once; and Ada sees Bob online, then away when he is idle,
 * then offline when his app is gone. Needs `npm run build` first, and a
 * keychain (npm run test:e2e provides a throwaway one).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Invitation, Member, Profile, Room, Workspace } from '../../src-main/common/contract';
import { invokeIn, messageAction, messageWith, post } from '../fixtures/roomsSession';
import { startRestartableRelay, type RestartableRelay } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();
/** Bob's page counts as idle after this long without input. */
const BOB_IDLE_MS = 4_000;

async function signInPage(page: Page, relay: RestartableRelay, displayName: string, email: string): Promise<Profile> {
  await invokeIn(page, 'profile.update', { displayName, email });
  await invokeIn(page, 'relay.requestCode', { url: relay.url, email });
  await invokeIn(page, 'relay.signIn', { url: relay.url, email, code: relay.current().lastCode(email) });
  return invokeIn<Profile>(page, 'profile.get', {});
}

async function openWorkspace(page: Page, workspace: Workspace): Promise<void> {
  await page.click(`[data-testid="workspace-tile-${workspace.id}"]`);
  await page.waitForFunction((name) => document.querySelector('[data-testid="workspace-title"]')?.textContent === name, workspace.name);
}

async function openRoom(page: Page, roomId: string): Promise<void> {
  await page.locator(`[data-testid="room-item-${roomId}"]`).click();
  await page.locator(`[data-testid="room-item-${roomId}"][aria-current="page"]`).waitFor();
}

function recordNotifications(page: Page): Promise<void> {
  return page.evaluate(() => {
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
}

describe('two people in two browsers through a relay', () => {
  it('mentions, typing, messages both ways, search, drafts, offline delivery and presence', { timeout: 240_000 }, async () => {
    const relay = await startRestartableRelay();
    const ada = await rooms.open(makeTempDir('qwanyx-ada-'));
    // Bob's device has a keychain of its own: two people, two computers.
    const bob = await rooms.open(makeTempDir('qwanyx-bob-'), { query: { idleMs: String(BOB_IDLE_MS) }, env: { QWANYX_KEYCHAIN_SERVICE: `qwanyx-test-bob${process.pid}/` } });

    // Ada creates the team workspace, links it to the relay and invites Bob; Bob joins.
    await signInPage(ada.page, relay, 'Ada Veyra', 'ada@example.com');
    const acme = await invokeIn<Workspace>(ada.page, 'workspace.create', { name: 'Acme Corp', kind: 'team' });
    await invokeIn(ada.page, 'workspace.link', { id: acme.id, relayUrl: relay.url });
    const invitation = await invokeIn<Invitation>(ada.page, 'invite.create', { workspaceId: acme.id, email: 'bob@example.com', role: 'member' });
    const bobProfile = await signInPage(bob.page, relay, 'Bob Builder', 'bob@example.com');
    await invokeIn(bob.page, 'invite.accept', { relayUrl: relay.url, token: invitation.token });
    await bob.context.grantPermissions(['notifications']);
    await recordNotifications(bob.page);
    await openWorkspace(ada.page, acme);
    await openWorkspace(bob.page, acme);
    await expect
      .poll(async () => (await invokeIn<Member[]>(ada.page, 'member.list', { workspaceId: acme.id })).some((m) => m.id === bobProfile.userId), { timeout: 20_000 })
      .toBe(true);
    const general = await invokeIn<Room>(ada.page, 'room.create', { workspaceId: acme.id, name: 'general', memberIds: [bobProfile.userId] });
    const other = await invokeIn<Room>(ada.page, 'room.create', { workspaceId: acme.id, name: 'zz-other', memberIds: [bobProfile.userId] });
    const dm = await invokeIn<Room>(ada.page, 'room.create', { workspaceId: acme.id, kind: 'dm', memberIds: [bobProfile.userId] });

    // Presence: Ada sees Bob online on their direct message.
    const bobDot = ada.page.locator(`[data-testid="presence-${dm.id}"]`);
    await bob.page.locator(`[data-testid="room-item-${other.id}"]`).waitFor({ timeout: 20_000 });
    await openRoom(bob.page, other.id);
    await expect.poll(() => bobDot.getAttribute('data-presence'), { timeout: 20_000 }).toBe('online');

    // A mention of Bob in a room he is not looking at: badge and notification.
    await openRoom(ada.page, general.id);
    const hello = await post(ada.page, 'Welcome @bob.builder, the **plan** is in', 'composer', 'the plan is in');
    const generalOnBob = bob.page.locator(`[data-testid="room-item-${general.id}"]`);
    await expect.poll(() => generalOnBob.getAttribute('data-mentions'), { timeout: 20_000 }).toBe('1');
    await expect
      .poll(() => bob.page.evaluate(() => (window as unknown as { __notifications: string[] }).__notifications), { timeout: 20_000 })
      .toEqual(['Ada Veyra mentioned you in #general · Acme Corp | Welcome @bob.builder, the plan is in']);
    await openRoom(bob.page, general.id);
    const helloOnBob = bob.page.locator(`[data-testid="message-${hello}"]`);
    await helloOnBob.waitFor();
    expect(await helloOnBob.locator('.mention--self').textContent()).toBe('@bob.builder');
    await expect.poll(() => generalOnBob.getAttribute('data-mentions')).toBe('0');

    // Ada types: Bob sees it; Ada empties the box: it goes.
    const typingOnBob = bob.page.locator('[data-testid="typing-indicator"]');
    await ada.page.locator('[data-testid="composer-input"]').fill('Drafting the agenda');
    await expect.poll(() => typingOnBob.textContent(), { timeout: 20_000 }).toBe('Ada Veyra is typing…');
    await ada.page.locator('[data-testid="composer-input"]').fill('');
    await expect.poll(() => typingOnBob.textContent(), { timeout: 20_000 }).toBe('');

    // Bob answers, reacts, replies in the thread and edits his answer: Ada's screen follows.
    const answer = await post(bob.page, 'Thanks Ada, on it', 'composer', 'on it');
    await messageAction(bob.page, hello, 'react');
    await bob.page.click('[data-testid="emoji-👍"]');
    await messageAction(bob.page, hello, 'reply');
    await post(bob.page, 'First step done', 'thread-composer');
    await bob.page.locator('[data-testid="composer-input"]').click();
    await bob.page.locator('[data-testid="composer-input"]').press('ArrowUp');
    await bob.page.locator('[data-testid="message-editor-input"]').fill('Thanks Ada, on it right now');
    await bob.page.locator('[data-testid="message-editor-input"]').press('Enter');
    await ada.page.locator(`[data-testid="edited-${answer}"]`).waitFor({ timeout: 20_000 });
    expect(await ada.page.locator(`[data-testid="message-body-${answer}"]`).textContent()).toContain('Thanks Ada, on it right now');
    await expect.poll(() => ada.page.locator(`[data-testid="reaction-${hello}-👍"]`).textContent(), { timeout: 20_000 }).toContain('1');
    await expect.poll(() => ada.page.locator(`[data-testid="thread-link-${hello}"]`).textContent(), { timeout: 20_000 }).toContain('1 reply');

    // Ada edits, then deletes: Bob's timeline and open thread follow.
    await messageAction(ada.page, hello, 'edit');
    await ada.page.locator('[data-testid="message-editor-input"]').fill('Welcome @bob.builder, the **final plan** is in');
    await ada.page.locator('[data-testid="message-editor-input"]').press('Enter');
    const inRoom = bob.page.locator('[data-testid="room-view"]');
    const inThread = bob.page.locator('[data-testid="thread-root"]');
    await inRoom.locator(`[data-testid="edited-${hello}"]`).waitFor({ timeout: 20_000 });
    expect(await inRoom.locator(`[data-testid="message-body-${hello}"] strong`).textContent()).toBe('final plan');
    await inThread.locator(`[data-testid="edited-${hello}"]`).waitFor();
    await messageAction(ada.page, hello, 'delete');
    await ada.page.click('[data-testid="delete-message-confirm"]');
    await inRoom.locator(`[data-testid="tombstone-${hello}"]`).waitFor({ timeout: 20_000 });
    await inThread.locator(`[data-testid="tombstone-${hello}"]`).waitFor();

    // Ada searches for what Bob wrote and jumps to it.
    await openRoom(ada.page, other.id);
    await ada.page.click('[data-testid="open-search"]');
    await ada.page.locator('[data-testid="search-input"]').fill('right now from:bob.builder');
    await ada.page.locator(`[data-testid="search-hit-${answer}"]`).waitFor({ timeout: 20_000 });
    await ada.page.locator('[data-testid="search-input"]').press('Enter');
    await ada.page.locator(`[data-testid="room-item-${general.id}"][aria-current="page"]`).waitFor();
    await ada.page.locator(`[data-testid="message-${answer}"].msg--highlight`).waitFor();

    // Bob's draft in another room survives a reload.
    await openRoom(bob.page, other.id);
    await bob.page.locator('[data-testid="composer-input"]').fill('Half-written thought');
    await bob.page.reload();
    await bob.page.locator('[data-testid="rooms-view"]').waitFor();
    await openRoom(bob.page, other.id);
    await expect.poll(() => bob.page.locator('[data-testid="composer-input"]').inputValue()).toBe('Half-written thought');

    // Written while the relay is down: pending on Bob's screen, then delivered once when it is back.
    await openRoom(bob.page, general.id);
    await relay.stop();
    const offline = await post(bob.page, 'Written offline', 'composer');
    await bob.page.locator(`[data-testid="pending-${offline}"]`).waitFor({ timeout: 20_000 });
    await relay.restart();
    await bob.page.locator(`[data-testid="pending-${offline}"]`).waitFor({ state: 'detached', timeout: 30_000 });
    await openRoom(ada.page, general.id);
    await ada.page.locator(`[data-testid="message-${offline}"]`).waitFor({ timeout: 30_000 });
    expect(await messageWith(ada.page, 'Written offline').count()).toBe(1);

    // Bob leaves his keyboard: away; then his app is gone: offline.
    await expect.poll(() => bobDot.getAttribute('data-presence'), { timeout: 30_000 }).toBe('away');
    await bob.close();
    await expect.poll(() => bobDot.getAttribute('data-presence'), { timeout: 30_000 }).toBe('offline');
  });
});
