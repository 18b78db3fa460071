/**
 * Wire constants shared by the relay (sync-server/) and the sync client in the
 * core. The relay speaks the stock y-websocket protocol; these are its
 * framing constants plus the few Qwanyx additions, all optional for a stock
 * client.
 *
 * WebSocket:  ws(s)://<relay>/v1/ws/<workspaceId>/<docName>   (docName may be `room/<id>`)
 * Auth:       Sec-WebSocket-Protocol offers `bearer.<token>` (and optionally `qwanyx.v1`);
 *             the relay selects `qwanyx.v1` when offered, else the bearer entry.
 * Messages:   varUint type, then payload (lib0 encoding; layout and codec in syncFrames.ts):
 *               0 sync (y-protocols/sync: step1 | step2 | update)
 *               1 awareness (y-protocols/awareness update)
 *               3 query awareness
 *             100 ack (qwanyx.v1 only, relay → client): varUint n = total number of
 *                 sync step2/update messages from this connection now durable
 *                 (cumulative since the connection opened, not a delta).
 */

export const RELAY_WS_PREFIX = '/v1/ws/';
export const BEARER_PROTOCOL_PREFIX = 'bearer.';
export const QWANYX_PROTOCOL = 'qwanyx.v1';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_ACK = 100;

/** Close codes the relay uses; the client decides from them whether to retry. */
export const RelayCloseCode = {
  /** Token missing, malformed, badly signed or expired: get a new token, then retry. */
  Unauthorized: 4401,
  /** No access to this workspace (never had it, removed, or workspace unknown): do not retry. */
  Forbidden: 4403,
  /** The member's role changed: get a new token and reconnect. */
  RoleChanged: 4409,
  /** The device was signed out (its token revoked) or its token expired unused: sign in again. */
  DeviceRevoked: 4410,
  /** A frame could not be decoded or broke the protocol. */
  Malformed: 4400,
  /** A frame, update or document went over a configured limit. */
  TooLarge: 4413,
  /** Too many messages (awareness rate) or connections. */
  RateLimited: 4429,
  /** Not a doc name the relay serves (`meta`, `governance`, `audit`, `room/<id>`, `dh/<id>`): do not retry. */
  UnknownDoc: 4404,
  /** An update the doc's write policy refuses (e.g. erasing or overwriting an `audit` entry): do not retry. */
  PolicyRefused: 4422,
  /** This doc is a private room or DM the user is not a member of (or no longer): reconnect only once added. */
  NotReadable: 4424,
  /** This user has too many sockets open on the relay: retry later, after closing some. */
  TooManySockets: 4430,
  /** The workspace has as many docs as the relay allows; a new one is not created: do not retry. */
  TooManyDocs: 4431,
  /** This writer used up its byte budget in the workspace (or the workspace its quota): do not retry. */
  QuotaExceeded: 4432,
  /** An owner erased the whole workspace from the relay: do not retry; the device keeps its own copy. */
  WorkspaceErased: 4411,
  /** The relay is restarting (graceful shutdown): retry soon. */
  Restarting: 1012,
} as const;

const FINAL_CLOSES = new Set<number>([
  RelayCloseCode.Forbidden,
  RelayCloseCode.WorkspaceErased,
  RelayCloseCode.Malformed,
  RelayCloseCode.TooLarge,
  RelayCloseCode.UnknownDoc,
  RelayCloseCode.PolicyRefused,
  RelayCloseCode.TooManyDocs,
  RelayCloseCode.QuotaExceeded,
]);

/**
 * The close reason of 4411: it carries the erasure's date (ISO 8601), so a device shows when it
 * happened; `workspaceErasedAt` reads it back (null from a relay that does not send it).
 */
export function workspaceErasedReason(at: number): string {
  return `an owner erased this workspace from the relay at ${new Date(at).toISOString()}`;
}

export function workspaceErasedAt(reason: string): number | null {
  const match = / at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)$/.exec(reason);
  if (!match) return null;
  const at = Date.parse(match[1]!);
  return Number.isFinite(at) ? at : null;
}

/** Close codes after which a client should reconnect (after refreshing its token where needed). */
export function isRetryableClose(code: number): boolean {
  return !FINAL_CLOSES.has(code);
}

/** Roles of a workspace member; `guest` is read-only. */
export type RelayRole = 'owner' | 'admin' | 'member' | 'guest';
export const RELAY_ROLES: readonly RelayRole[] = ['owner', 'admin', 'member', 'guest'];

/** Path of the WebSocket of one doc. */
export function relayDocPath(workspaceId: string, docName: string): string {
  return `${RELAY_WS_PREFIX}${encodeURIComponent(workspaceId)}/${docName.split('/').map(encodeURIComponent).join('/')}`;
}
