/**
 * End to end: the "Model provider" section of the settings against the real
 * browser host and a fake OpenAI-compatible server. Choosing a server,
 * saving an API key (write-only: the page never shows it again), testing the
 * connection, seeing the tokens the test used, and a server that went down.
 * Needs `npm run build` first (the host serves out/renderer).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { launchChromium } from '../fixtures/launchChromium';
import { startWebHost, type RunningWebHost } from '../fixtures/startWebHost';
import { makeTempDir } from '../fixtures/tempDir';

const KEY = 'sk-e2e-SECRET-0123456789';

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

async function openSettings(): Promise<Page> {
  host = await startWebHost(makeTempDir('qwanyx-e2e-'));
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(host.url);
  await page.locator('[data-testid="workspace-title"]').waitFor();
  await page.click('[data-testid="open-settings"]');
  await page.locator('[data-testid="provider-section"]').waitFor();
  // A workspace of its own provider (not one of the device's connections).
  await page.selectOption('[data-testid="workspace-model-choice"]', 'own');
  return page;
}

describe('model provider settings', () => {
  it('saves a provider and its key, tests the connection and shows the tokens used', async () => {
    const llm = await startFakeOpenAi({ apiKey: KEY });
    const page = await openSettings();
    await expect(page.locator('[data-testid="provider-not-set"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-testid="provider-test-run"]').isDisabled()).resolves.toBe(true);

    await page.selectOption('[data-testid="provider-preset"]', 'custom');
    await page.fill('[data-testid="provider-base-url"]', llm.baseUrl);
    await page.fill('[data-testid="provider-chat-model"]', 'fake-chat');
    await page.fill('[data-testid="provider-embeddings-model"]', 'fake-embed');
    const keychain = await page.locator('[data-testid="provider-api-key"]').isEnabled();
    if (keychain) await page.fill('[data-testid="provider-api-key"]', KEY);
    await page.click('[data-testid="provider-save"]');
    await page.locator('[data-testid="provider-saved"]').waitFor();
    await expect(page.locator('[data-testid="provider-not-set"]').count()).resolves.toBe(0);

    if (keychain) {
      await page.locator('[data-testid="provider-api-key-saved"]').waitFor();
      await expect(page.inputValue('[data-testid="provider-api-key"]')).resolves.toBe('');
      expect(await page.content()).not.toContain('SECRET');

      await page.click('[data-testid="provider-test-run"]');
      const ok = page.locator('[data-testid="provider-test-ok"]');
      await ok.waitFor();
      expect(await ok.textContent()).toMatch(/Connected: the model answered in \d+ ms\.\s*2 models available\./);
      await page.locator('[data-testid="token-usage-row"]').first().waitFor();
      const rows = await page.locator('[data-testid="token-usage-row"]').allTextContents();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatch(/None \(tests, embeddings\)fake-chat, fake-embed/);
    }

    await llm.down();
    await page.click('[data-testid="provider-test-run"]');
    const failed = page.locator('[data-testid="provider-test-failed"]');
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(keychain ? /Connection failed.*Nothing answers at http:\/\/127\.0\.0\.1:\d+\./ : /needs an API key|Connection failed/);
    // The technical sentence, behind "Details".
    if (keychain) expect(await page.locator('[data-testid="provider-test-details"]').textContent()).toMatch(/Cannot reach the model server at 127\.0\.0\.1:\d+/);
  });

  it('fills the address and model from a preset and refuses an address with a password', async () => {
    const page = await openSettings();
    await page.selectOption('[data-testid="provider-preset"]', 'mistral');
    await expect(page.inputValue('[data-testid="provider-base-url"]')).resolves.toBe('https://api.mistral.ai/v1');
    await expect(page.inputValue('[data-testid="provider-chat-model"]')).resolves.toBe('mistral-small-latest');
    await page.fill('[data-testid="provider-base-url"]', 'https://me:hunter2@api.example.com/v1');
    await page.click('[data-testid="provider-save"]');
    const error = page.locator('[data-testid="provider-error"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/no password in it/);
  });
});
