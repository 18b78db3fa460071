/**
 * End to end: the browser host only serves pages that hold its per-run secret
 * and come from its own origin. Needs `npm run build` first.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/launchChromium';
import { startWebHost, type RunningWebHost } from '../fixtures/startWebHost';

let browser: Browser;
let host: RunningWebHost;
let dataDir: string;
let other: http.Server;
let otherOrigin: string;

beforeAll(async () => {
  browser = await launchChromium();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qwanyx-e2e-sec-'));
  // The shipped command itself (tsx on the sources), not the run's prebuilt host: its start is checked here.
  host = await startWebHost(dataDir, {}, { viaBin: true });
  // A page on another origin (another port of the same machine), as a malicious site would be.
  other = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<title>elsewhere</title>'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  other?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Opens a WebSocket to the host's RPC endpoint from inside `page`; resolves how it ended. */
async function tryRpc(page: Page, secret: string | null): Promise<{ outcome: string; code: number }> {
  return page.evaluate(
    ({ url, secret }) =>
      new Promise<{ outcome: string; code: number }>((resolve) => {
        const protocols = ['qwanyx-rpc.v1', ...(secret ? [`secret.${secret}`] : [])];
        const ws = new WebSocket(url, protocols);
        let opened = false;
        ws.onopen = () => {
          opened = true;
          ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'workspace.list', input: {} }));
        };
        ws.onmessage = (e) => resolve({ outcome: `answered ${String(e.data).slice(0, 40)}`, code: 0 });
        ws.onclose = (e) => resolve({ outcome: opened ? 'closed' : 'refused', code: e.code });
      }),
    { url: `ws://127.0.0.1:${host.port}/rpc`, secret },
  );
}

describe('browser host security', () => {
  it('shows the "needs the printed link" screen and loads no data without the secret', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${host.origin}/`);
    await page.locator('[data-testid="bad-secret"]').waitFor();
    expect(await page.locator('[data-testid^="workspace-tile-"]').count()).toBe(0);
    expect(await tryRpc(page, null)).toEqual({ outcome: 'closed', code: 4401 });
    expect(await tryRpc(page, 'a'.repeat(48))).toEqual({ outcome: 'closed', code: 4401 });
    expect((await tryRpc(page, host.secret)).outcome).toMatch(/^answered/);
    await context.close();
  });

  it('refuses a page from another origin even when it knows the secret', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(otherOrigin);
    const result = await tryRpc(page, host.secret);
    expect(result.outcome).toBe('refused');
    expect(result.code).toBe(1006);
    await context.close();
  });
});
