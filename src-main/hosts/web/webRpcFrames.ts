/**
 * Wire format of the browser host's RPC WebSocket (`/rpc`, subprotocol
 * `qwanyx-rpc.v1`, per-run secret offered as a second subprotocol
 * `secret.<hex>`). Every frame is one JSON text message:
 *
 *   client → host  {"t":"invoke","id":<1..2^31>,"channel":"<name>","input":<any>}
 *   host → client  {"t":"result","id":<same>,"result":{"ok":true,"value":…}|{"ok":false,"error":{code,message}}}
 *   host → client  {"t":"event","event":"<name>","payload":…}
 *   host → client  {"t":"error","error":{code,message}}   (a frame that could not be read at all)
 *
 * Close codes: 4401 missing or wrong secret; 1009 frame too large.
 */
import { z } from 'zod';
import type { WireError } from '../../common/AppError';
import type { Result } from '../../common/Result';

export const RPC_SUBPROTOCOL = 'qwanyx-rpc.v1';
export const SECRET_PROTOCOL_PREFIX = 'secret.';
export const CLOSE_BAD_SECRET = 4401;
export const MAX_FRAME_BYTES = 1024 * 1024;

const invokeFrameSchema = z
  .object({
    t: z.literal('invoke'),
    id: z.number().int().min(1).max(2 ** 31),
    channel: z.string().max(100),
    input: z.unknown().optional(),
  })
  .strict();

export type InvokeFrame = z.output<typeof invokeFrameSchema>;

/** Reads a client frame: the invoke, or the error to send back (with the id when it could be read). */
export function readClientFrame(text: string): { frame: InvokeFrame } | { error: WireError; id: number | null } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: { code: 'VALIDATION', message: 'Frame is not valid JSON' }, id: null };
  }
  const parsed = invokeFrameSchema.safeParse(json);
  if (parsed.success) return { frame: parsed.data };
  const rawId = (json as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'number' && Number.isInteger(rawId) && rawId > 0 ? rawId : null;
  return { error: { code: 'VALIDATION', message: 'Frame must be {"t":"invoke","id","channel","input"}' }, id };
}

export function writeResultFrame(id: number, result: Result<unknown>): string {
  return JSON.stringify({ t: 'result', id, result });
}

export function writeEventFrame(event: string, payload: unknown): string {
  return JSON.stringify({ t: 'event', event, payload });
}

export function writeErrorFrame(error: WireError): string {
  return JSON.stringify({ t: 'error', error });
}
