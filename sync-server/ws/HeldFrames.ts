/**
 * Frames of connections whose update waits for a member id lookup
 * (policy/MemberIds.ts): the frame that needed it and every later frame of
 * the same connection wait here, in order, bounded in bytes, and are
 * handled again once the lookup settles; other connections go on meanwhile.
 * A connection whose doc is reloading by then is closed (retryable: it
 * resyncs, and nothing it sent since the hold was acknowledged).
 */
import { RelayCloseCode } from '../../src-main/common/relayWire';
import type { Logger } from '../../src-main/common/Logger';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import { handleRelayFrame, type FrameContext, type FrameHold } from './handleRelayFrame';
import { CLOSE_INTERNAL, type RelayConnection } from './RelayConnection';

export class HeldFrames implements FrameHold {
  private readonly held = new Map<RelayConnection, { doc: FrameContext; frames: Uint8Array[]; bytes: number }>();

  constructor(
    private readonly maxBytes: number,
    private readonly deps: { metrics: RelayMetrics; logger: Logger },
  ) {}

  /** Holds `frame` and every later frame of `conn` until `settled`; a failed lookup closes `conn` (retryable). */
  hold(doc: FrameContext, conn: RelayConnection, frame: Uint8Array, settled: Promise<void>): void {
    this.held.set(conn, { doc, frames: [frame], bytes: frame.length });
    settled.then(
      () => {
        const held = this.held.get(conn);
        this.held.delete(conn);
        if (!held) return;
        // A frame that holds again puts the rest back behind it (`add` sees the new hold).
        for (const next of held.frames) {
          if (conn.closed) return;
          if (!doc.loaded) return conn.close(CLOSE_INTERNAL, 'relay reloading the doc; reconnect');
          handleRelayFrame(doc, conn, next);
        }
      },
      (err: unknown) => {
        this.held.delete(conn);
        this.deps.logger('error', 'doc.member_id_lookup_failed', { workspaceId: conn.workspaceId, docName: conn.docName, err });
        conn.close(CLOSE_INTERNAL, 'relay error; reconnect');
      },
    );
  }

  /** Puts `frame` behind the held frames of `conn`: false when `conn` is not held (handle it now). */
  add(conn: RelayConnection, frame: Uint8Array): boolean {
    const held = this.held.get(conn);
    if (!held) return false;
    held.bytes += frame.length;
    if (held.bytes > this.maxBytes) {
      this.held.delete(conn);
      this.deps.metrics.rejectFrame('rate_limited');
      conn.close(RelayCloseCode.RateLimited, 'too many frames while a member id was looked up');
      return true;
    }
    held.frames.push(frame);
    return true;
  }
}
