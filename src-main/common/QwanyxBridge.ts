/**
 * The object the renderer finds on `window.qwanyx`, whichever shell runs it:
 * the Electron preload builds it over ipcRenderer, the browser host's client
 * builds it over a WebSocket. The renderer cannot tell them apart.
 */
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from './contract';
import type { Result } from './Result';

export interface QwanyxBridge {
  /** Calls a channel; never throws for a domain error, returns `{ ok: false }` instead. */
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Name of the Electron IPC channel that carries every invoke. */
export const IPC_INVOKE_CHANNEL = 'qwanyx:invoke';
/** Name of the Electron IPC channel that carries every event. */
export const IPC_EVENT_CHANNEL = 'qwanyx:event';
