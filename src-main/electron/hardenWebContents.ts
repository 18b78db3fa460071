/**
 * Navigation rules of every web contents the app creates: a page of the app
 * stays a page of the app. Navigating a frame elsewhere, redirecting,
 * opening a window and attaching a <webview> are all refused; an https link
 * the user follows opens in the OS browser instead.
 *
 * Only links reach here: rendered message text cannot run script (CSP, no raw
 * HTML), so a navigation or window.open towards another origin is a click on
 * a link, or the app's own code. At most one link per second is handed to the
 * OS so that a runaway loop cannot flood the user with browser tabs.
 */
import { shell, type WebContents } from 'electron';
import { isAppUrl } from './appOrigin';
import type { Logger } from '../common/Logger';
import { isSafeExternalUrl } from './isSafeExternalUrl';

const EXTERNAL_OPEN_INTERVAL_MS = 1000;
/** Dispositions Chromium gives a followed link (target=_blank, middle, ctrl or shift click). */
const LINK_DISPOSITIONS = new Set(['foreground-tab', 'background-tab', 'new-window']);

/** What the navigation guard needs to know. */
export interface WebContentsGuardOptions {
  /** Origin of the Vite dev server in development, else null. */
  devServerOrigin: string | null;
  log: Logger;
}

/** Applies the navigation rules to `contents`; call for every web contents created. */
export function hardenWebContents(contents: WebContents, options: WebContentsGuardOptions): void {
  const { devServerOrigin, log } = options;
  const openLink = createExternalLinkOpener(log);

  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url, devServerOrigin)) return;
    event.preventDefault();
    if (event.isMainFrame) openLink(event.url);
    else log('warn', 'Refused a frame navigation out of the app', event.url);
  });

  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url, devServerOrigin)) return;
    event.preventDefault();
    log('warn', 'Refused a redirect out of the app', event.url);
  });

  contents.setWindowOpenHandler(({ url, disposition }) => {
    if (LINK_DISPOSITIONS.has(disposition)) openLink(url);
    else log('warn', `Refused to open a window (${disposition})`, url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('warn', 'Refused to attach a <webview>');
  });
}

/** Opens plain https links in the OS browser, at most one a second (also how the core opens an OAuth authorization page). */
export function createExternalLinkOpener(log: Logger): (url: string) => void {
  let lastOpenedAt = Number.NEGATIVE_INFINITY;
  return (url) => {
    if (!isSafeExternalUrl(url)) {
      log('warn', 'Refused to open a link that is not a plain https URL', url.slice(0, 200));
      return;
    }
    const now = Date.now();
    if (now - lastOpenedAt < EXTERNAL_OPEN_INTERVAL_MS) {
      log('warn', 'Refused to open a link less than a second after another', url);
      return;
    }
    lastOpenedAt = now;
    shell.openExternal(url).catch((err: unknown) => log('error', 'The OS could not open a link', err));
  };
}
