/**
 * End to end in the browser host:
 * - Settings → Workspaces has Export and Import beside each other; Import
 *   opens the same dialog as the rail's button (upload in pieces, the
 *   core's reason for an export cut short, no workspace made), and once
 *   imported names the new workspace with a button that opens it;
 * - a device that was offline while an owner erased its workspace from a
 *   real relay comes back to what the online members saw: erased from the
 *   relay by its owner on that date, its copy kept, and the two ways on
 *   (delete the local copy, or keep working offline as a local workspace).
 * Screenshots and axe at 1280 and 1024 px, light and dark. Needs
 * `npm run build` first, and a keychain (npm run test:e2e provides one).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Invitation, MessagePage, Room, Workspace, WorkspaceSyncStatus } from '../../src-main/common/contract';
import { checkViews } from '../fixtures/checkViews';
import { invokeIn } from '../fixtures/roomsSession';
import { startRestartableRelay, type RestartableRelay } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

async function signInPage(page: Page, relay: RestartableRelay, displayName: string, email: string): Promise<void> {
  await invokeIn(page, 'profile.update', { displayName, email });
  await invokeIn(page, 'relay.requestCode', { url: relay.url, email });
  await invokeIn(page, 'relay.signIn', { url: relay.url, email, code: relay.current().lastCode(email) });
}

async function statusOf(page: Page, id: string): Promise<WorkspaceSyncStatus | undefined> {
  return (await invokeIn<WorkspaceSyncStatus[]>(page, 'sync.status', {})).find((s) => s.workspaceId === id);
}

describe('Settings → Workspaces import, and a workspace erased from the relay while offline', () => {
  it('imports from Settings through the rail’s dialog, refuses an export cut short, then offers to open the new workspace', { timeout: 180_000 }, async () => {
    const { page } = await rooms.open(makeTempDir('qwanyx-settings-import-'));
    const source = await invokeIn<Workspace>(page, 'workspace.create', { name: 'Hooli Archive', kind: 'team' });
    const room = await invokeIn<Room>(page, 'room.create', { workspaceId: source.id, name: 'history' });
    await invokeIn(page, 'message.post', { workspaceId: source.id, roomId: room.id, text: 'the compression ratio was 5.2' });
    const outDir = makeTempDir('qwanyx-settings-import-out-');
    const exported = await invokeIn<{ path: string }>(page, 'workspace.export', { id: source.id, out: path.join(outDir, 'hooli.qwanyx.zip') });
    await invokeIn(page, 'workspace.delete', { id: source.id, confirmName: 'Hooli Archive' });
    const other = await invokeIn<Workspace>(page, 'workspace.create', { name: 'Pied Piper', kind: 'team' });
    await page.click(`[data-testid="workspace-tile-${other.id}"]`);

    await page.click('[data-testid="open-settings"]');
    const settings = page.locator('[data-testid="settings-dialog"]');
    await settings.waitFor();
    const importButton = settings.locator('[data-testid="settings-import-workspace"]');
    await importButton.scrollIntoViewIfNeeded();
    expect(await settings.locator('[data-testid="settings-export-workspace"]').isVisible()).toBe(true);
    expect(await checkViews(page, 'settings-workspaces-import', '[data-testid="settings-dialog"]')).toEqual([]);
    await importButton.click();
    const dialog = page.locator('[data-testid="import-workspace-dialog"]');
    await dialog.waitFor();

    // An export cut short: the core's reason, and no workspace made.
    const bytes = fs.readFileSync(exported.path);
    const cut = path.join(outDir, 'cut.qwanyx.zip');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = (await invokeIn<Workspace[]>(page, 'workspace.list', {})).length;
    await dialog.locator('[data-testid="import-workspace-file"]').setInputFiles(cut);
    const error = dialog.locator('[data-testid="import-error"]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/cut\.qwanyx\.zip/);
    expect((await invokeIn<Workspace[]>(page, 'workspace.list', {})).length).toBe(before);

    // The whole export: named, not opened until asked.
    await dialog.locator('[data-testid="import-workspace-file"]').setInputFiles(exported.path);
    const done = dialog.locator('[data-testid="import-done"]');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain('“Hooli Archive” is imported');
    expect(await page.locator('[data-testid="workspace-title"]').textContent()).toBe('Pied Piper');
    expect(await checkViews(page, 'settings-import-done', '[data-testid="import-workspace-dialog"]')).toEqual([]);
    await dialog.locator('[data-testid="import-open"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Hooli Archive', undefined, { timeout: 20_000 });
    expect(await page.locator('[data-testid="import-workspace-dialog"]').count()).toBe(0);
    await page.locator('[data-testid="section-channels"] button', { hasText: 'history' }).first().click();
    await page.getByText('the compression ratio was 5.2').waitFor({ timeout: 20_000 });
  });

  it('shows a device back online after the erasure what the online members saw, and keeps the workspace locally', { timeout: 240_000 }, async () => {
    const relay = await startRestartableRelay();
    const ada = await rooms.open(makeTempDir('qwanyx-ada-'));
    const bobDir = makeTempDir('qwanyx-bob-');
    const bobEnv = { QWANYX_KEYCHAIN_SERVICE: `qwanyx-test-erasedoff${process.pid}/` };
    let bob = await rooms.open(bobDir, { env: bobEnv });
    await signInPage(ada.page, relay, 'Ada Veyra', 'ada@example.com');
    const acme = await invokeIn<Workspace>(ada.page, 'workspace.create', { name: 'Umbrella', kind: 'team' });
    await invokeIn(ada.page, 'workspace.link', { id: acme.id, relayUrl: relay.url });
    const invitation = await invokeIn<Invitation>(ada.page, 'invite.create', { workspaceId: acme.id, email: 'bob@example.com', role: 'member' });
    await signInPage(bob.page, relay, 'Bob Builder', 'bob@example.com');
    await invokeIn(bob.page, 'invite.accept', { relayUrl: relay.url, token: invitation.token });
    const room = await invokeIn<Room>(ada.page, 'room.create', { workspaceId: acme.id, name: 'lab' });
    await expect.poll(async () => (await invokeIn<Room[]>(bob.page, 'room.list', { workspaceId: acme.id })).some((r) => r.id === room.id), { timeout: 20_000 }).toBe(true);
    await invokeIn(bob.page, 'room.join', { workspaceId: acme.id, roomId: room.id });
    await invokeIn(bob.page, 'message.post', { workspaceId: acme.id, roomId: room.id, text: 'bob’s notes on the T-virus' });
    await expect.poll(async () => (await statusOf(bob.page, acme.id))?.pending, { timeout: 20_000 }).toBe(0);

    // Bob's device goes offline; Ada erases the workspace from the relay.
    await bob.close();
    await invokeIn(ada.page, 'workspace.eraseFromRelay', { id: acme.id, confirmName: 'Umbrella' });

    // Bob comes back: erased by its owner on a date, not "no access".
    bob = await rooms.open(bobDir, { env: bobEnv });
    await bob.page.click(`[data-testid="workspace-tile-${acme.id}"]`);
    await expect.poll(async () => (await statusOf(bob.page, acme.id))?.reasonCode, { timeout: 30_000 }).toBe('removed');
    // The header's sync pill says it too, with the date, in its accessible name and tooltip.
    const today = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date());
    const pill = bob.page.locator('[data-testid="sync-status"]');
    await expect.poll(() => pill.getAttribute('aria-label'), { timeout: 10_000 }).toBe(`Sync: Erased from the relay on ${today}. Open sync options`);
    expect(await pill.getAttribute('title')).toBe(`Erased from the relay by its owner on ${today}. Your copy stays on this device, no longer synced.`);
    expect(await bob.page.locator('[data-testid="sync-status-label"]').textContent()).toBe('Erased from the relay');
    expect(await checkViews(bob.page, 'sync-erased-pill', '.main-header')).toEqual([]);
    await pill.click();
    const notice = bob.page.locator('[data-testid="sync-erased"]');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain(`This workspace was erased from the relay by its owner on ${today}; your copy on this device is kept.`);
    expect(await checkViews(bob.page, 'sync-erased-offline', '[data-testid="sync-dialog"]')).toEqual([]);

    // Deleting the local copy goes through the delete dialog, which no longer offers the relay.
    await notice.locator('[data-testid="sync-erased-delete"]').click();
    const del = bob.page.locator('[data-testid="delete-workspace-dialog"]');
    // Once the dialog knows the workspace's sync status (its form is no longer busy), it offers the relay or not.
    await del.locator('form:not([aria-busy="true"])').waitFor();
    expect(await del.locator('[data-testid="delete-workspace-relay"]').count()).toBe(0);
    await bob.page.keyboard.press('Escape');

    // Keep working offline: a local workspace, its messages kept.
    await bob.page.locator('[data-testid="sync-erased-keep"]').click();
    await bob.page.locator('[data-testid="sync-link-section"]').waitFor({ timeout: 10_000 });
    expect((await statusOf(bob.page, acme.id))?.state).toBe('local-only');
    const page = await invokeIn<MessagePage>(bob.page, 'message.list', { workspaceId: acme.id, roomId: room.id });
    expect(page.messages.map((m) => m.text)).toContain('bob’s notes on the T-virus');
  });
});
