import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { CALLBACK_PATH, startLoopbackRedirect } from './LoopbackRedirect';

describe('startLoopbackRedirect', () => {
  it('listens on 127.0.0.1 only, ignores other paths, and ends with the first callback', async () => {
    const redirect = await startLoopbackRedirect(5_000);
    const uri = new URL(redirect.redirectUri);
    expect(uri.hostname).toBe('127.0.0.1');
    expect(uri.pathname).toBe(CALLBACK_PATH);
    expect((await fetch(new URL('/favicon.ico', uri))).status).toBe(404);
    const page = await fetch(`${redirect.redirectUri}?code=abc&state=xyz`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('close this tab');
    const got = await redirect.wait();
    expect(got.searchParams.get('code')).toBe('abc');
    expect(got.searchParams.get('state')).toBe('xyz');
    // One shot: a second redirect finds nobody listening.
    await expect(fetch(`${redirect.redirectUri}?code=replayed&state=xyz`)).rejects.toThrow();
  });

  it('says the authorization was abandoned when nobody comes back in time', async () => {
    const redirect = await startLoopbackRedirect(100);
    await expect(redirect.wait()).rejects.toMatchObject({ code: 'CLOSED', message: expect.stringContaining('abandoned') });
    await expect(fetch(`${redirect.redirectUri}?code=late`)).rejects.toThrow();
  });

  it('answers an error redirect with a page saying it did not go through', async () => {
    const redirect = await startLoopbackRedirect(5_000);
    const page = await fetch(`${redirect.redirectUri}?error=access_denied&state=s`);
    expect(page.status).toBe(400);
    expect((await redirect.wait()).searchParams.get('error')).toBe('access_denied');
  });

  it('names localhost in the redirect URI when asked, still on the loopback interface only', async () => {
    const redirect = await startLoopbackRedirect(5_000, 'localhost');
    const uri = new URL(redirect.redirectUri);
    expect(uri.hostname).toBe('localhost');
    const other = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a !== undefined && !a.internal && a.family === 'IPv4');
    if (other) await expect(fetch(`http://${other.address}:${uri.port}${CALLBACK_PATH}?code=x`)).rejects.toThrow();
    // 127.0.0.1 answers whatever `localhost` resolves to first (IPv6 is listened on too when the machine has it).
    expect((await fetch(`http://127.0.0.1:${uri.port}/favicon.ico`)).status).toBe(404);
    expect((await fetch(`${redirect.redirectUri}?code=abc&state=s`)).status).toBe(200);
    expect((await redirect.wait()).href).toBe(`${redirect.redirectUri}?code=abc&state=s`);
  });

  it('closes at once when cancelled, and the wait says why', async () => {
    const redirect = await startLoopbackRedirect(60_000);
    redirect.close('The sign-in was cancelled.');
    await expect(redirect.wait()).rejects.toMatchObject({ code: 'CLOSED', message: 'The sign-in was cancelled.' });
    await expect(fetch(`${redirect.redirectUri}?code=late`)).rejects.toThrow();
  });
});
