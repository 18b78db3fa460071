// The browser finder of the end-to-end tests and the renderer benchmark:
// CHROMIUM_PATH first, the usual places of Linux, macOS and Windows next, and
// one clear error when there is nothing. The last tests launch a real browser
// through a symlink and through a recording wrapper named by CHROMIUM_PATH.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BrowserNotFoundError, browserCandidates, findBrowser } from '../fixtures/findBrowser';
import { launchHeadlessBrowser } from '../fixtures/launchHeadlessBrowser';
import { makeTempDir } from '../fixtures/tempDir';

const only = (...files: string[]) => (file: string) => files.includes(file);

describe('findBrowser', () => {
  it('takes CHROMIUM_PATH first, over QWANYX_CHROMIUM and the system browser', () => {
    const env = { CHROMIUM_PATH: '/opt/mine/chrome', QWANYX_CHROMIUM: '/opt/old/chrome', PATH: '/usr/bin' };
    const found = findBrowser({ env, platform: 'linux', isExecutable: only('/opt/mine/chrome', '/opt/old/chrome', '/usr/bin/chromium') });
    expect(found).toEqual({ path: '/opt/mine/chrome', source: 'CHROMIUM_PATH' });
  });

  it('keeps QWANYX_CHROMIUM as an alias', () => {
    const found = findBrowser({ env: { QWANYX_CHROMIUM: '/opt/old/chrome' }, platform: 'linux', isExecutable: only('/opt/old/chrome', '/usr/bin/chromium') });
    expect(found).toEqual({ path: '/opt/old/chrome', source: 'QWANYX_CHROMIUM' });
  });

  it('fails with what it tried when CHROMIUM_PATH points nowhere, even with a system browser present', () => {
    const run = (): unknown => findBrowser({ env: { CHROMIUM_PATH: '/nowhere/chrome' }, platform: 'linux', isExecutable: only('/usr/bin/chromium') });
    expect(run).toThrow(BrowserNotFoundError);
    expect(run).toThrow(/CHROMIUM_PATH=\/nowhere\/chrome \(no executable file there\)/);
    expect(run).toThrow(/set CHROMIUM_PATH/);
  });

  it('prefers Chromium, then Chrome, then Edge on Linux, on PATH or in the usual folders', () => {
    const env = { PATH: '/home/me/bin:/usr/bin' };
    const pick = (...files: string[]): string => findBrowser({ env, platform: 'linux', isExecutable: only(...files) }).path;
    expect(pick('/usr/bin/google-chrome', '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(pick('/home/me/bin/chromium', '/usr/bin/chromium')).toBe('/home/me/bin/chromium');
    expect(pick('/usr/bin/microsoft-edge', '/opt/google/chrome/chrome')).toBe('/opt/google/chrome/chrome');
    expect(pick('/snap/bin/chromium')).toBe('/snap/bin/chromium');
    expect(pick('/opt/microsoft/msedge/msedge')).toBe('/opt/microsoft/msedge/msedge');
  });

  it('looks in the application folders on macOS', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const edge = '/Users/me/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    const env = { HOME: '/Users/me', PATH: '/usr/bin' };
    expect(findBrowser({ env, platform: 'darwin', isExecutable: only(chrome, edge) })).toEqual({ path: chrome, source: 'system' });
    expect(findBrowser({ env, platform: 'darwin', isExecutable: only(edge) }).path).toBe(edge);
    expect(findBrowser({ env, platform: 'darwin', isExecutable: only('/opt/homebrew/bin/chromium') }).path).toBe('/opt/homebrew/bin/chromium');
  });

  it('looks under Program Files and the local app data on Windows, whatever the case of the variables', () => {
    const env = { ProgramFiles: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LocalAppData: 'C:\\Users\\me\\AppData\\Local' };
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const chrome = 'C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(browserCandidates('win32', env)).toContain(edge);
    expect(findBrowser({ env, platform: 'win32', isExecutable: only(edge, chrome) }).path).toBe(chrome);
    expect(findBrowser({ env: { chromium_path: 'D:\\chrome.exe' }, platform: 'win32', isExecutable: only('D:\\chrome.exe', edge) }).path).toBe('D:\\chrome.exe');
  });

  it('says what it tried and how to install a browser when there is none', () => {
    for (const [platform, hint] of [
      ['linux', /sudo apt-get install chromium.*sudo dnf install chromium.*Google Chrome/],
      ['darwin', /brew install --cask chromium/],
      ['win32', /Microsoft Edge comes with Windows/],
    ] as const) {
      const run = (): unknown => findBrowser({ env: { PATH: '/usr/bin' }, platform, isExecutable: () => false });
      expect(run).toThrow(BrowserNotFoundError);
      expect(run).toThrow(/No Chromium, Chrome or Edge was found for the end-to-end tests/);
      expect(run).toThrow(/CHROMIUM_PATH \(not set\)/);
      expect(run).toThrow(hint);
    }
    expect(() => findBrowser({ env: {}, platform: 'linux', isExecutable: () => false })).toThrow(/chromium, chromium-browser on PATH[\s\S]*google-chrome, google-chrome-stable on PATH[\s\S]*\/opt\/microsoft\/msedge\/msedge/);
  });
});

describe('launching the browser CHROMIUM_PATH names', () => {
  const saved = { CHROMIUM_PATH: process.env.CHROMIUM_PATH, QWANYX_CHROMIUM: process.env.QWANYX_CHROMIUM };
  let system: string | null = null;
  try {
    system = findBrowser({ env: { PATH: process.env.PATH } }).path;
  } catch {
    // No browser here: the launch tests below are skipped (CI has one).
  }

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it.skipIf(system === null || process.platform === 'win32')('launches the browser through a symlink', async () => {
    const link = path.join(makeTempDir(), 'my-browser');
    fs.symlinkSync(system!, link);
    process.env.CHROMIUM_PATH = link;
    expect(findBrowser()).toEqual({ path: link, source: 'CHROMIUM_PATH' });
    const browser = await launchHeadlessBrowser();
    try {
      const page = await browser.newPage();
      expect(await page.evaluate(() => 6 * 7)).toBe(42);
    } finally {
      await browser.close();
    }
  });

  it.skipIf(system === null || process.platform === 'win32')('runs exactly the executable CHROMIUM_PATH names', async () => {
    const dir = makeTempDir();
    const record = path.join(dir, 'launched');
    const wrapper = path.join(dir, 'recording-browser');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho launched > '${record}'\nexec '${system!}' "$@"\n`, { mode: 0o755 });
    process.env.CHROMIUM_PATH = wrapper;
    process.env.QWANYX_CHROMIUM = '/nowhere/else';
    const browser = await launchHeadlessBrowser();
    await browser.close();
    expect(fs.readFileSync(record, 'utf8').trim()).toBe('launched');
  });

  it('fails with the finder message when CHROMIUM_PATH points nowhere', async () => {
    process.env.CHROMIUM_PATH = path.join(makeTempDir(), 'no-browser-here');
    await expect(launchHeadlessBrowser()).rejects.toThrow(/No Chromium, Chrome or Edge was found[\s\S]*CHROMIUM_PATH=.*no-browser-here \(no executable file there\)[\s\S]*set CHROMIUM_PATH/);
  });
});
