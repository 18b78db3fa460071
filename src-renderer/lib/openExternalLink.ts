/**
 * The one way the renderer opens a link from message text: the URL is
 * checked again (http, https or mailto only), then handed to `window.open`
 * with `noopener`. In Electron the main process's window-open handler turns
 * that into `shell.openExternal` for https links and refuses the rest; in a
 * browser it opens a new tab that cannot reach back into the app.
 */
import { safeUrl } from './markdown/safeUrl';

/** Opens `href` outside the app; returns false when the address was refused. */
export function openExternalLink(href: string): boolean {
  const url = safeUrl(href);
  if (url === null) return false;
  window.open(url, '_blank', 'noopener,noreferrer');
  return true;
}
