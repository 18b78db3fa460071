/**
 * End to end: Settings → Connectors against the real core of the browser
 * host, a fake GitHub API and a fake OAuth server over real HTTP, the npm
 * memory MCP server over stdio and the OS keychain. Connects GitHub in the
 * browser (the sign-in link the core announced, followed by a new tab),
 * disconnects it (revoked at the provider); connects it with a token (a
 * refused one first), tests it, sees it turn "reconnect needed" live when
 * GitHub revokes the token, replaces the token, disconnects it; adds the
 * memory server with a secret variable and sees it run with its tools, and
 * a server whose program is missing fail with the reason; removes it.
 * The same in French. A digital human's GitHub write held in a room, from
 * sign-in to the run's status, is tests/e2e/githubDeploy.e2e.test.ts.
 * Screenshots and axe at 1280 and 1024 px, light and dark. Needs
 * `npm run build` first, and a keychain (npm run test:e2e provides one).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkViews } from '../fixtures/checkViews';
import { startFakeGithub } from '../fixtures/fakeGithubServer';
import { MEMORY_MCP_SERVER_BIN } from '../fixtures/fakeMcpServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { startGithubOAuthInSettings } from '../fixtures/githubOAuthForm';
import { invokeIn } from '../fixtures/roomsSession';
import { seriousA11yViolations } from '../fixtures/runAxe';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

const github = (page: Page) => page.locator('[data-testid="connector-github"]');

async function openConnectors(page: Page): Promise<void> {
  await page.click('[data-testid="open-settings"]');
  await page.locator('[data-testid="connectors-section"]').waitFor();
  await page.locator('#settings-section-connectors').scrollIntoViewIfNeeded();
}

async function confirmIn(page: Page, testId: string, says: RegExp): Promise<void> {
  const dialog = page.locator(`[data-testid="${testId}-dialog"]`);
  await dialog.waitFor();
  expect(await dialog.textContent()).toMatch(says);
  await page.click(`[data-testid="${testId}-confirm"]`);
  await dialog.waitFor({ state: 'detached' });
}

describe('Settings → Connectors', () => {
  it('connects GitHub by OAuth and by token, tests, rotates, disconnects; adds, starts and removes MCP servers', { timeout: 240_000 }, async () => {
    const as = await startFakeOAuthServer({ clientId: 'qwanyx-e2e-app' });
    const gh = await startFakeGithub({ tokens: { ghp_e2e_ada_token_1: 'ada-ops' }, acceptToken: (token) => as.validAccessToken(token) });
    const dir = makeTempDir('qwanyx-connectors-e2e-');
    const { page, context } = await rooms.open(dir);
    await openConnectors(page);
    expect(await github(page).getAttribute('data-state')).toBe('none');
    expect(await page.locator('[data-testid="connectors-mcp"]').textContent()).toContain('No MCP server yet.');
    // The connect form and the add-server form (both kinds) pass axe too.
    await page.click('[data-testid="mcp-add"]');
    await page.click('[data-testid="mcp-env-add"]');
    expect(await seriousA11yViolations(page, '[data-testid="settings-dialog"]')).toEqual([]);
    await page.click('[data-testid="mcp-transport-http"]');
    await page.click('[data-testid="mcp-header-add"]');
    expect(await page.getAttribute('[data-testid="mcp-header-value-0"]', 'type')).toBe('password');
    expect(await seriousA11yViolations(page, '[data-testid="settings-dialog"]')).toEqual([]);
    await page.click('[data-testid="mcp-add-form"] button:has-text("Cancel")');

    // OAuth in the browser: the core announces the sign-in page; its link opens in a new tab, which comes back to the app.
    await startGithubOAuthInSettings(page, { provider: as.provider, apiUrl: gh.apiUrl });
    await page.locator('[data-testid="github-oauth-waiting"]').waitFor();
    expect(await page.locator('[data-testid="github-oauth-waiting"]').textContent()).toContain('Waiting for the browser');
    const link = page.locator('[data-testid="github-oauth-link"]');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await expect.poll(() => github(page).getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
    await tab.close();
    expect(await page.locator('[data-testid="connector-github-facts"]').textContent()).toContain('browser sign-in');
    expect(await page.locator('[data-testid="github-oauth-waiting"]').count()).toBe(0);
    expect(as.liveRefreshTokens()).toHaveLength(1);

    // Disconnecting says what goes and revokes at the provider.
    await page.click('[data-testid="connector-github-disconnect"]');
    await confirmIn(page, 'connector-github-remove', /keychain.*revoked at the provider/s);
    await expect.poll(() => github(page).getAttribute('data-state')).toBe('none');
    expect(as.liveRefreshTokens()).toEqual([]);

    // A token GitHub refuses is not saved; the right one connects.
    await page.click('[data-testid="github-method-token"]');
    expect(await page.getAttribute('[data-testid="github-token"]', 'type')).toBe('password');
    await page.fill('[data-testid="github-token"]', 'ghp_not_a_known_token');
    await page.fill('[data-testid="github-api-url"]', gh.apiUrl);
    await page.click('[data-testid="github-connect"]');
    await expect.poll(() => page.locator('[data-testid="github-connect-error"]').textContent()).toMatch(/Bad credentials/);
    expect(await github(page).getAttribute('data-state')).toBe('none');
    await page.fill('[data-testid="github-token"]', 'ghp_e2e_ada_token_1');
    await page.click('[data-testid="github-connect"]');
    await expect.poll(() => github(page).getAttribute('data-state')).toBe('connected');
    const facts = await page.locator('[data-testid="connector-github-facts"]').textContent();
    expect(facts).toContain('as ada-ops');
    expect(facts).toContain('Scopes: repo, workflow');
    expect(facts).toMatch(/\d+ tools/);
    expect(await page.content()).not.toContain('ghp_e2e_ada_token_1');

    await page.click('[data-testid="connector-github-test"]');
    await expect.poll(() => page.locator('[data-testid="connector-github-test-result"]').textContent()).toContain('Works: GitHub accepts the credentials of ada-ops');

    // MCP: the npm memory server, with a plain and a secret variable.
    await page.click('[data-testid="mcp-add"]');
    await page.fill('[data-testid="mcp-name"]', 'notes');
    await page.fill('[data-testid="mcp-command"]', MEMORY_MCP_SERVER_BIN);
    await page.click('[data-testid="mcp-env-add"]');
    await page.fill('[data-testid="mcp-env-name-0"]', 'MEMORY_FILE_PATH');
    await page.fill('[data-testid="mcp-env-value-0"]', path.join(dir, 'notes.jsonl'));
    await page.click('[data-testid="mcp-env-add"]');
    await page.fill('[data-testid="mcp-env-name-1"]', 'NOTES_TOKEN');
    await page.check('[data-testid="mcp-env-secret-1"]');
    expect(await page.getAttribute('[data-testid="mcp-env-value-1"]', 'type')).toBe('password');
    await page.fill('[data-testid="mcp-env-value-1"]', 'secret-notes-value');
    await page.click('[data-testid="mcp-add-save"]');
    const notes = page.locator('[data-testid="mcp-server-notes"]');
    await notes.waitFor();
    expect(await notes.getAttribute('data-status')).toBe('stopped');
    expect(await notes.textContent()).toContain('No tools listed yet');
    await page.click('[data-testid="mcp-show-tools-notes"]');
    await page.locator('[data-testid="mcp-tools-notes"]').waitFor();
    expect(await page.locator('[data-testid="mcp-tools-notes"]').textContent()).toContain('search_nodes');
    // Live: mcp.changed says it runs, and the view's tool count follows.
    await expect.poll(() => notes.getAttribute('data-status')).toBe('running');
    await expect.poll(() => page.locator('[data-testid="mcp-tools-count-notes"]').textContent()).toMatch(/^\d+ tools/);
    expect(await page.content()).not.toContain('secret-notes-value');

    // A server whose program is missing fails, with the reason in plain words.
    await page.click('[data-testid="mcp-add"]');
    await page.fill('[data-testid="mcp-name"]', 'missing');
    await page.fill('[data-testid="mcp-command"]', 'qwanyx-no-such-mcp-server');
    await page.click('[data-testid="mcp-add-save"]');
    await page.locator('[data-testid="mcp-server-missing"]').waitFor();
    await page.click('[data-testid="mcp-restart-missing"]');
    await expect.poll(() => page.locator('[data-testid="mcp-server-missing"]').getAttribute('data-status')).toBe('failed');
    await expect.poll(() => page.locator('[data-testid="mcp-error-missing"]').textContent()).toMatch(/was not found on this computer/);

    await page.click('[data-testid="mcp-show-tools-notes"]');
    await page.locator('[data-testid="mcp-tools-notes"]').waitFor({ state: 'detached' });
    await page.evaluate(() => document.getElementById('settings-section-connectors')?.scrollIntoView({ block: 'start' }));
    const shots = process.env.QWANYX_SCREENSHOT_DIR;
    expect(await checkViews(page, 'connectors', '[data-testid="settings-dialog"]')).toEqual([]);
    if (shots) expect(fs.existsSync(path.join(shots, 'connectors-1024-dark.png'))).toBe(true);

    // GitHub revokes the token: a test says so and the card turns "reconnect needed" live; a new token brings it back.
    gh.revoke('ghp_e2e_ada_token_1');
    await page.click('[data-testid="connector-github-test"]');
    await expect.poll(() => page.locator('[data-testid="connector-github-test-result"]').textContent()).toMatch(/^Failed: /);
    await expect.poll(() => github(page).getAttribute('data-state')).toBe('reconnect');
    expect(await page.locator('[data-testid="connector-github-state"]').textContent()).toBe('Reconnect needed');
    expect(await page.locator('[data-testid="connector-github-reason"]').textContent()).toMatch(/GitHub refused the saved credentials/);
    gh.addToken('ghp_e2e_ada_token_2', 'ada-ops');
    await page.click('[data-testid="connector-github-rotate"]');
    await page.fill('[data-testid="github-new-token"]', 'ghp_e2e_ada_token_2');
    await page.click('[data-testid="github-rotate-save"]');
    await expect.poll(() => github(page).getAttribute('data-state')).toBe('connected');

    await page.click('[data-testid="connector-github-disconnect"]');
    await confirmIn(page, 'connector-github-remove', /token in this device’s keychain/);
    await expect.poll(() => github(page).getAttribute('data-state')).toBe('none');
    await page.locator('[data-testid="github-connect-form"]').waitFor();

    await page.click('[data-testid="mcp-remove-notes"]');
    await confirmIn(page, 'mcp-remove-notes', /keychain \(NOTES_TOKEN\)/);
    await page.locator('[data-testid="mcp-server-notes"]').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="mcp-server-missing"]').count()).toBe(1);

    // In French.
    await invokeIn(page, 'settings.update', { language: 'fr' });
    await expect.poll(() => page.locator('[data-testid="connector-github-state"]').textContent()).toBe('Non connecté');
    expect(await page.locator('#settings-section-connectors h3').textContent()).toBe('Connecteurs');
    expect(await page.locator('[data-testid="mcp-status-missing"]').textContent()).toBe('En échec');
  });
});
