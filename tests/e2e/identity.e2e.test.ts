/**
 * End to end: one identity look. After a rename, a person's past messages
 * show the new name and initials, live, without a reload.
 * Needs `npm run build` first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createChannel, invokeIn, messageWith, post } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

/** Waits until message `id` shows `name` as its author (a function, not a string: the app's CSP refuses eval). */
function authorIs(page: Page, id: string, name: string, timeout = 5_000): Promise<unknown> {
  return page.waitForFunction(([messageId, author]) => document.querySelector(`[data-testid="message-${messageId}"] .msg__author`)?.textContent === author, [id, name] as const, { timeout });
}

describe('one identity look', () => {
  it('shows the author’s current name on past messages after a rename', async () => {
    const { page } = await rooms.open(makeTempDir('qwanyx-identity-e2e-'));
    await invokeIn(page, 'profile.update', { displayName: 'Camille Martin', email: '' });
    await createChannel(page, 'naming');
    const id = await post(page, 'Before the rename', 'composer', 'Before the rename');
    await authorIs(page, id, 'Camille Martin');
    expect(await page.locator(`[data-testid="message-${id}"] .person-avatar`).textContent()).toBe('CM');

    await invokeIn(page, 'profile.update', { displayName: 'Camille Durand', email: '' });
    await authorIs(page, id, 'Camille Durand', 10_000);
    expect(await page.locator(`[data-testid="message-${id}"] .person-avatar`).textContent()).toBe('CD');
    expect(await messageWith(page, 'Before the rename').getAttribute('aria-label')).toContain('Camille Durand');
  });
});
