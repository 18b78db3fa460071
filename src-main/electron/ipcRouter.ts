/**
 * The Electron transport of the core: one `ipcMain.handle` for every call
 * and one IPC channel for every event, mirroring what the browser host does
 * over its WebSocket.
 *
 * Calls: `IPC_INVOKE_CHANNEL (channel: string, input: unknown) → Result`.
 * Only the top frame of an app page may call; the input is parsed with the
 * contract's zod schema by `core.dispatch`, which answers unknown channels
 * and bad input with `{ ok: false }` rather than throwing.
 * Events: `IPC_EVENT_CHANNEL (event: EventName, payload)` to every window
 * that shows an app page.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { toWireError } from '../common/AppError';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../common/QwanyxBridge';
import type { Result } from '../common/Result';
import type { Core } from '../core/createCore';
import { isAppUrl } from './appOrigin';
import type { Logger } from '../common/Logger';

const MAX_CHANNEL_NAME_LENGTH = 128;

/** What the router needs. */
export interface IpcRouterOptions {
  core: Core;
  /** Origin of the Vite dev server in development, else null. */
  devServerOrigin: string | null;
  log: Logger;
}

/**
 * Routes renderer calls to `core.dispatch` and core events to the windows.
 * Returns the function that undoes both (before the core closes).
 */
export function registerIpcRouter(options: IpcRouterOptions): () => void {
  const { core, devServerOrigin, log } = options;

  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, channel: unknown, input: unknown): Promise<Result<unknown>> => {
      const senderUrl = trustedSenderUrl(event, devServerOrigin);
      if (senderUrl === null) {
        log('warn', 'Refused an IPC call from a frame that is not the app', event.senderFrame?.url ?? '(frame gone)');
        return { ok: false, error: { code: 'VALIDATION', message: 'Forbidden: this page may not call Qwanyx.' } };
      }
      if (typeof channel !== 'string' || channel.length === 0 || channel.length > MAX_CHANNEL_NAME_LENGTH) {
        return { ok: false, error: { code: 'VALIDATION', message: 'The channel name must be a non-empty string.' } };
      }
      try {
        return await core.dispatch(channel, input);
      } catch (err) {
        log('error', `Channel ${channel} threw instead of returning an error`, err);
        return { ok: false, error: toWireError(err) };
      }
    },
  );

  const unsubscribe = core.onEvent((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (contents.isDestroyed() || !isAppUrl(contents.getURL(), devServerOrigin)) continue;
      try {
        contents.send(IPC_EVENT_CHANNEL, name, payload);
      } catch (err) {
        log('error', `Cannot send the ${name} event to a window`, err);
      }
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}

/** URL of the calling frame when it is the top frame of an app page, else null. */
function trustedSenderUrl(event: IpcMainInvokeEvent, devServerOrigin: string | null): string | null {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return null;
  return isAppUrl(frame.url, devServerOrigin) ? frame.url : null;
}
