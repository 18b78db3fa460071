/**
 * End to end, custom roles in Settings → Members, two people in two browsers
 * through a real relay: the owner lists the built-in roles with what they
 * grant, creates "Moderator" in the "New role" dialog (based on member,
 * deleting anyone's messages only in #design, reading private rooms
 * everywhere), and gives it to Bob from the menu of his row, with the
 * keyboard; Bob's own Settings → Members shows the roles read-only, with
 * no "New role…" and his role as text. Screenshots and axe at 1280 and 1024
 * px, light and dark. Needs a built renderer (`npm run build`, or
 * QWANYX_RENDERER_DIR) and a keychain (npm run test:e2e provides one).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Invitation, MemberList, Profile, RoleCatalog, Room, Workspace } from '../../src-main/common/contract';
import { checkViews } from '../fixtures/checkViews';
import { invokeIn } from '../fixtures/roomsSession';
import { startRestartableRelay, type RestartableRelay } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

async function signInPage(page: Page, relay: RestartableRelay, displayName: string, email: string): Promise<Profile> {
  await invokeIn(page, 'profile.update', { displayName, email });
  await invokeIn(page, 'relay.requestCode', { url: relay.url, email });
  await invokeIn(page, 'relay.signIn', { url: relay.url, email, code: relay.current().lastCode(email) });
  return invokeIn<Profile>(page, 'profile.get', {});
}

async function openMembers(page: Page, workspace: Workspace): Promise<void> {
  await page.click(`[data-testid="workspace-tile-${workspace.id}"]`);
  await page.waitForFunction((name) => document.querySelector('[data-testid="workspace-title"]')?.textContent === name, workspace.name);
  await page.click('[data-testid="open-settings"]');
  await page.locator('[data-testid="roles-panel"]').waitFor({ timeout: 20_000 });
}

describe('custom roles in the browser', () => {
  it('creates a role limited to a room, gives it to a member from a menu, and shows it read-only to that member', { timeout: 240_000 }, async () => {
    const relay = await startRestartableRelay();
    const ada = await rooms.open(makeTempDir('qwanyx-ada-'));
    const bob = await rooms.open(makeTempDir('qwanyx-bob-'), { env: { QWANYX_KEYCHAIN_SERVICE: `qwanyx-test-bob${process.pid}/` } });
    await signInPage(ada.page, relay, 'Ada Veyra', 'ada@example.com');
    const acme = await invokeIn<Workspace>(ada.page, 'workspace.create', { name: 'Acme Corp', kind: 'team' });
    await invokeIn(ada.page, 'workspace.link', { id: acme.id, relayUrl: relay.url });
    const invitation = await invokeIn<Invitation>(ada.page, 'invite.create', { workspaceId: acme.id, email: 'bob@example.com', role: 'member' });
    const bobProfile = await signInPage(bob.page, relay, 'Bob Builder', 'bob@example.com');
    await invokeIn(bob.page, 'invite.accept', { relayUrl: relay.url, token: invitation.token });
    const design = await invokeIn<Room>(ada.page, 'room.create', { workspaceId: acme.id, name: 'design' });
    await invokeIn<Room>(ada.page, 'room.create', { workspaceId: acme.id, name: 'sales' });

    // The owner sees the built-in roles and what they grant.
    await openMembers(ada.page, acme);
    const panel = ada.page.locator('[data-testid="roles-panel"]');
    expect(await panel.locator('[data-testid="role-member"]').textContent()).toContain('Post messages');
    expect(await panel.locator('[data-testid="role-guest"]').textContent()).toContain('writes nothing');
    await ada.page.locator('[data-testid="member-bob@example.com"]').waitFor({ timeout: 20_000 });

    // New role: based on member, deletes anyone's messages only in #design, reads private rooms everywhere.
    await panel.locator('[data-testid="role-new"]').click();
    const dialog = ada.page.locator('[data-testid="new-role-dialog"]');
    await dialog.locator('[data-testid="new-role-submit"]').click();
    await dialog.locator('[data-testid="new-role-name-error"]').waitFor();
    await dialog.locator('[data-testid="new-role-name"]').fill('Modérateur');
    // Permissions the base already gives are not offered.
    expect(await dialog.locator('[data-testid="new-role-grant-message.post"]').count()).toBe(0);
    await dialog.locator('[data-testid="new-role-grant-message.delete:any"]').check();
    await dialog.locator('[data-testid="new-role-limit-message.delete:any"]').check();
    await dialog.locator('[data-testid="new-role-submit"]').click();
    expect(await dialog.locator('[data-testid="new-role-error"]').textContent()).toMatch(/at least one/);
    await dialog.locator(`[data-testid="new-role-resource-message.delete:any-${design.id}"]`).check();
    await dialog.locator('[data-testid="new-role-grant-room.read:private"]').check();
    expect(await checkViews(ada.page, 'roles-new-dialog', '[data-testid="new-role-dialog"]')).toEqual([]);
    await dialog.locator('[data-testid="new-role-submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    const row = panel.locator('[data-testid="role-moderateur"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Delete anyone’s messages in #design');
    expect(await row.textContent()).toContain('Read private rooms');
    const catalog = await invokeIn<RoleCatalog>(ada.page, 'roles.catalog', { workspaceId: acme.id });
    expect(catalog.roles.map((r) => ({ id: r.id, base: r.base, grants: r.grants }))).toEqual([
      {
        id: 'moderateur',
        base: 'member',
        grants: [
          { permission: 'room.read:private', resources: null },
          { permission: 'message.delete:any', resources: [design.id] },
        ].sort((a, b) => catalog.permissions.indexOf(a.permission) - catalog.permissions.indexOf(b.permission)),
      },
    ]);

    // Ada gives it to Bob from the menu of his row, with the keyboard.
    const bobRow = ada.page.locator('[data-testid="member-bob@example.com"]');
    await bobRow.locator('[data-testid="member-custom-role"]').focus();
    await ada.page.keyboard.press('Enter');
    const menu = ada.page.locator('[data-testid="member-custom-role-menu"]');
    await menu.waitFor();
    expect(await menu.locator('[aria-checked="true"]').textContent()).toBe('No custom role');
    await ada.page.keyboard.press('ArrowDown');
    await ada.page.keyboard.press('Enter');
    await expect.poll(() => bobRow.locator('[data-testid="member-custom-role"]').textContent(), { timeout: 10_000 }).toContain('Modérateur');
    const list = await invokeIn<MemberList>(ada.page, 'members.list', { workspaceId: acme.id });
    expect(list.members.find((m) => m.userId === bobProfile.userId)?.customRole).toBe('moderateur');
    await panel.scrollIntoViewIfNeeded();
    expect(await checkViews(ada.page, 'roles-members-owner', '[data-testid="settings-dialog"]')).toEqual([]);

    // Bob sees the roles read-only, and his own role as text, once the governance doc has synced.
    await openMembers(bob.page, acme);
    const bobPanel = bob.page.locator('[data-testid="roles-panel"]');
    await expect.poll(() => bobPanel.locator('[data-testid="role-moderateur"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await bobPanel.locator('[data-testid="role-new"]').count()).toBe(0);
    expect(await bobPanel.textContent()).toContain('Only owners and admins');
    const mine = bob.page.locator('[data-testid="member-bob@example.com"]');
    await expect.poll(() => mine.locator('[data-testid="member-custom-role-text"]').textContent(), { timeout: 20_000 }).toBe('Role: Modérateur');
    expect(await mine.locator('[data-testid="member-custom-role"]').count()).toBe(0);
    await bobPanel.scrollIntoViewIfNeeded();
    expect(await checkViews(bob.page, 'roles-members-readonly', '[data-testid="settings-dialog"]')).toEqual([]);
  });
});
