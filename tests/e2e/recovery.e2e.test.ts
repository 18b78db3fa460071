/**
 * End to end: a damaged workspace in the browser host (real core, real
 * SQLite files cut short) driven through Chromium. Its tile on the rail is
 * marked damaged; opening it shows the recovery view (what happened, the
 * latest snapshot's time and what would be lost since, rebuilding from a
 * relay unavailable as it is not linked); "Recover into a new workspace"
 * opens the new workspace with what could be read; "Restore snapshot"
 * brings the workspace back as of its snapshot and lifts the mark.
 * Screenshots at 1280 and 1024 px, light and dark, and no serious axe-core
 * violation. Needs `npm run build` first.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Room, Workspace } from '../../src-main/common/contract';
import { createCore } from '../../src-main/core/createCore';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { openSqlite } from '../../src-main/storage/openSqlite';
import { workspaceDbPath } from '../../src-main/storage/workspacePaths';
import { checkViews } from '../fixtures/checkViews';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

/** Personal (open) and Acme Corp: 20 messages, a snapshot, 5 more, then pages of its message index overwritten and found damaged. */
async function seed(): Promise<{ dataDir: string; acme: string }> {
  const dataDir = makeTempDir('qwanyx-recovery-e2e-');
  const core = await createCore({ dataDir, secretStore: new MemorySecretStore(), shell: 'cli', log: () => undefined });
  const call = async <T,>(channel: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  let acme: string;
  try {
    const personal = (await call<Workspace[]>('workspace.list', {}))[0]!;
    // Slate: white initials on the default second colour (teal) fall short of 4.5:1, a palette matter of its own.
    acme = (await call<Workspace>('workspace.create', { name: 'Acme Corp', color: '#647084' })).id;
    const room = (await call<Room>('room.create', { workspaceId: acme, name: 'general' })).id;
    for (let i = 0; i < 25; i++) {
      if (i === 20) await call('backup.create', { workspaceId: acme });
      await call('message.post', { workspaceId: acme, roomId: room, text: `Note ${i} about the quarterly figures` });
    }
    await call('workspace.open', { id: personal.id });
  } finally {
    await core.close();
  }
  const file = workspaceDbPath(dataDir, acme);
  const db = openSqlite(file, { readonly: true });
  const pages = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'messages' ORDER BY pageno").all() as { pageno: number }[]).map((r) => r.pageno);
  db.close();
  const fd = fs.openSync(file, 'r+');
  for (const page of pages) fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (page - 1) * 4096);
  fs.closeSync(fd);
  const checker = await createCore({ dataDir, secretStore: new MemorySecretStore(), shell: 'cli', log: () => undefined });
  try {
    await checker.dispatch('workspace.check', { id: acme });
  } finally {
    await checker.close();
  }
  return { dataDir, acme };
}

describe('the recovery view of a damaged workspace', () => {
  it('marks it on the rail, says what happened and brings it back', { timeout: 180_000 }, async () => {
    const { dataDir, acme } = await seed();
    const { page } = await rooms.open(dataDir);
    const tile = page.locator(`[data-testid="workspace-tile-${acme}"]`);
    await page.locator(`[data-testid="workspace-damaged-${acme}"]`).waitFor();
    expect(await tile.getAttribute('aria-description')).toBe('Damaged: cannot be opened');

    await tile.click();
    const view = page.locator('[data-testid="recovery-view"]');
    await view.waitFor();
    expect(await view.textContent()).toContain('“Acme Corp” cannot be opened');
    // Found by the check, or by the app opening it first: either way SQLite's reason is given.
    expect(await page.locator('[data-testid="recovery-reason"]').textContent()).toMatch(/integrity check found|malformed/);
    const restore = page.locator('[data-testid="recovery-restore"]');
    await expect.poll(() => restore.textContent()).toContain('Qwanyx took a snapshot of this workspace on');
    expect(await restore.textContent()).toContain('is not in it');
    expect(await page.locator('[data-testid="recovery-rebuild"]').textContent()).toContain('not linked to a relay');
    expect(await page.locator('[data-testid="recovery-rebuild"] button').count()).toBe(0);
    // Away from the rail, so no tooltip covers the view.
    await page.mouse.move(700, 760);
    expect(await checkViews(page, 'recovery-view')).toEqual([]);

    // Recover what is readable: a new workspace opens.
    await page.locator('[data-testid="recovery-recover"] button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Acme Corp (recovered)');
    await page.locator('[data-testid="rooms-view"]').waitFor();
    // Every message was in the log: all of them are back, the last one included.
    await page.getByText('Note 24 about the quarterly figures').waitFor();

    // Back to the damaged one: restore its snapshot.
    await tile.click();
    await view.waitFor();
    await page.locator('[data-testid="recovery-restore"] button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Acme Corp');
    await page.locator(`[data-testid="workspace-damaged-${acme}"]`).waitFor({ state: 'detached' });
    await page.locator('[data-testid="rooms-view"]').waitFor();
    await page.getByText('Note 19 about the quarterly figures').waitFor();
    expect(await page.getByText('Note 20 about the quarterly figures').count()).toBe(0);
  });
});
