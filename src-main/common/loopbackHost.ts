/**
 * Whether a host is this computer. Plain `http://` and `ws://` addresses
 * (relays, model servers) are accepted only for such hosts: anywhere else the
 * traffic, device tokens and API keys included, would cross a network in
 * clear. `hostname` is as `URL` gives it (IPv6 in brackets, lower case).
 */

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4[1] === '127' && v4.slice(2).every((part) => Number(part) <= 255);
}

/** The message for a plain-http address whose host is not this computer, or null when `url` is fine. */
export function plainHttpProblem(url: string, what: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: the caller's own check reports it.
    return null;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'ws:') || isLoopbackHost(parsed.hostname)) return null;
  return `${what} ${parsed.host} must use https:// (plain ${parsed.protocol}// is only for this computer: localhost, 127.0.0.1, ::1)`;
}
