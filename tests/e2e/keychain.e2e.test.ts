/**
 * End to end: with no Secret Service answering (the session bus points
 * nowhere), the browser host's warning says in plain words that keys are not
 * stored and how to fix it on Linux, in English and French, offers Retry,
 * and keeps the system's DBus message behind "Details". Needs `npm run build`.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkViews } from '../fixtures/checkViews';
import { launchChromium } from '../fixtures/launchChromium';
import { invokeIn } from '../fixtures/roomsSession';
import { startWebHost, type RunningWebHost } from '../fixtures/startWebHost';
import { makeTempDir } from '../fixtures/tempDir';

let browser: Browser;
let host: RunningWebHost | null = null;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await context?.close();
  await host?.stop();
});

describe('the missing-keychain warning', () => {
  it('explains, tells the Linux fix in EN and FR, retries, and hides the DBus error behind Details', async () => {
    host = await startWebHost(makeTempDir('qwanyx-keychain-e2e-'), { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/qwanyx-bus' });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(host.url);
    const banner = page.locator('[data-testid="keychain-banner"]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('API keys and passwords cannot be saved on this device.');
    expect(await page.locator('[data-testid="keychain-fix"]').textContent()).toContain('GNOME Keyring (package gnome-keyring) or KWallet');
    // The system's message only behind "Details", closed.
    const details = page.locator('[data-testid="keychain-details"]');
    expect(await details.getAttribute('open')).toBeNull();
    expect(await details.locator('p').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="keychain-banner"] > .banner__text > p').allTextContents()).not.toContainEqual(expect.stringMatching(/DBus|DBUS/));
    expect(await checkViews(page, 'keychain-warning', '[data-testid="keychain-banner"]')).toEqual([]);

    await page.click('[data-testid="keychain-retry"]');
    await expect.poll(() => page.locator('[data-testid="keychain-note"]').textContent()).toBe('Still no keychain answering.');

    await invokeIn(page, 'settings.update', { language: 'fr' });
    await expect.poll(() => banner.textContent()).toContain('Les clés d’API et mots de passe ne peuvent pas être enregistrés sur cet appareil.');
    expect(await page.locator('[data-testid="keychain-fix"]').textContent()).toContain('GNOME Keyring (paquet gnome-keyring) ou KWallet');
    expect(await page.locator('[data-testid="keychain-retry"]').textContent()).toBe('Réessayer');
    expect(await details.locator('summary').textContent()).toBe('Détails');
  });
});
