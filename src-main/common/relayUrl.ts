/**
 * Relay addresses. A user may type `relay.example.com`, `https://relay.example.com/`
 * or `wss://relay.example.com`; the app stores one canonical form so the same
 * relay always maps to the same account, keychain entry and link:
 * `http(s)://host[:port][/path-prefix]`, lower-case host, no trailing slash,
 * no credentials, query or fragment. The WebSocket address is derived from it
 * (`http` → `ws`, `https` → `wss`).
 */

/** The canonical form of a relay address, or null when `raw` cannot be one. */
export function normalizeRelayUrl(raw: string): string | null {
  const text = raw.trim();
  if (text === '' || text.length > 2000) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // Not a URL at all: the caller reports it as a validation error.
    return null;
  }
  const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[url.protocol];
  if (!scheme || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || url.hostname === '') {
    return null;
  }
  const pathname = url.pathname.replace(/\/+$/, '');
  return `${scheme}//${url.host}${pathname}`;
}

/** The WebSocket address of `path` (which starts with `/`) on the relay `relayUrl` (canonical form). */
export function relayWebSocketUrl(relayUrl: string, path: string): string {
  return `${relayUrl.replace(/^http/, 'ws')}${path}`;
}
