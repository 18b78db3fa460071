/**
 * End to end: one identity look. After a rename, a person's past messages
 * show the new name and initials, live, without a reload.
 * Needs `npm run build` first.
 */
import { describe, expect, it } from 'vitest';
import { createChannel, invokeIn, messageWith, post } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

function authorIs(id: string, name: string): string {
  return `document.querySelector('[data-testid="message-${id}"] .msg__author')?.textContent === ${JSON.stringify(name)}`;
}

describe('one identity look', () => {
  it('shows the author’s current name on past messages after a rename', async () => {
    const { page } = await rooms.open(makeTempDir('qwanyx-identity-e2e-'));
    await invokeIn(page, 'profile.update', { displayName: 'Camille Martin', email: '' });
    await createChannel(page, 'naming');
    const id = await post(page, 'Before the rename', 'composer', 'Before the rename');
    await page.waitForFunction(authorIs(id, 'Camille Martin'));
    expect(await page.locator(`[data-testid="message-${id}"] .person-avatar`).textContent()).toBe('CM');

    await invokeIn(page, 'profile.update', { displayName: 'Camille Durand', email: '' });
    await page.waitForFunction(authorIs(id, 'Camille Durand'), null, { timeout: 10_000 });
    expect(await page.locator(`[data-testid="message-${id}"] .person-avatar`).textContent()).toBe('CD');
    expect(await messageWith(page, 'Before the rename').getAttribute('aria-label')).toContain('Camille Durand');
  });
});
