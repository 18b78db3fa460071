/**
 * Access to `window.qwanyx`, the bridge every shell provides (Electron's
 * preload, or the web bridge in browser mode). Kept behind two functions so
 * the renderer never needs a global `Window` augmentation that could clash
 * with the preload's own declaration.
 */
import type { QwanyxBridge } from '../../src-main/common/QwanyxBridge';

interface BridgeHost {
  qwanyx?: QwanyxBridge;
}

/** The installed bridge, or undefined when no shell has provided one yet. */
export function currentBridge(): QwanyxBridge | undefined {
  return (window as unknown as BridgeHost).qwanyx;
}

/** Installs `bridge` as `window.qwanyx` (browser mode only; Electron's is frozen by contextBridge). */
export function installBridge(bridge: QwanyxBridge): void {
  Object.defineProperty(window, 'qwanyx', { value: Object.freeze(bridge), configurable: false, writable: false });
}
