/**
 * End to end: Settings → Backups in the browser host (real core, real
 * SQLite files, real snapshots) driven through Chromium. A wrong schedule
 * field says what it takes; a good schedule is saved and read back in plain
 * words; "Back up now" shows the new snapshot in the list and the space
 * used; a message posted after it; "Restore…" on its row asks first, saying
 * what is lost and that the current file is moved aside; restoring closes
 * the settings and reopens the workspace without that message, and the
 * previous file is in the set-aside folder. Screenshots at 1280 and 1024
 * px, light and dark, and no serious axe-core violation. Needs
 * `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupScheduleSchema, type BackupSchedule, type Room, type Snapshot, type Workspace } from '../../src-main/common/contract';
import { createCore } from '../../src-main/core/createCore';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { SCHEDULE_FIELDS, SCHEDULE_LIMITS } from '../../src-renderer/features/backups/scheduleDraft';
import { invokeIn } from '../fixtures/roomsSession';
import { checkViews } from '../fixtures/checkViews';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

/** Acme Corp (open) with a #general of three notes. */
async function seed(): Promise<{ dataDir: string; acme: string; room: string }> {
  const dataDir = makeTempDir('qwanyx-backups-e2e-');
  const core = await createCore({ dataDir, secretStore: new MemorySecretStore(), shell: 'cli', log: () => undefined });
  const call = async <T,>(channel: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  try {
    // Slate: white initials on the default second colour (teal) fall short of 4.5:1, a palette matter of its own.
    const acme = (await call<Workspace>('workspace.create', { name: 'Acme Corp', color: '#647084' })).id;
    const room = (await call<Room>('room.create', { workspaceId: acme, name: 'general' })).id;
    for (let i = 0; i < 3; i++) await call('message.post', { workspaceId: acme, roomId: room, text: `Note ${i} about the quarterly figures` });
    await call('workspace.open', { id: acme });
    return { dataDir, acme, room };
  } finally {
    await core.close();
  }
}

describe('Settings → Backups', () => {
  it('the form checks each field against the bounds of the core’s schema', () => {
    for (const field of SCHEDULE_FIELDS) {
      const number = backupScheduleSchema.shape[field];
      expect({ field, ...SCHEDULE_LIMITS[field] }).toEqual({ field, min: number.minValue, max: number.maxValue });
    }
  });

  it('changes the schedule, backs up now, and restores a snapshot with what it loses said first', { timeout: 240_000 }, async () => {
    const { dataDir, acme, room } = await seed();
    const { page } = await rooms.open(dataDir);
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Acme Corp');

    await page.click('[data-testid="open-settings"]');
    const section = page.locator('[data-testid="backups-section"]');
    await section.waitFor();
    await section.scrollIntoViewIfNeeded();
    const summary = page.locator('[data-testid="backup-schedule-summary"]');
    expect(await summary.textContent()).toBe('A snapshot every 60 minutes when something changed; keeps 24 hourly, 7 daily, 5 weekly.');
    expect(await page.locator('[data-testid="backup-folder"]').textContent()).toBe(path.join(dataDir, 'backups'));
    await page.locator('[data-testid="snapshot-list-empty"]').waitFor();

    // A wrong field says what it takes, and nothing is saved.
    const interval = page.locator('[data-testid="backup-schedule-intervalMinutes"]');
    await interval.fill('2');
    expect(await page.locator('[data-testid="backup-schedule-intervalMinutes-error"]').textContent()).toBe('Enter a whole number from 5 to 10080.');
    expect(await interval.getAttribute('aria-invalid')).toBe('true');
    await page.locator('[data-testid="backup-schedule-weekly"]').fill('500');
    await page.click('[data-testid="backup-schedule-save"]');
    expect(await page.locator('[data-testid="backup-schedule-weekly-error"]').textContent()).toBe('Enter a whole number from 0 to 104.');
    expect(await page.locator('[data-testid="backup-schedule-status"]').getAttribute('role')).toBe('alert');
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    expect(await checkViews(page, 'backups-schedule-errors', '[data-testid="settings-dialog"]')).toEqual([]);
    expect((await invokeIn<{ schedule: BackupSchedule }>(page, 'backup.settings.get', {})).schedule.intervalMinutes).toBe(60);

    // A good one is saved and read back in plain words.
    await interval.fill('30');
    await page.locator('[data-testid="backup-schedule-hourly"]').fill('12');
    await page.locator('[data-testid="backup-schedule-weekly"]').fill('4');
    await page.click('[data-testid="backup-schedule-save"]');
    await expect.poll(() => summary.textContent()).toBe('A snapshot every 30 minutes when something changed; keeps 12 hourly, 7 daily, 4 weekly.');
    expect(await page.locator('[data-testid="backup-schedule-status"]').textContent()).toBe('Schedule saved.');
    expect((await invokeIn<{ schedule: BackupSchedule }>(page, 'backup.settings.get', {})).schedule).toEqual({ intervalMinutes: 30, hourly: 12, daily: 7, weekly: 4 });

    // Back up now: busy, then the new row and the space it takes.
    const create = page.locator('[data-testid="backup-create"]');
    await create.click();
    await page.locator('[data-testid="backup-list-status"]', { hasText: 'taken and checked' }).waitFor();
    const taken = (await invokeIn<{ snapshots: Snapshot[] }>(page, 'backup.list', { workspaceId: acme })).snapshots;
    const snapshot = taken[0]!;
    // The app's own first pass (a minute after start) may have taken one before on a slow machine.
    const spaceText = new RegExp(`^Acme Corp${taken.length} snapshots?, [\\d.]+ KB$`);
    const row = page.locator(`[data-testid="snapshot-${snapshot.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Latest');
    expect(await create.textContent()).toBe('Back up now');
    await expect.poll(() => page.locator(`[data-testid="backup-space-${acme}"]`).textContent()).toMatch(spaceText);
    expect(await page.locator('[data-testid="backup-space-total"]').textContent()).toMatch(/^All snapshots use [\d.]+ KB on this device\.$/);
    await page.locator('[data-testid="snapshot-list"]').evaluate((list) => list.scrollIntoView({ block: 'end' }));
    expect(await checkViews(page, 'backups-settings', '[data-testid="settings-dialog"]')).toEqual([]);

    // A message after the snapshot: restoring it loses that message.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await invokeIn(page, 'message.post', { workspaceId: acme, roomId: room, text: 'Posted after the snapshot' });
    await row.locator('[data-testid="snapshot-restore"]').click();
    const confirm = page.locator('[data-testid="snapshot-restore-dialog"]');
    await confirm.waitFor();
    const said = (await confirm.textContent()) ?? '';
    expect(said).toContain('“Acme Corp” comes back as it was on');
    expect(said).toContain('everything written in it after that time is lost');
    expect(said).toContain('It last changed on this device on');
    expect(said).toContain('moved aside into the workspace’s “set-aside” folder, not deleted');
    expect(await checkViews(page, 'backups-restore-confirm', '[data-testid="snapshot-restore-dialog"]')).toEqual([]);
    await page.click('[data-testid="snapshot-restore-confirm"]');

    // The settings close, the workspace opens again as of the snapshot.
    await page.locator('[data-testid="settings-dialog"]').waitFor({ state: 'detached' });
    await page.getByText('“Acme Corp” is back as of').waitFor();
    await page.locator('[data-testid="rooms-view"]').waitFor();
    await page.click(`[data-testid="room-item-${room}"]`);
    await page.getByText('Note 2 about the quarterly figures').waitFor();
    expect(await page.getByText('Posted after the snapshot').count()).toBe(0);
    const setAside = path.join(dataDir, 'workspaces', acme, 'set-aside');
    const folders = fs.readdirSync(setAside);
    expect(folders).toHaveLength(1);
    expect(fs.existsSync(path.join(setAside, folders[0]!, 'workspace.db'))).toBe(true);
    const messages = await invokeIn<{ messages: { text: string }[] }>(page, 'message.list', { workspaceId: acme, roomId: room });
    expect(messages.messages.map((m) => m.text)).toEqual(['Note 0 about the quarterly figures', 'Note 1 about the quarterly figures', 'Note 2 about the quarterly figures']);
  });
});
