/**
 * Maps a `qwanyx://app/<path>` request to a file of the built renderer, or
 * refuses it. The URL parser already folds `..` segments, but a percent-encoded
 * slash (`..%2F..%2F`) or backslash only becomes one after decoding, so the
 * decoded path is resolved and must still lie inside the renderer folder.
 *
 * No 'electron' import here, so this is tested under plain Node.
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './appOrigin';

/** Page served for `qwanyx://app/` and for client-side routes. */
export const RENDERER_INDEX = 'index.html';

/**
 * Absolute path of the file `requestUrl` names inside `rendererDir`, or null
 * when the URL is not an app URL, is malformed, or points outside the folder.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;

  const relativeRequest = decoded.replace(/^\/+/, '');
  const base = path.resolve(rendererDir);
  const full = path.resolve(base, relativeRequest === '' ? RENDERER_INDEX : relativeRequest);
  const inside = path.relative(base, full);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return null;
  }
  return full;
}
