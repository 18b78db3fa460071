/**
 * The step 2 / update messages one socket sent that the relay has not yet
 * acknowledged as durable. Acknowledgements are cumulative per socket ("n of
 * your messages are durable"); once a message is acknowledged its
 * `sync_pending` rows go.
 */
import type { PendingAck, SyncPendingStore } from '../storage/SyncPendingStore';

/** The acknowledgements a relay connection waits for, in the order it sent the messages. */
export class AckLedger {
  /** False while the relay does not speak qwanyx.v1: it never acknowledges. */
  enabled = false;
  private inFlight: PendingAck[] = [];
  private ackedOnSocket = 0;

  constructor(private readonly pending: SyncPendingStore | null) {}

  /** Messages sent and not yet durable. */
  get size(): number {
    return this.inFlight.length;
  }

  /** A message went out on the socket. */
  sent(ack: PendingAck): void {
    // A relay that does not speak qwanyx.v1 never acknowledges: "sent" is the best we can know.
    if (this.enabled) this.inFlight.push(ack);
    else this.pending?.acknowledge([ack]);
  }

  /** `durable` is cumulative: how many of this socket's step 2 / update messages are durable so far. */
  acknowledged(durable: number): void {
    const newly = durable - this.ackedOnSocket;
    if (newly <= 0) return;
    this.ackedOnSocket = durable;
    const acked = this.inFlight.splice(0, newly);
    if (acked.length > 0) this.pending?.acknowledge(acked);
  }

  /** A new socket, or none: the count starts again. */
  reset(): void {
    // Unacknowledged messages are not lost: their rows stay pending and the next step 2 carries them.
    this.inFlight = [];
    this.ackedOnSocket = 0;
  }
}
