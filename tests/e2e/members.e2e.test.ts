/**
 * End to end, two people in two browsers, each on their own browser host,
 * through a real relay: the owner's Settings → Members lists both people
 * and a pending invitation (screenshots and axe at 1280 and 1024 px, light
 * and dark); the owner removes Bob from a private room in the room's
 * members dialog and Bob's browser loses the room at once (the relay also
 * stops serving it to him); the owner makes Bob a guest and Bob's composer
 * turns read-only with the reason; the owner removes Bob from the
 * workspace in Settings → Members and Bob's device loses access. Needs
 * `npm run build` first, and a keychain (npm run test:e2e provides one).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Invitation, Member, Profile, Room, Workspace, WorkspaceSyncStatus } from '../../src-main/common/contract';
import { invokeIn } from '../fixtures/roomsSession';
import { checkViews } from '../fixtures/checkViews';
import { startRestartableRelay, type RestartableRelay } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

async function signInPage(page: Page, relay: RestartableRelay, url: string, displayName: string, email: string): Promise<Profile> {
  await invokeIn(page, 'profile.update', { displayName, email });
  await invokeIn(page, 'relay.requestCode', { url, email });
  await invokeIn(page, 'relay.signIn', { url, email, code: relay.current().lastCode(email) });
  return invokeIn<Profile>(page, 'profile.get', {});
}

async function openWorkspace(page: Page, workspace: Workspace): Promise<void> {
  await page.click(`[data-testid="workspace-tile-${workspace.id}"]`);
  await page.waitForFunction((name) => document.querySelector('[data-testid="workspace-title"]')?.textContent === name, workspace.name);
}

describe('members in the browser', () => {
  it('lists members and invitations, takes a private room away at once, makes a guest read-only, removes a member', { timeout: 240_000 }, async () => {
    const relay = await startRestartableRelay();
    const ada = await rooms.open(makeTempDir('qwanyx-ada-'));
    // Bob's device has a keychain of its own, as another computer would (device tokens are kept per relay address).
    const bob = await rooms.open(makeTempDir('qwanyx-bob-'), { env: { QWANYX_KEYCHAIN_SERVICE: `qwanyx-test-bob${process.pid}/` } });
    const bobUrl = relay.url;
    await signInPage(ada.page, relay, relay.url, 'Ada Veyra', 'ada@example.com');
    const acme = await invokeIn<Workspace>(ada.page, 'workspace.create', { name: 'Acme Corp', kind: 'team' });
    await invokeIn(ada.page, 'workspace.link', { id: acme.id, relayUrl: relay.url });
    const invitation = await invokeIn<Invitation>(ada.page, 'invite.create', { workspaceId: acme.id, email: 'bob@example.com', role: 'member' });
    const bobProfile = await signInPage(bob.page, relay, bobUrl, 'Bob Builder', 'bob@example.com');
    await invokeIn(bob.page, 'invite.accept', { relayUrl: bobUrl, token: invitation.token });
    await invokeIn(ada.page, 'invite.create', { workspaceId: acme.id, email: 'carol@example.com', role: 'guest' });
    await openWorkspace(ada.page, acme);
    await openWorkspace(bob.page, acme);
    await expect
      .poll(async () => (await invokeIn<Member[]>(ada.page, 'member.list', { workspaceId: acme.id })).some((m) => m.id === bobProfile.userId), { timeout: 20_000 })
      .toBe(true);
    const lobby = await invokeIn<Room>(ada.page, 'room.create', { workspaceId: acme.id, name: 'lobby', memberIds: [bobProfile.userId] });
    const secret = await invokeIn<Room>(ada.page, 'room.create', { workspaceId: acme.id, name: 'secret-plans', private: true, memberIds: [bobProfile.userId] });
    await invokeIn(ada.page, 'message.post', { workspaceId: acme.id, roomId: secret.id, text: 'the plan for Q3' });

    // Bob sees the private room and its message.
    const bobRoom = bob.page.locator(`[data-testid="room-item-${secret.id}"]`);
    await bobRoom.waitFor({ timeout: 20_000 });
    await bobRoom.click();
    await bob.page.getByText('the plan for Q3').waitFor({ timeout: 20_000 });

    // Settings → Members on Ada's side.
    await ada.page.click('[data-testid="open-settings"]');
    const section = ada.page.locator('[data-testid="members-section"]');
    await section.locator('[data-testid="member-bob@example.com"]').waitFor({ timeout: 20_000 });
    await section.locator('[data-testid="invitation-carol@example.com"]').waitFor();
    await section.scrollIntoViewIfNeeded();
    expect(await checkViews(ada.page, 'members-settings', '[data-testid="settings-dialog"]')).toEqual([]);
    await ada.page.keyboard.press('Escape');

    // Ada removes Bob from the private room in its members dialog: Bob's browser loses it at once.
    await ada.page.click(`[data-testid="room-item-${secret.id}"]`);
    await ada.page.click('[data-testid="room-members"]');
    await ada.page.click('[data-testid="remove-member-bob.builder"]');
    const removedAt = Date.now();
    await bobRoom.waitFor({ state: 'detached', timeout: 5_000 });
    expect(Date.now() - removedAt).toBeLessThan(3_000);
    await ada.page.keyboard.press('Escape');
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(Number(/relay_policy_refusals_total\{reason="not_readable"\} (\d+)/.exec(metrics)?.[1] ?? 0)).toBeGreaterThanOrEqual(1);

    // Ada makes Bob a guest in Settings → Members: Bob's composer says why it is off.
    await ada.page.click('[data-testid="open-settings"]');
    const bobRow = ada.page.locator('[data-testid="member-bob@example.com"]');
    await bobRow.locator('[data-testid="member-role"]').selectOption('guest');
    await bobRow.locator('[data-testid="member-expiry"]').waitFor();
    await bob.page.click(`[data-testid="room-item-${lobby.id}"]`);
    await bob.page.locator('[data-testid="composer-readonly"]').waitFor({ timeout: 20_000 });
    expect(await bob.page.locator('[data-testid="composer-readonly"]').textContent()).toMatch(/guest/);
    expect(await checkViews(bob.page, 'members-guest-composer', '[data-testid="rooms-view"]')).toEqual([]);

    // And removes him from the workspace: his device loses access.
    await bobRow.locator('[data-testid="member-remove"]').click();
    await bobRow.locator('[data-testid="member-remove-confirm"]').click();
    await bobRow.waitFor({ state: 'detached', timeout: 10_000 });
    await expect
      .poll(async () => (await invokeIn<WorkspaceSyncStatus[]>(bob.page, 'sync.status', {})).find((s) => s.workspaceId === acme.id)?.reasonCode, { timeout: 20_000 })
      .toBe('no-access');
  });
});
