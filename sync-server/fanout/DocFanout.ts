/**
 * Fan-out of updates and awareness to every connection of a doc, behind an
 * interface: in one process it is a map of listeners (InProcessFanout); with
 * several relay nodes it is a shared bus (RedisFanout, Redis Streams), where
 * a node also applies the updates other nodes publish to its own copy of the
 * doc, and stores them too (under the id their first node gave them), unless
 * their node said it committed them first.
 */

/** One message to deliver to the connections of a doc. */
export interface FanoutMessage {
  /** `resync`: messages of this doc may have been lost (the bus failed); the doc must be reloaded and its clients resync. */
  kind: 'update' | 'awareness' | 'resync';
  /** A Yjs v1 update (applied, not necessarily durable yet) or an awareness update; empty for `resync`. */
  payload: Uint8Array;
  /** Id of the connection it came from, which must not get it back (0: none, or another node). */
  originId: number;
  /** Id of an update across nodes (`<node>-<n>`), for storage to keep one copy; absent on a single node. */
  entryId?: string;
  /** It came from another node. */
  remote?: boolean;
}

/** Receives the messages of one doc. */
export type FanoutListener = (message: FanoutMessage) => void;

/** Publishes messages per doc key (`workspaceId` NUL `docName`) to the nodes holding that doc. */
export interface DocFanout {
  /** Listens to `docKey`; returns the function that stops listening. */
  subscribe(docKey: string, listener: FanoutListener): () => void;
  /** Delivers `message` to every listener of `docKey`, on this node at once and on the others through the bus. */
  publish(docKey: string, message: FanoutMessage): void;
  /** A fresh id for an update about to be published, or undefined on a single node (no other node stores it). */
  nextEntryId(): string | undefined;
  /**
   * Every update this node gave an id up to `entryId` (one of its own) is committed: the other nodes
   * may skip storing their copies of them (RedisFanout.ts, "durable marks").
   */
  markStored(entryId: string): void;
  /** Whether the node that took `entryId` said it committed it (so a copy of it need not be stored here). */
  storedElsewhere(entryId: string): boolean;
  /** Resolves when the bus answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
