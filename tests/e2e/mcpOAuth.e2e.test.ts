/**
 * End to end: Settings → Connectors adds a remote MCP server that signs in
 * with OAuth, against the real core of the browser host, a real MCP server
 * over Streamable HTTP that requires bearer tokens, and a real local
 * authorization server with dynamic registration. The sign-in link the core
 * announced is followed in a new tab; the card says "Signed in" and lists
 * the tools; once the grant is revoked it says "Needs sign-in" with why, and
 * "Sign in" brings it back. In French too. Screenshots and axe at 1280 and
 * 1024 px, light and dark. Needs `npm run build` first, and a keychain.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkViews } from '../fixtures/checkViews';
import { startFakeMcpOAuthHttp } from '../fixtures/fakeMcpOAuthServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { invokeIn } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

async function openConnectors(page: Page): Promise<void> {
  await page.click('[data-testid="open-settings"]');
  await page.locator('[data-testid="connectors-section"]').waitFor();
  await page.locator('#settings-section-connectors').scrollIntoViewIfNeeded();
}

describe('Settings → Connectors: an MCP server that signs in with OAuth', () => {
  it('adds it, signs in in the browser, lists its tools, shows "needs sign-in" once revoked and signs in again', { timeout: 180_000 }, async () => {
    const as = await startFakeOAuthServer({ registration: true });
    const mcp = await startFakeMcpOAuthHttp(as);
    const dir = makeTempDir('qwanyx-mcp-oauth-e2e-');
    const { page, context } = await rooms.open(dir);
    await openConnectors(page);

    await page.click('[data-testid="mcp-add"]');
    await page.fill('[data-testid="mcp-name"]', 'notes');
    await page.click('[data-testid="mcp-transport-http"]');
    await page.fill('[data-testid="mcp-url"]', mcp.url);
    await page.check('[data-testid="mcp-oauth"]');
    await page.locator('[data-testid="mcp-client-id"]').waitFor();
    await page.locator('[data-testid="mcp-add-form"]').scrollIntoViewIfNeeded();
    expect(await checkViews(page, 'connectors-mcp-oauth-form', '[data-testid="settings-dialog"]')).toEqual([]);

    // The core announces the sign-in page; its link opens in a new tab, which comes back to the app.
    await page.click('[data-testid="mcp-add-save"]');
    const link = page.locator('[data-testid="mcp-oauth-link"]');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${as.baseUrl}/authorize\\?`));
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    const card = page.locator('[data-testid="mcp-server-notes"]');
    await card.waitFor();
    await expect.poll(() => page.locator('[data-testid="mcp-oauth-state-notes"]').textContent(), { timeout: 20_000 }).toBe('Signed in');
    await tab.close();
    expect(as.registeredClients()).toHaveLength(1);

    await page.click('[data-testid="mcp-show-tools-notes"]');
    await page.locator('[data-testid="mcp-tools-notes"]').waitFor();
    expect(await page.locator('[data-testid="mcp-tools-notes"]').textContent()).toContain('echo');

    // Revoked at the authorization server: the next start fails, and the card asks for a sign-in, saying why.
    as.revokeAll();
    await page.click('[data-testid="mcp-show-tools-notes"]');
    await page.click('[data-testid="mcp-restart-notes"]');
    await expect.poll(() => page.locator('[data-testid="mcp-oauth-state-notes"]').textContent(), { timeout: 20_000 }).toBe('Needs sign-in');
    expect(await page.locator('[data-testid="mcp-oauth-fact-notes"]').textContent()).toMatch(/Sign in needed: .*no longer accepts/);
    expect(await page.locator('[data-testid="mcp-error-notes"]').textContent()).toContain('needs you to sign in again');
    await card.scrollIntoViewIfNeeded();
    expect(await checkViews(page, 'connectors-mcp-oauth-card', '[data-testid="settings-dialog"]')).toEqual([]);

    await page.click('[data-testid="mcp-signin-notes"]');
    const again = page.locator('[data-testid="mcp-oauth-notes-link"]');
    await again.waitFor();
    const [tab2] = await Promise.all([context.waitForEvent('page'), again.click()]);
    await expect.poll(() => page.locator('[data-testid="mcp-oauth-state-notes"]').textContent(), { timeout: 20_000 }).toBe('Signed in');
    await tab2.close();
    expect(await page.locator('[data-testid="mcp-signin-notes"]').textContent()).toBe('Sign in again');

    await invokeIn(page, 'settings.update', { language: 'fr' });
    await expect.poll(() => page.locator('[data-testid="mcp-oauth-state-notes"]').textContent()).toBe('Connecté');
    expect(await page.locator('[data-testid="mcp-signin-notes"]').textContent()).toBe('Se reconnecter');
  });
});
