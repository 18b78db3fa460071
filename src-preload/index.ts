/**
 * Preload of the app's windows: builds `window.qwanyx`, the QwanyxBridge,
 * over Electron IPC, and exposes nothing else. The page gets two functions,
 * never ipcRenderer nor an IPC event object (whose `sender` is ipcRenderer).
 *
 * It runs sandboxed, so it is bundled to one CommonJS file that requires
 * only 'electron'; it imports nothing from common/ but types and the two
 * channel-name constants, so zod and the contract stay out of it (the main
 * process parses every input anyway).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type QwanyxBridge } from '../src-main/common/QwanyxBridge';
import type { Result } from '../src-main/common/Result';

type Listener = (payload: unknown) => void;

/** Subscribers by event name; one IPC listener serves them all. */
const listeners = new Map<string, Set<Listener>>();

function deliver(_event: IpcRendererEvent, name: unknown, payload: unknown): void {
  if (typeof name !== 'string') return;
  const subscribers = listeners.get(name);
  if (subscribers === undefined) return;
  for (const listener of [...subscribers]) {
    try {
      listener(payload);
    } catch (err) {
      // One failing subscriber must not keep the event from the others.
      console.error(`A listener of the "${name}" event threw`, err);
    }
  }
}

function subscribe(name: string, listener: Listener): () => void {
  if (listeners.size === 0) ipcRenderer.on(IPC_EVENT_CHANNEL, deliver);
  let subscribers = listeners.get(name);
  if (subscribers === undefined) {
    subscribers = new Set();
    listeners.set(name, subscribers);
  }
  // A wrapper per call, so subscribing the same function twice needs two unsubscribes.
  const entry: Listener = (payload) => listener(payload);
  subscribers.add(entry);

  return () => {
    const current = listeners.get(name);
    if (current === undefined || !current.delete(entry)) return;
    if (current.size === 0) listeners.delete(name);
    if (listeners.size === 0) ipcRenderer.removeListener(IPC_EVENT_CHANNEL, deliver);
  };
}

const unreachable: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The Qwanyx core did not answer. Restart the app; the details are in the log.' },
};

const bridge: QwanyxBridge = {
  invoke(channel, input) {
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, input).catch((err: unknown) => {
      console.error(`The call to "${channel}" did not reach the core`, err);
      return unreachable;
    });
  },
  on(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function') {
      throw new TypeError('qwanyx.on(event, listener) takes an event name and a function');
    }
    return subscribe(event, listener as Listener);
  },
};

contextBridge.exposeInMainWorld('qwanyx', bridge);
