/**
 * End to end: zero serious or critical axe-core violations on every main
 * view (room with GitHub-flavoured Markdown, thread, search, settings, a
 * digital human's profile, tasks, knowledge, memory, a dialog, the command
 * palette), in the light and the dark theme, in Chromium against the
 * browser host. Also: typed text is darker than placeholders, and the
 * keyboard focus is visible. Needs `npm run build` first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/launchChromium';
import { MAIN_VIEWS, resetView, seedShowcase, type Showcase } from '../fixtures/mainViews';
import { settleView } from '../fixtures/checkViews';
import { seriousA11yViolations } from '../fixtures/runAxe';
import { startWebHost, type RunningWebHost } from '../fixtures/startWebHost';
import { makeTempDir } from '../fixtures/tempDir';

let browser: Browser;
let host: RunningWebHost;
let showcase: Showcase;

beforeAll(async () => {
  const dataDir = makeTempDir('qwanyx-a11y-e2e-');
  showcase = await seedShowcase(dataDir);
  host = await startWebHost(dataDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function openApp(theme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
  const page = await context.newPage();
  await page.goto(host.url);
  await page.locator('[data-testid="rooms-view"]').waitFor();
  return page;
}

/** The relative luminance contrast of two CSS colours, as WCAG defines it. */
function contrast(a: string, b: string): number {
  const lum = (css: string): number => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (theme) => {
  it('has no serious or critical axe-core violation on any main view', async () => {
    const page = await openApp(theme);
    const found: Record<string, string[]> = {};
    for (const view of MAIN_VIEWS) {
      await resetView(page, showcase);
      await view.open(page, showcase);
      // Fade-ins end and the view is still before axe measures colours.
      await settleView(page);
      const violations = await seriousA11yViolations(page);
      if (violations.length > 0) found[view.name] = violations;
    }
    await page.context().close();
    expect(found).toEqual({});
  }, 180_000);

  it('draws typed text darker than the placeholder, with a visible focus ring', async () => {
    const page = await openApp(theme);
    await resetView(page, showcase);
    const input = page.locator('[data-testid="composer-input"]');
    await input.focus();
    const colours = await input.evaluate((el) => {
      const style = getComputedStyle(el);
      const placeholder = getComputedStyle(el, '::placeholder');
      let bg = 'rgb(255, 255, 255)';
      for (let p: Element | null = el; p; p = p.parentElement) {
        const c = getComputedStyle(p).backgroundColor;
        if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
          bg = c;
          break;
        }
      }
      return { text: style.color, placeholder: placeholder.color, background: bg };
    });
    expect(contrast(colours.text, colours.background)).toBeGreaterThanOrEqual(7);
    expect(contrast(colours.placeholder, colours.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.text, colours.background) - contrast(colours.placeholder, colours.background)).toBeGreaterThan(3);

    // Tab onto a button: something around it must change (outline or shadow).
    await page.keyboard.press('Shift+Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, shadow: style.boxShadow !== 'none' };
    });
    expect(ring).not.toBeNull();
    expect(ring!.outline || ring!.shadow).toBe(true);
    await page.context().close();
  }, 60_000);
});
