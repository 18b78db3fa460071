/**
 * End to end: Ctrl+K finds and opens a task, a knowledge document, a
 * digital human's profile (beside the room), a settings page and an
 * action, fuzzy and ranked; Ctrl+/ shows the shortcut sheet. In Chromium against the browser host. Needs `npm run build` first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { resetView, seedShowcase } from '../fixtures/mainViews';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

/** Opens the palette, types `query` and returns the ids of the items shown, in order. */
async function find(page: Page, query: string): Promise<string[]> {
  await page.keyboard.press('Control+k');
  const input = page.locator('[data-testid="palette-input"]');
  await input.waitFor();
  await input.fill(query);
  // The workspace's tasks, documents and profiles are read when the palette opens: the list is final once they are in.
  await page.locator('[data-testid="command-palette"] [role="listbox"]:not([aria-busy="true"])').waitFor();
  return page.locator('[data-testid^="palette-item-"]').evaluateAll((els) => els.map((el) => (el.getAttribute('data-testid') ?? '').replace('palette-item-', '')));
}

/** Closes every open dialog with Esc, as a person would. */
async function closeDialogs(page: Page): Promise<void> {
  const dialogs = page.locator('[role="dialog"]');
  for (let i = 0, open = await dialogs.count(); i < 4 && open > 0; i++, open = await dialogs.count()) {
    await page.keyboard.press('Escape');
    // The top one closes (a press that closes nothing is retried, up to four in all).
    await page.waitForFunction((n) => document.querySelectorAll('[role="dialog"]').length < n, open, { timeout: 2_000 }).catch(() => undefined);
  }
  expect(await dialogs.count()).toBe(0);
}

describe('the command palette', () => {
  it('reaches a task, a document, a settings page and an action, and Ctrl+/ lists the shortcuts', async () => {
    const dataDir = makeTempDir('qwanyx-palette-e2e-');
    const showcase = await seedShowcase(dataDir);
    const { page } = await rooms.open(dataDir);
    await resetView(page, showcase);

    // A task, typed loosely: the first hit, Enter opens the tasks beside the room, on that task.
    const taskHits = await find(page, 'acme quartrly');
    expect(taskHits[0]).toMatch(/^task-/);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="tasks-panel"]').waitFor();
    expect(await page.locator('[data-testid="tasks-panel"]').textContent()).toContain('Draft the Acme quarterly report');
    expect(await page.locator('[data-testid="task-editor-title"]').inputValue()).toBe('Draft the Acme quarterly report');
    await closeDialogs(page);
    // Not a dialog: the conversation stays beside it.
    expect(await page.locator('[data-testid="tasks-panel"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="composer-input"]').isVisible()).toBe(true);

    // A knowledge document.
    const documentHits = await find(page, 'acme brief');
    expect(documentHits[0]).toMatch(/^document-/);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="knowledge-view"]').waitFor();
    await page.locator('[data-testid="knowledge-doc"]', { hasText: 'acme-brief.md' }).waitFor();
    await closeDialogs(page);

    // A digital human's profile, and the tasks and knowledge as actions.
    expect(await find(page, 'nova')).toEqual(expect.arrayContaining([expect.stringMatching(/^dh-profile-/)]));
    await page.locator('[data-testid^="palette-item-dh-profile-"]').click();
    await page.locator('[data-testid="dh-profile"]').waitFor();
    expect(await page.locator('[data-testid="dh-profile"] .side-panel__title').textContent()).toBe('Profile of Nova');
    expect(await find(page, 'tasks')).toContain('action-tasks');
    await page.click('[data-testid="palette-item-action-tasks"]');
    await page.locator('[data-testid="tasks-panel"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="tasks-panel"]').waitFor({ state: 'detached' });

    // A settings page found by a word that is not in its title.
    const settingsHits = await find(page, 'api key');
    expect(settingsHits[0]).toBe('settings-providers');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="settings-dialog"]').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('#settings-section-providers') !== null);
    await closeDialogs(page);

    // An action, by its initials.
    const actionHits = await find(page, 'new digital');
    expect(actionHits).toContain('action-new-dh');
    await page.click('[data-testid="palette-item-action-new-dh"]');
    await page.locator('[role="dialog"]', { hasText: /digital human/i }).first().waitFor();
    await closeDialogs(page);

    // "connect a model" is an action too, and a digital human is found by name.
    expect(await find(page, 'connect a model')).toContain('action-connect-model');
    await closeDialogs(page);
    expect((await find(page, 'nova'))[0]).toMatch(/^dh-/);
    await closeDialogs(page);

    await page.keyboard.press('Control+/');
    const sheet = page.locator('[data-testid="shortcut-sheet"]');
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('Ctrl+K');
    await closeDialogs(page);
  });
});
