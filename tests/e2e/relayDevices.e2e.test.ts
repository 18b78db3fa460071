/**
 * End to end: Settings → Sync lists the devices signed in with the relay
 * account (this one marked), Revoke signs another device out of the relay at
 * once (its next call is refused), and Sign out revokes this device on the
 * relay before forgetting it. Screenshots at 1280 and 1024 px, light and
 * dark, with axe-core. Needs `npm run build` first and a keychain.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RelayDevice } from '../../src-main/common/contract';
import { checkViews } from '../fixtures/checkViews';
import { launchChromium } from '../fixtures/launchChromium';
import { makeCore } from '../fixtures/makeCore';
import { invokeIn } from '../fixtures/roomsSession';
import { startWebHost, type RunningWebHost } from '../fixtures/startWebHost';
import { FAST_SYNC, signIn, startRestartableRelay } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';

let browser: Browser;
let host: RunningWebHost | null = null;
let context: BrowserContext | null = null;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await context?.close();
  context = null;
  await host?.stop();
  host = null;
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('relay devices in Settings → Sync', () => {
  it('lists the devices, revokes another one at once, and signs out by revoking this one', async () => {
    const relay = await startRestartableRelay();
    const phone = await makeCore({ sync: FAST_SYNC });
    await signIn(phone, relay, 'ada@example.com');

    host = await startWebHost(makeTempDir('qwanyx-e2e-devices-'));
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(host.url);
    await page.locator('[data-testid="workspace-title"]').waitFor();
    await invokeIn(page, 'relay.requestCode', { url: relay.url, email: 'ada@example.com' });
    await invokeIn(page, 'relay.signIn', { url: relay.url, email: 'ada@example.com', code: relay.current().lastCode('ada@example.com') });

    await page.keyboard.press('Control+,');
    await page.locator('[data-testid="settings-dialog"]').waitFor();
    const items = page.locator('[data-testid="relay-device"]');
    await items.nth(1).waitFor();
    expect(await items.count()).toBe(2);
    expect(await page.locator('[data-testid="relay-device"][data-current="true"]').count()).toBe(1);
    await page.locator('[data-testid="relay-devices"]').scrollIntoViewIfNeeded();
    expect(await checkViews(page, 'settings-sync-devices', '[data-testid="settings-dialog"]')).toEqual([]);

    // Revoke the phone: the relay refuses it at once.
    await page.click('[data-testid="relay-device"][data-current="false"] [data-testid="relay-device-revoke"]');
    await page.locator('[data-testid="relay-device"]').nth(1).waitFor({ state: 'detached' });
    expect(await items.count()).toBe(1);
    const refused = await phone.core.dispatch('relay.devices', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'RELAY_REFUSED' } });

    // Sign out: revoked on the relay, then forgotten here.
    const tablet = await makeCore({ sync: FAST_SYNC });
    await signIn(tablet, relay, 'ada@example.com');
    await page.click('[data-testid="relay-sign-out"]');
    await page.locator('[data-testid="relay-account"]').waitFor({ state: 'detached' });
    const left = await tablet.call<RelayDevice[]>('relay.devices', {});
    expect(left.map((d) => d.current)).toEqual([true]);
  });
});
