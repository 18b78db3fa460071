/**
 * Browser mode: when no Electron preload has provided `window.qwanyx`, the
 * page was opened from the browser host at `http://127.0.0.1:PORT/#secret=<hex>`.
 * This module takes the secret from the address (keeping it in
 * sessionStorage so a reload still works, and removing it from the address
 * bar), then installs a `WebRpcClient` as the bridge.
 */
import { installBridge } from './bridge';
import { resetConnection, setConnectionState } from './connection';
import { WebRpcClient } from './WebRpcClient';

/** sessionStorage key holding the host's per-run secret for this tab. */
export const SECRET_STORAGE_KEY = 'qwanyx.secret';

const SECRET_PATTERN = /^[0-9a-fA-F]{1,512}$/;

/**
 * Reads the secret from `#secret=<hex>` (then removes it from the address
 * bar) or, after a reload, from sessionStorage. Null when there is none.
 */
export function takeSecret(): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('secret');
  if (fromHash !== null) {
    history.replaceState(history.state, '', location.pathname + location.search);
    if (SECRET_PATTERN.test(fromHash)) {
      sessionStorage.setItem(SECRET_STORAGE_KEY, fromHash);
      return fromHash;
    }
  }
  const stored = sessionStorage.getItem(SECRET_STORAGE_KEY);
  return stored !== null && SECRET_PATTERN.test(stored) ? stored : null;
}

/** Installs the WebSocket bridge as `window.qwanyx` and starts connecting. */
export function installWebBridge(): void {
  resetConnection();
  const secret = takeSecret();
  if (secret === null) {
    setConnectionState('unauthorized');
    return;
  }
  const client = new WebRpcClient({
    url: `ws://${location.host}/rpc`,
    secret,
    createSocket: (url, protocols) => new WebSocket(url, protocols),
    onStateChange: (state) => {
      // A refused secret is stale (the host restarted): forget it.
      if (state === 'unauthorized') sessionStorage.removeItem(SECRET_STORAGE_KEY);
      setConnectionState(state);
    },
  });
  installBridge(client.bridge());
  client.start();
}
