/**
 * End to end in the browser host, through a real relay where one is needed:
 * - an owner erases a member's data from Settings → Members: the row's menu
 *   opens the dialog that says what goes and asks for the name; with the
 *   relay down it says nothing was erased; with the relay back it erases
 *   and shows the counts, and the member's message leaves their own device;
 * - importing a workspace export from the rail: the file is uploaded in
 *   pieces, the new workspace opens with its messages; an export cut short
 *   is refused with the core's reason and leaves no workspace; a window
 *   naming a path to `workspace.import` is refused;
 * - deleting a linked workspace as its owner offers to erase it from the
 *   relay too; ticked, the workspace leaves the relay and this device.
 * Screenshots and axe at 1280 and 1024 px, light and dark. Needs
 * `npm run build` first, and a keychain (npm run test:e2e provides one).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Invitation, Member, Profile, Room, Workspace } from '../../src-main/common/contract';
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

/** Every file under `dir` whose bytes hold `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => fs.readFileSync(file).includes(bytes));
}

describe('erase and import in the browser', () => {
  it('an owner erases a member’s data from Settings → Members, after a clear refusal while the relay is down', { timeout: 240_000 }, async () => {
    const relay = await startRestartableRelay();
    const ada = await rooms.open(makeTempDir('qwanyx-ada-'));
    const bob = await rooms.open(makeTempDir('qwanyx-bob-'), { env: { QWANYX_KEYCHAIN_SERVICE: `qwanyx-test-eraseb${process.pid}/` } });
    await signInPage(ada.page, relay, 'Ada Veyra', 'ada@example.com');
    const acme = await invokeIn<Workspace>(ada.page, 'workspace.create', { name: 'Acme Corp', kind: 'team' });
    await invokeIn(ada.page, 'workspace.link', { id: acme.id, relayUrl: relay.url });
    const invitation = await invokeIn<Invitation>(ada.page, 'invite.create', { workspaceId: acme.id, email: 'bob@example.com', role: 'member' });
    const bobProfile = await signInPage(bob.page, relay, 'Bob Builder', 'bob@example.com');
    await invokeIn(bob.page, 'invite.accept', { relayUrl: relay.url, token: invitation.token });
    await expect
      .poll(async () => (await invokeIn<Member[]>(ada.page, 'member.list', { workspaceId: acme.id })).some((m) => m.id === bobProfile.userId), { timeout: 20_000 })
      .toBe(true);
    const lobby = await invokeIn<Room>(ada.page, 'room.create', { workspaceId: acme.id, name: 'lobby', memberIds: [bobProfile.userId] });
    await expect.poll(async () => (await invokeIn<Room[]>(bob.page, 'room.list', { workspaceId: acme.id })).some((r) => r.id === lobby.id), { timeout: 20_000 }).toBe(true);
    await invokeIn(bob.page, 'message.post', { workspaceId: acme.id, roomId: lobby.id, text: 'bob wrote the quarterly numbers' });
    await invokeIn(ada.page, 'message.post', { workspaceId: acme.id, roomId: lobby.id, text: 'ada keeps this one' });
    await ada.page.click(`[data-testid="workspace-tile-${acme.id}"]`);
    await bob.page.click(`[data-testid="workspace-tile-${acme.id}"]`);
    await bob.page.click(`[data-testid="room-item-${lobby.id}"]`);
    await bob.page.getByText('bob wrote the quarterly numbers').waitFor({ timeout: 20_000 });

    // Bob, a member, has no erase menu on Ada's row.
    await bob.page.click('[data-testid="open-settings"]');
    await bob.page.locator('[data-testid="member-ada@example.com"]').waitFor({ timeout: 20_000 });
    expect(await bob.page.locator('[data-testid="member-menu"]').count()).toBe(0);
    await bob.page.keyboard.press('Escape');

    await ada.page.click('[data-testid="open-settings"]');
    const row = ada.page.locator('[data-testid="member-bob@example.com"]');
    await row.waitFor({ timeout: 20_000 });
    await row.locator('[data-testid="member-menu"]').click();
    await ada.page.click('[data-testid="member-menu-erase"]');
    const dialog = ada.page.locator('[data-testid="erase-member-dialog"]');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const words of ['every message they wrote, under every id they used', 'files', 'reactions', 'read pointers', 'pins', 'held for their approval', 'memory a digital human learnt', 'on every device and on the relay', 'cannot be undone']) {
      expect(text).toContain(words);
    }
    const submit = dialog.locator('[data-testid="erase-member-submit"]');
    expect(await submit.isDisabled()).toBe(true);
    await dialog.locator('[data-testid="erase-member-confirm"]').fill('Bob');
    expect(await submit.isDisabled()).toBe(true);
    await dialog.locator('[data-testid="erase-member-confirm"]').fill('Bob Builder');
    expect(await checkViews(ada.page, 'erase-member-dialog', '[data-testid="erase-member-dialog"]')).toEqual([]);

    // The relay is down: nothing is erased, and the dialog says why.
    await relay.stop();
    await submit.click();
    const error = dialog.locator('[data-testid="erase-member-error"]');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toContain('The relay cannot be reached, so nothing was erased');

    await relay.restart();
    await submit.click();
    const done = dialog.locator('[data-testid="erase-member-done"]');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.locator('li').allTextContents()).toEqual(['1 message', '0 files', '0 reactions', '1 read pointer', '0 pins', '0 memories']);
    expect(await checkViews(ada.page, 'erase-member-done', '[data-testid="erase-member-dialog"]')).toEqual([]);
    await ada.page.click('[data-testid="erase-member-dialog"] .dialog__footer button >> nth=0');

    // Both devices lose Bob's message as the relay's deletions reach them; Ada's stays.
    const texts = async (page: Page): Promise<string[]> => (await invokeIn<{ messages: { text: string }[] }>(page, 'message.list', { workspaceId: acme.id, roomId: lobby.id })).messages.map((m) => m.text);
    await expect.poll(() => texts(ada.page), { timeout: 60_000 }).toEqual(['ada keeps this one']);
    await expect.poll(() => texts(bob.page), { timeout: 60_000 }).toEqual(['ada keeps this one']);
  });

  it('imports an export from the rail by upload, opens it, and refuses an export cut short', { timeout: 180_000 }, async () => {
    const session = await rooms.open(makeTempDir('qwanyx-import-'));
    const { page } = session;
    const source = await invokeIn<Workspace>(page, 'workspace.create', { name: 'Globex Archive', kind: 'team' });
    const room = await invokeIn<Room>(page, 'room.create', { workspaceId: source.id, name: 'history' });
    await invokeIn(page, 'message.post', { workspaceId: source.id, roomId: room.id, text: 'the deal closed in March' });
    const outDir = makeTempDir('qwanyx-import-out-');
    const exported = await invokeIn<{ path: string }>(page, 'workspace.export', { id: source.id, out: path.join(outDir, 'globex.qwanyx.zip') });
    await invokeIn(page, 'workspace.delete', { id: source.id, confirmName: 'Globex Archive' });

    // A window never names a path for the core to read.
    await expect(invokeIn(page, 'workspace.import', { file: exported.path })).rejects.toThrow(/cannot name a file to import/);

    // An export cut short: the core's reason, and no workspace made.
    const bytes = fs.readFileSync(exported.path);
    const cut = path.join(outDir, 'cut.qwanyx.zip');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = (await invokeIn<Workspace[]>(page, 'workspace.list', {})).length;
    await page.click('[data-testid="import-workspace"]');
    const dialog = page.locator('[data-testid="import-workspace-dialog"]');
    await dialog.waitFor();
    expect(await checkViews(page, 'import-workspace-dialog', '[data-testid="import-workspace-dialog"]')).toEqual([]);
    await dialog.locator('[data-testid="import-workspace-file"]').setInputFiles(cut);
    const error = dialog.locator('[data-testid="import-error"]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/cut\.qwanyx\.zip/);
    expect(await error.textContent()).not.toContain(path.sep + 'imports' + path.sep);
    expect(await checkViews(page, 'import-workspace-error', '[data-testid="import-workspace-dialog"]')).toEqual([]);
    expect((await invokeIn<Workspace[]>(page, 'workspace.list', {})).length).toBe(before);

    // The whole export: uploaded, imported, opened.
    await dialog.locator('[data-testid="import-workspace-file"]').setInputFiles(exported.path);
    await dialog.locator('[data-testid="import-done"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Globex Archive', undefined, { timeout: 20_000 });
    expect(await checkViews(page, 'import-workspace-done', '[data-testid="import-workspace-dialog"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="section-channels"] button', { hasText: 'history' }).first().click();
    await page.getByText('the deal closed in March').waitFor({ timeout: 20_000 });
  });

  it('offers an owner deleting a linked workspace to erase it from the relay too', { timeout: 180_000 }, async () => {
    const relay = await startRestartableRelay();
    const ada = await rooms.open(makeTempDir('qwanyx-ada-'));
    await signInPage(ada.page, relay, 'Ada Veyra', 'ada@example.com');
    const acme = await invokeIn<Workspace>(ada.page, 'workspace.create', { name: 'Initech', kind: 'team' });
    await invokeIn(ada.page, 'workspace.link', { id: acme.id, relayUrl: relay.url });
    const room = await invokeIn<Room>(ada.page, 'room.create', { workspaceId: acme.id, name: 'memos' });
    await invokeIn(ada.page, 'message.post', { workspaceId: acme.id, roomId: room.id, text: 'new TPS-REPORT-COVER-991 memo' });
    await expect.poll(() => filesHolding(relay.dataDir, 'TPS-REPORT-COVER-991').length, { timeout: 20_000 }).toBeGreaterThan(0);
    const local = await invokeIn<Workspace>(ada.page, 'workspace.create', { name: 'Scratch', kind: 'team' });

    // A local-only workspace has no relay to erase it from.
    await ada.page.click(`[data-testid="workspace-tile-${local.id}"]`, { button: 'right' });
    await ada.page.click('[data-testid="workspace-menu-delete"]');
    // Once the dialog knows the workspace's sync status (its form is no longer busy), it offers the relay or not.
    await ada.page.locator('[data-testid="delete-workspace-dialog"] form:not([aria-busy="true"])').waitFor();
    expect(await ada.page.locator('[data-testid="delete-workspace-relay"]').count()).toBe(0);
    await ada.page.keyboard.press('Escape');

    await ada.page.click(`[data-testid="workspace-tile-${acme.id}"]`, { button: 'right' });
    await ada.page.click('[data-testid="workspace-menu-delete"]');
    const dialog = ada.page.locator('[data-testid="delete-workspace-dialog"]');
    const option = dialog.locator('[data-testid="delete-workspace-relay"]');
    await option.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toContain('Also erase it from the relay (for everyone)');
    await option.check();
    await dialog.locator('[data-testid="delete-workspace-confirm"]').fill('Initech');
    expect(await checkViews(ada.page, 'delete-workspace-relay', '[data-testid="delete-workspace-dialog"]')).toEqual([]);
    await dialog.locator('[data-testid="delete-workspace-submit"]').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    expect((await invokeIn<Workspace[]>(ada.page, 'workspace.list', {})).some((w) => w.id === acme.id)).toBe(false);
    // Nothing of it is left in the relay's files.
    expect(filesHolding(relay.dataDir, 'TPS-REPORT-COVER-991')).toEqual([]);
  });
});
