/**
 * End to end: the connector catalogue of Settings → Connectors against the
 * real core of the browser host, a fake OAuth server, the fake Google API
 * and the fake EspoCRM over real HTTP, and the OS keychain. Connects Google
 * from the catalogue by a sign-in in the browser (the link the core
 * announced, followed in a new tab), sees the account and the granted
 * scopes in words, tests it, sees Microsoft 365 refused while Google holds
 * the calendar; adds EspoCRM with HMAC credentials (a name the core refuses
 * shown under its field, refused credentials not saved), tests it, lists its
 * operations, rotates with refused credentials (the old ones stay), removes
 * it; adds a custom API from its description file (a file that is not
 * JSON said under the field); cancels a sign-in (the core stops listening);
 * disconnects Google (revoked at the provider). The same in French. A
 * custom API whose description signs in by OAuth: client id and optional
 * secret, the sign-in cancelled then done in a new tab, the connection
 * signed in again from its card, and removed (revoked at the service).
 * Screenshots and axe at 1280 and 1024 px, light and dark. Needs
 * `npm run build` first, and a keychain (npm run test:e2e provides one).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkViews } from '../fixtures/checkViews';
import { startBearerFake } from '../fixtures/fakeBearerApi';
import { startFakeEspo } from '../fixtures/fakeEspoServer';
import { startFakeGoogle } from '../fixtures/fakeGoogleServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { invokeIn } from '../fixtures/roomsSession';
import { seriousA11yViolations } from '../fixtures/runAxe';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();
const DIALOG = '[data-testid="settings-dialog"]';
const id = (testId: string) => `[data-testid="${testId}"]`;

async function confirmIn(page: Page, testId: string, says: RegExp): Promise<void> {
  const dialog = page.locator(id(`${testId}-dialog`));
  await dialog.waitFor();
  expect(await dialog.textContent()).toMatch(says);
  await page.click(id(`${testId}-confirm`));
  await dialog.waitFor({ state: 'detached' });
}

describe('Settings → Connectors: the catalogue', () => {
  it('connects Google by browser sign-in and adds, tests, rotates and removes an EspoCRM connection', { timeout: 240_000 }, async () => {
    const as = await startFakeOAuthServer({ clientId: 'qwanyx-e2e-google', clientSecret: 'GOCSPX-e2e-desktop-secret' });
    const google = await startFakeGoogle({ acceptToken: (token) => as.validAccessToken(token), account: 'ada@acme.example' });
    const espo = await startFakeEspo({ keys: { espo_key_1: 'espo_secret_1' } });
    const { page, context } = await rooms.open(makeTempDir('qwanyx-catalogue-e2e-'));
    await page.click(id('open-settings'));
    await page.locator(id('connector-catalogue')).waitFor();
    await page.locator('#settings-section-connectors').scrollIntoViewIfNeeded();

    // Every service, with what its digital humans do and what waits for approval.
    const tiles = await page.locator('.connector-tile').allTextContents();
    expect(tiles).toHaveLength(8);
    for (const name of ['GitHub', 'Google (Calendar + Gmail)', 'Microsoft 365', 'Notion', 'EspoCRM', 'HubSpot', 'Custom REST API', 'MCP server']) expect(tiles.join('\n')).toContain(name);
    expect(await page.locator(id('catalogue-google')).textContent()).toMatch(/sending mail wait for approval/);
    expect(await page.locator(id('catalogue-espocrm-status')).textContent()).toBe('Not connected');

    // Google from the catalogue: its card opens with the sign-in form, focused on the client id.
    await page.click(id('catalogue-google-choose'));
    await page.locator(id('google-connect-form')).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('google-client-id');
    await page.click(id('google-connect'));
    // The client id the core requires is said under its field.
    await expect.poll(() => page.locator(id('google-client-id-error')).count()).toBe(1);
    expect(await page.getAttribute(id('google-client-id'), 'aria-invalid')).toBe('true');
    await page.fill(id('google-client-id'), 'qwanyx-e2e-google');
    // Google's desktop clients come with a secret: a password field, sent once, never shown back.
    expect(await page.getAttribute(id('google-client-secret'), 'type')).toBe('password');
    await page.fill(id('google-client-secret'), 'GOCSPX-e2e-desktop-secret');
    await page.click(`${id('google-connect-form')} .connector-form__more > summary`);
    await page.fill(id('google-authorize-url'), as.provider.authorizationEndpoint);
    await page.fill(id('google-token-url'), as.provider.tokenEndpoint);
    await page.fill(id('google-revoke-url'), as.provider.revocationEndpoint ?? '');
    await page.fill(id('google-api-url'), google.baseUrl);
    expect(await seriousA11yViolations(page, DIALOG)).toEqual([]);
    // Cancel stops the sign-in in the core too: the page the browser would come back from is closed, nothing is saved.
    await page.click(id('google-connect'));
    const firstLink = page.locator(id('google-oauth-link'));
    await firstLink.waitFor();
    const abandoned = await firstLink.getAttribute('href');
    await page.click(id('google-oauth-cancel'));
    await page.locator(id('google-oauth-waiting')).waitFor({ state: 'detached' });
    expect(await page.locator(id('google-connect-note')).textContent()).toBe('Sign-in cancelled. Nothing was saved.');
    await expect(fetch(abandoned ?? '')).rejects.toThrow();
    expect(await page.locator(id('connector-google')).getAttribute('data-state')).toBe('none');
    expect(as.liveRefreshTokens()).toEqual([]);

    await page.click(id('google-connect'));
    await page.locator(id('google-oauth-waiting')).waitFor();
    const link = page.locator(id('google-oauth-link'));
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    const card = page.locator(id('connector-google'));
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
    await tab.close();
    expect(await page.locator(id('connector-google-facts')).textContent()).toContain('Signed in as ada@acme.example');
    // No digital human has used it yet (connector.list's lastUsedAt is null).
    expect(await page.locator(id('connector-google-last-used')).textContent()).toBe('Never used');
    const scopes = await page.locator(id('connector-google-scopes')).textContent();
    expect(scopes).toContain('See and edit calendar events');
    expect(scopes).toContain('Write drafts and send mail');
    expect(scopes).not.toContain('googleapis.com');
    expect(await page.inputValue(id('google-client-secret')).catch(() => '')).toBe('');
    expect(await page.content()).not.toContain('GOCSPX-e2e-desktop-secret');
    expect(await page.locator(id('catalogue-google-status')).textContent()).toBe('Connected');
    await page.click(id('connector-google-test'));
    await expect.poll(() => page.locator(id('connector-google-test-result')).textContent()).toBe('Works: Google accepts the authorization of ada@acme.example.');

    // One calendar-and-mail account per workspace: Microsoft 365 says so instead of a form.
    await page.click(id('catalogue-microsoft-choose'));
    expect(await page.locator(id('connector-microsoft-one-only')).textContent()).toMatch(/disconnect Google \(Calendar \+ Gmail\) first/);
    expect(await page.locator(id('microsoft-connect-form')).count()).toBe(0);
    await page.click(id('connector-microsoft-close'));
    await page.locator(id('connector-microsoft')).waitFor({ state: 'detached' });

    // EspoCRM: HMAC key and secret in password fields.
    await page.click(id('catalogue-espocrm-choose'));
    const form = page.locator(id('rest-add-form'));
    await form.waitFor();
    expect(await page.inputValue(id('rest-name'))).toBe('espo');
    expect(await page.getAttribute(id('rest-secret-apiKey'), 'type')).toBe('password');
    expect(await page.getAttribute(id('rest-secret-secretKey'), 'type')).toBe('password');
    await page.fill(id('rest-name'), 'Espo CRM');
    await page.fill(id('rest-base-url'), espo.baseUrl);
    await page.fill(id('rest-secret-apiKey'), 'espo_key_1');
    await page.fill(id('rest-secret-secretKey'), 'espo_wrong_secret');
    await page.click(id('rest-add-save'));
    // The name the core refuses is said under the name field.
    await expect.poll(() => page.locator(id('rest-name-error')).textContent()).toMatch(/lowercase letters/);
    expect(await page.getAttribute(id('rest-name'), 'aria-invalid')).toBe('true');
    await page.locator(id('rest-add-form')).scrollIntoViewIfNeeded();
    expect(await checkViews(page, 'connector-rest-form', DIALOG)).toEqual([]);
    await page.fill(id('rest-name'), 'espo');
    await page.click(id('rest-add-save'));
    await expect.poll(() => page.locator(id('rest-add-error')).count()).toBe(1);
    expect(await page.locator(id('rest-card-espo')).count()).toBe(0);
    await page.fill(id('rest-secret-secretKey'), 'espo_secret_1');
    await page.click(id('rest-add-save'));
    const espoCard = page.locator(id('rest-card-espo'));
    await espoCard.waitFor();
    await form.waitFor({ state: 'detached' });
    expect(await espoCard.getAttribute('data-state')).toBe('connected');
    const facts = await page.locator(id('rest-facts-espo')).textContent();
    expect(facts).toContain(espo.baseUrl);
    expect(facts).toContain('HMAC key and secret');
    expect(facts).toMatch(/16 operations \(8 ask first\)/);
    expect(await page.locator(id('catalogue-espocrm-status')).textContent()).toBe('1 connected');
    expect(await page.content()).not.toContain('espo_secret_1');

    await page.click(id('rest-test-espo'));
    await expect.poll(() => page.locator(id('rest-test-result-espo')).textContent()).toBe('Works: espo accepts the saved credentials.');
    await page.click(id('rest-show-ops-espo'));
    const ops = await page.locator(id('rest-ops-espo')).textContent();
    expect(ops).toContain('list_accounts');
    expect(ops).toContain('create_account');

    await page.evaluate(() => document.getElementById('connector-catalogue-title')?.scrollIntoView({ block: 'start' }));
    expect(await checkViews(page, 'connector-catalogue', DIALOG)).toEqual([]);
    await page.evaluate(() => document.getElementById('connector-card-google')?.scrollIntoView({ block: 'start' }));
    expect(await checkViews(page, 'connector-cards', DIALOG)).toEqual([]);

    // Rotating with credentials EspoCRM refuses keeps the old ones.
    await page.click(id('rest-rotate-espo'));
    await page.fill(id('rest-new-espo-apiKey'), 'espo_key_1');
    await page.fill(id('rest-new-espo-secretKey'), 'not_the_secret');
    await page.click(id('rest-rotate-save-espo'));
    await expect.poll(() => page.locator(id('rest-rotate-error-espo')).count()).toBe(1);
    await page.click(`${id('rest-rotate-form-espo')} button:has-text("Cancel")`);
    await page.click(id('rest-test-espo'));
    await expect.poll(() => page.locator(id('rest-test-result-espo')).textContent()).toMatch(/^Works: /);

    await page.click(id('rest-remove-espo'));
    await confirmIn(page, 'rest-remove-espo', /keychain.*Nothing changes in EspoCRM/s);
    await espoCard.waitFor({ state: 'detached' });
    expect(await page.locator(id('catalogue-espocrm-status')).textContent()).toBe('Not connected');

    // A custom API from its description file: a file that is not JSON is said under the field; the
    // description's authentication (HMAC) is the one asked for.
    await page.click(id('catalogue-custom-choose'));
    await page.locator(id('rest-add-form')).waitFor();
    await page.setInputFiles(id('rest-spec-file'), { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a description') });
    await expect.poll(() => page.locator(id('rest-spec-file-error')).textContent()).toBe('That file is not JSON.');
    const description = {
      name: 'Back office',
      description: 'The accounts of the back office',
      auth: { kind: 'hmac' },
      health: { path: 'App/user' },
      operations: [{ name: 'get_account', description: 'One account by id.', method: 'GET', path: 'Account/{id}', kind: 'read', params: [{ name: 'id', in: 'path', type: 'string', required: true }] }],
    };
    await page.setInputFiles(id('rest-spec-file'), { name: 'backoffice.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(description)) });
    await expect.poll(() => page.locator(id('rest-add-form')).textContent()).toContain('Back office: 1 operation.');
    expect(await page.locator(id('rest-spec-file-error')).count()).toBe(0);
    expect(await page.inputValue(id('rest-name'))).toBe('back-office');
    expect(await page.locator(id('rest-auth-fixed')).textContent()).toContain('HMAC key and secret');
    await page.fill(id('rest-base-url'), espo.baseUrl);
    await page.fill(id('rest-secret-apiKey'), 'espo_key_1');
    await page.fill(id('rest-secret-secretKey'), 'espo_secret_1');
    await page.click(id('rest-add-save'));
    await page.locator(id('rest-card-back-office')).waitFor();
    expect(await page.locator(id('rest-facts-back-office')).textContent()).toMatch(/Description from backoffice\.json.*1 operation/s);
    expect(await page.locator(id('catalogue-custom-status')).textContent()).toBe('1 connected');

    // Disconnecting Google says what goes and revokes at the provider.
    expect(as.liveRefreshTokens()).toHaveLength(1);
    await page.click(id('connector-google-disconnect'));
    await confirmIn(page, 'connector-google-remove', /keychain.*revoked at Google/s);
    await expect.poll(() => card.getAttribute('data-state')).toBe('none');
    expect(as.liveRefreshTokens()).toEqual([]);
    await page.locator(id('google-connect-form')).waitFor();

    // In French.
    await invokeIn(page, 'settings.update', { language: 'fr' });
    await expect.poll(() => page.locator('#connector-catalogue-title').textContent()).toBe('Ajouter un connecteur');
    expect(await page.locator(id('catalogue-espocrm-status')).textContent()).toBe('Non connecté');
    expect(await page.locator(id('connector-google')).textContent()).toContain('Identifiant client de l’application OAuth');
    const workspaceId = (await invokeIn<{ id: string }[]>(page, 'workspace.list', {}))[0]!.id;
    await invokeIn(page, 'rest.remove', { workspaceId, name: 'back-office' });
    await page.locator(id('rest-card-back-office')).waitFor({ state: 'detached' });
  });
  it('adds a custom REST API that signs in by OAuth, signs it in again and removes it (revoked at the service)', { timeout: 240_000 }, async () => {
    const as = await startFakeOAuthServer({ clientId: 'shop-app' });
    const shop = await startBearerFake((token) => as.validAccessToken(token), { message: 'Invalid token' }, (req) =>
      req.path === '/api/me' ? { status: 200, body: { id: 'bot' } } : req.path.startsWith('/api/orders/') ? { status: 200, body: { total: 42 } } : null,
    );
    const { page, context } = await rooms.open(makeTempDir('qwanyx-rest-oauth-e2e-'));
    await page.click(id('open-settings'));
    await page.locator(id('connector-catalogue')).waitFor();
    await page.click(id('catalogue-custom-choose'));
    await page.locator(id('rest-add-form')).waitFor();
    const description = {
      name: 'Shop',
      auth: { kind: 'oauth', authorizationUrl: as.provider.authorizationEndpoint, tokenUrl: as.provider.tokenEndpoint, revocationUrl: as.provider.revocationEndpoint, scopes: ['orders.read'] },
      health: { path: 'me' },
      operations: [{ name: 'get_order', description: 'One order by id.', method: 'GET', path: 'orders/{id}', kind: 'read', params: [{ name: 'id', in: 'path', type: 'string', required: true }] }],
    };
    await page.setInputFiles(id('rest-spec-file'), { name: 'shop.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(description)) });
    await expect.poll(() => page.locator(id('rest-add-form')).textContent()).toContain('Shop: 1 operation.');
    expect(await page.inputValue(id('rest-name'))).toBe('shop');
    expect(await page.locator(id('rest-auth-fixed')).textContent()).toContain('Sign-in in the browser (OAuth)');
    expect(await page.getAttribute(id('rest-secret-clientSecret'), 'type')).toBe('password');
    expect(await page.locator(id('rest-add-save')).textContent()).toBe('Sign in in the browser');
    await page.fill(id('rest-base-url'), `${shop.baseUrl}/api`);
    await page.click(id('rest-add-save'));
    // The client id the core requires is said under its field.
    await expect.poll(() => page.locator(id('rest-secret-clientId-error')).textContent()).toMatch(/client id of the OAuth app is needed/);
    expect(await page.locator(id('rest-add-error')).count()).toBe(0);
    await page.fill(id('rest-secret-clientId'), 'shop-app');
    await page.locator(id('rest-add-form')).scrollIntoViewIfNeeded();
    expect(await checkViews(page, 'connector-rest-oauth-form', DIALOG)).toEqual([]);

    // Cancel stops the sign-in in the core too: nothing is saved.
    await page.click(id('rest-add-save'));
    const firstLink = page.locator(id('rest-oauth-link'));
    await firstLink.waitFor();
    const abandoned = await firstLink.getAttribute('href');
    await page.click(id('rest-oauth-cancel'));
    await page.locator(id('rest-oauth-waiting')).waitFor({ state: 'detached' });
    expect(await page.locator(id('rest-add-note')).textContent()).toBe('Sign-in cancelled. Nothing was saved.');
    await expect(fetch(abandoned ?? '')).rejects.toThrow();
    expect(await page.locator(id('rest-card-shop')).count()).toBe(0);

    await page.click(id('rest-add-save'));
    const link = page.locator(id('rest-oauth-link'));
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    const card = page.locator(id('rest-card-shop'));
    await card.waitFor({ timeout: 20_000 });
    await tab.close();
    expect(await card.getAttribute('data-state')).toBe('connected');
    expect(await page.locator(id('rest-facts-shop')).textContent()).toContain('Sign-in in the browser (OAuth)');
    expect(shop.requests.at(-1)?.authorization).toMatch(/^Bearer at_/);
    await page.click(id('rest-test-shop'));
    await expect.poll(() => page.locator(id('rest-test-result-shop')).textContent()).toBe('Works: shop accepts the saved credentials.');

    const firstGrant = as.liveRefreshTokens();
    expect(firstGrant).toHaveLength(1);

    // Its card signs in again instead of asking for keys.
    expect(await page.locator(id('rest-rotate-shop')).textContent()).toBe('Sign in again');
    await page.click(id('rest-rotate-shop'));
    await page.locator(id('rest-signin-form-shop')).waitFor();
    await page.locator(id('rest-signin-form-shop')).scrollIntoViewIfNeeded();
    expect(await checkViews(page, 'connector-rest-oauth-card', DIALOG)).toEqual([]);
    await page.click(id('rest-signin-shop'));
    const again = page.locator(id('rest-oauth-shop-link'));
    await again.waitFor();
    const [tab2] = await Promise.all([context.waitForEvent('page'), again.click()]);
    await page.locator(id('rest-signin-form-shop')).waitFor({ state: 'detached', timeout: 20_000 });
    await tab2.close();
    expect(as.requests.filter((r) => r.path === '/token' && r.params.grant_type === 'authorization_code')).toHaveLength(2);
    expect(await card.getAttribute('data-state')).toBe('connected');

    // In French, then removed: revoked at the service first.
    await invokeIn(page, 'settings.update', { language: 'fr' });
    await expect.poll(() => page.locator(id('rest-facts-shop')).textContent()).toContain('Connexion dans le navigateur (OAuth)');
    expect(await page.locator(id('rest-rotate-shop')).textContent()).toBe('Se reconnecter');
    await invokeIn(page, 'settings.update', { language: 'en' });
    // Signing in again replaces the grant in the keychain; the first one is not revoked (as for Google and Microsoft 365).
    const current = as.liveRefreshTokens().filter((t) => !firstGrant.includes(t));
    expect(current).toHaveLength(1);
    await page.click(id('rest-remove-shop'));
    await confirmIn(page, 'rest-remove-shop', /keychain.*revoked at Shop first/s);
    await card.waitFor({ state: 'detached' });
    expect(as.liveRefreshTokens()).not.toContain(current[0]);
    expect(as.requests.filter((r) => r.path === '/revoke').map((r) => r.params.token)).toContain(current[0]);
  });
});
