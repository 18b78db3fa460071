/**
 * Where the app's own pages come from, and the one test every guard uses to
 * tell them from anything else: navigation, IPC senders, event receivers,
 * permission requests.
 *
 * A packaged app serves its renderer from `qwanyx://app/`. Under
 * `electron-vite dev` the renderer comes from the Vite dev server instead,
 * whose URL electron-vite passes in `ELECTRON_RENDERER_URL`; that origin is
 * trusted only in an unpackaged app and only on a loopback address.
 *
 * No 'electron' import here, so this is tested under plain Node.
 */
import { ValidationError } from '../common/AppError';

/** Scheme of the app's own pages. */
export const APP_SCHEME = 'qwanyx';
/** Host of the app's own pages: every file of the renderer lives under it. */
export const APP_HOST = 'app';
/** Origin of the app's own pages, as Chromium reports it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** First page a window loads in production. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Reads the dev server URL electron-vite hands the main process and returns
 * its origin, or null when there is none (production, `electron-vite preview`).
 * Anything but http(s) on a loopback host is refused: trusting it would hand
 * the IPC bridge to whatever page that address serves.
 */
export function parseDevServerOrigin(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError(`ELECTRON_RENDERER_URL is not a URL: ${raw}`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new ValidationError(`ELECTRON_RENDERER_URL must be an http(s) URL on localhost, got ${raw}`);
  }
  return url.origin;
}

/**
 * True when `url` is a page of the app: `qwanyx://app/...`, or a page of the
 * dev server when `devServerOrigin` is set. Node's URL parser gives custom
 * schemes an opaque `"null"` origin, so the scheme and host are compared
 * one by one rather than through `URL.origin`.
 */
export function isAppUrl(url: string, devServerOrigin: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  }
  return devServerOrigin !== null && parsed.origin === devServerOrigin;
}
