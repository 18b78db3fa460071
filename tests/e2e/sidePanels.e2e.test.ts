/**
 * End to end: tasks, knowledge and a digital human's profile open beside
 * the room, not over it. Each is a named complementary landmark that takes
 * the focus on its heading; the conversation stays visible and usable (the
 * composer keeps at least 360 px, at 1280 and at 1024 px where the sidebar
 * steps aside); Esc closes it and the focus goes back to what opened it.
 * A muted room and a muted workspace show a crossed-out bell with a name.
 * Screenshots at 1280 and 1024 px, light and dark, with axe-core on each.
 * In Chromium against the browser host. Needs `npm run build` first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DigitalHuman } from '../../src-main/common/contract';
import { checkViews } from '../fixtures/checkViews';
import { resetView, seedShowcase } from '../fixtures/mainViews';
import { invokeIn } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

/** The width of the room's composer and how far the document scrolls sideways. */
async function roomFit(page: Page): Promise<{ composer: number; scrollWidth: number; dialogs: number }> {
  // Measured once the panel has slid in (it starts 12 px to the right).
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))));
  const box = await page.locator('[data-testid="room-view"] [data-testid="composer-input"]').boundingBox();
  return {
    composer: Math.round(box?.width ?? 0),
    scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth),
    dialogs: await page.locator('[role="dialog"]').count(),
  };
}

/** The focused element's test id, else its text (polled: focus moves in effects that run after the DOM changes). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? el?.textContent ?? '';
  });
}

describe('views beside the room', () => {
  it('opens tasks, knowledge and a profile as side panels that leave the conversation usable', { timeout: 240_000 }, async () => {
    const dataDir = makeTempDir('qwanyx-side-panels-e2e-');
    const showcase = await seedShowcase(dataDir);
    const { page } = await rooms.open(dataDir);
    await resetView(page, showcase);

    // Tasks from the sidebar, at 1280: a landmark named by its heading, focused; no dialog.
    await page.click('[data-testid="open-tasks"]');
    const tasks = page.getByRole('complementary', { name: 'Tasks' });
    await tasks.waitFor();
    await page.locator('[data-testid="task-board"]').waitFor();
    await expect.poll(() => focused(page)).toBe('Tasks');
    // The sidebar's link says which view is beside the room.
    expect(await page.locator('[data-testid="open-tasks"]').getAttribute('aria-current')).toBe('true');
    expect(await page.locator('[data-testid="open-knowledge"]').getAttribute('aria-current')).toBeNull();
    let fit = await roomFit(page);
    expect(fit.dialogs).toBe(0);
    expect(fit.composer).toBeGreaterThanOrEqual(360);
    expect(fit.scrollWidth).toBeLessThanOrEqual(1280);
    // The conversation is usable meanwhile: a message posted with the panel open.
    await page.locator('[data-testid="room-view"] [data-testid="composer-input"]').fill('Posted with the tasks open');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="room-view"] article[data-message-id]', { hasText: 'Posted with the tasks open' }).waitFor();
    // Switching rooms keeps the view; Esc inside it closes it and the focus goes back to the sidebar's link.
    expect(await tasks.isVisible()).toBe(true);
    await tasks.locator('[data-testid="tasks-scope"]').focus();
    await page.keyboard.press('Escape');
    await tasks.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('open-tasks');
    expect(await page.locator('[data-testid="open-tasks"]').getAttribute('aria-current')).toBeNull();

    // Knowledge at 1024 × 700: the sidebar steps aside, the room keeps its composer wide.
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.click('[data-testid="open-knowledge"]');
    const knowledge = page.getByRole('complementary', { name: 'Workspace knowledge' });
    await knowledge.waitFor();
    await page.locator('[data-testid="knowledge-doc"]').first().waitFor();
    fit = await roomFit(page);
    expect(fit.composer).toBeGreaterThanOrEqual(360);
    expect(fit.scrollWidth).toBeLessThanOrEqual(1024);
    const panelBox = await knowledge.boundingBox();
    expect(panelBox!.x + panelBox!.width).toBeLessThanOrEqual(1024);
    console.info(`side panel at 1024 px: composer ${fit.composer} px, panel ${Math.round(panelBox!.width)} px`);
    await page.click('[data-testid="knowledge-view-close"]');
    await knowledge.waitFor({ state: 'detached' });
    // The sidebar is back, with the focus on the link that opened the view.
    await expect.poll(() => focused(page)).toBe('open-knowledge');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Each view, at 1280 and 1024 px in both themes: screenshots and axe-core.
    await page.click('[data-testid="open-tasks"]');
    await page.locator('[data-testid="task-board"]').waitFor();
    expect(await checkViews(page, 'side-tasks')).toEqual([]);
    await page.click('[data-testid="open-knowledge"]');
    await page.locator('[data-testid="knowledge-view"] [data-testid="knowledge-doc"]').first().waitFor();
    expect(await checkViews(page, 'side-knowledge')).toEqual([]);

    // A digital human's profile from its menu: saved in place, the panel stays.
    await page.click(`[data-testid="dh-menu-${showcase.dhHandle}"]`);
    await page.click('[data-testid="dh-menu-edit"]');
    const profile = page.getByRole('complementary', { name: 'Profile of Nova' });
    await profile.waitFor();
    expect(await checkViews(page, 'side-dh-profile')).toEqual([]);
    await page.fill('[data-testid="dh-title"]', 'Account assistant');
    await page.click('[data-testid="edit-dh-submit"]');
    await expect.poll(() => page.locator('[data-testid="dh-profile-status"]').textContent()).toBe('Changes saved.');
    expect(await profile.isVisible()).toBe(true);
    const [dh] = await invokeIn<DigitalHuman[]>(page, 'dh.list', { workspaceId: showcase.workspaceId });
    expect(dh!.title).toBe('Account assistant');
    await page.keyboard.press('Escape');
    await profile.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe(`dh-menu-${showcase.dhHandle}`);
  });

  it('marks a muted room and a muted workspace with a named crossed-out bell', { timeout: 120_000 }, async () => {
    const dataDir = makeTempDir('qwanyx-muted-e2e-');
    const showcase = await seedShowcase(dataDir);
    const { page } = await rooms.open(dataDir);
    await resetView(page, showcase);

    await page.click('[data-testid="room-mute"]');
    const roomMark = page.locator(`[data-testid="room-muted-${showcase.roomId}"]`);
    await roomMark.waitFor();
    expect(await roomMark.getAttribute('role')).toBe('img');
    expect(await roomMark.getAttribute('aria-label')).toBe('muted');
    expect(await page.locator(`[data-testid="room-item-${showcase.roomId}"]`).getAttribute('aria-label')).toContain('muted');

    const ws = showcase.workspaceId;
    await page.click(`[data-testid="workspace-menu-${ws}"]`);
    await page.click('[data-testid="workspace-menu-mute"]');
    const tileMark = page.getByRole('img', { name: /^Notifications off for / });
    await tileMark.waitFor();
    expect(await page.locator(`[data-testid="workspace-muted-${ws}"]`).count()).toBe(1);
    expect(await checkViews(page, 'muted')).toEqual([]);

    // Turned back on: the marks go.
    await page.click(`[data-testid="workspace-menu-${ws}"]`);
    await page.click('[data-testid="workspace-menu-mute"]');
    await tileMark.waitFor({ state: 'detached' });
    await page.click('[data-testid="room-mute"]');
    await roomMark.waitFor({ state: 'detached' });
  });
});
