/**
 * Carries one Yjs awareness (presence and typing, y-protocols/awareness)
 * over a doc's relay socket: the local state goes out when the socket opens
 * and on every local change or renewal; the relay's states come in and are
 * applied with this bridge as their origin. When the socket goes, everyone
 * else's state is dropped: without the relay we cannot know who is there.
 *
 * The awareness itself is owned by whoever created it (the presence
 * service); it outlives sockets and reconnects.
 */
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import { writeAwarenessFrame } from '../common/syncFrames';

type AwarenessUpdate = { added: number[]; updated: number[]; removed: number[] };

export class AwarenessBridge {
  private send: ((frame: Uint8Array) => void) | null = null;
  private readonly onUpdate = (changes: AwarenessUpdate, origin: unknown): void => {
    if (origin === this || !this.send) return;
    const { clientID } = this.awareness;
    // Only our own state is ours to announce; the relay tells the others about theirs.
    const mine = [...changes.added, ...changes.updated, ...changes.removed].includes(clientID);
    if (mine) this.send(writeAwarenessFrame(encodeAwarenessUpdate(this.awareness, [clientID])));
  };

  constructor(private readonly awareness: Awareness) {
    awareness.on('update', this.onUpdate);
  }

  /** A socket is open: announce our state through `send` from now on. */
  attach(send: (frame: Uint8Array) => void): void {
    this.send = send;
    if (this.awareness.getLocalState() !== null) send(writeAwarenessFrame(encodeAwarenessUpdate(this.awareness, [this.awareness.clientID])));
  }

  /** An awareness update from the relay. Throws when it does not decode (the caller drops the socket). */
  receive(update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, this);
  }

  /** The socket is gone: forget the others. */
  detach(): void {
    this.send = null;
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.awareness.clientID);
    if (others.length > 0) removeAwarenessStates(this.awareness, others, this);
  }

  /** Stops listening to the awareness (the connection is stopped for good). */
  dispose(): void {
    this.detach();
    this.awareness.off('update', this.onUpdate);
  }
}
