/**
 * Typed client over `window.qwanyx`. The bridge answers `{ ok, value | error }`;
 * this client unwraps it and throws `ApiError` (with the core's `code`) so UI
 * code can `try/catch` and show the message where the action happened.
 */
import type { ErrorCode } from '../../src-main/common/AppError';
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../src-main/common/contract';
import type { QwanyxBridge } from '../../src-main/common/QwanyxBridge';
import { currentBridge } from './bridge';

/** A call the core refused or could not complete. */
export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export interface Api {
  /** Calls a channel; resolves with its value or rejects with an `ApiError`. */
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Subscribes to a core event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Builds a client over whatever bridge `getBridge` returns at call time. */
export function createApi(getBridge: () => QwanyxBridge | undefined): Api {
  function bridge(): QwanyxBridge {
    const found = getBridge();
    if (!found) throw new ApiError('CLOSED', 'Qwanyx is not connected: no bridge is installed.');
    return found;
  }
  return {
    async invoke(channel, input) {
      const result = await bridge().invoke(channel, input);
      if (result.ok) return result.value;
      throw new ApiError(result.error.code, result.error.message);
    },
    on(event, listener) {
      return bridge().on(event, listener);
    },
  };
}

/** The app's client, bound to `window.qwanyx`. */
export const api: Api = createApi(currentBridge);
