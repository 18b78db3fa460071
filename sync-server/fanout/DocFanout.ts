/**
 * Fan-out of durable updates and awareness to every connection of a doc,
 * behind an interface: in one process it is a map of listeners; with several
 * relay nodes it becomes a shared bus (Redis Streams), where a node also
 * applies updates published by the others to its own copy of the doc.
 */

/** One message to deliver to the connections of a doc. */
export interface FanoutMessage {
  kind: 'update' | 'awareness';
  /** A Yjs v1 update (already durable) or an awareness update. */
  payload: Uint8Array;
  /** Id of the connection it came from, which must not get it back (0: none). */
  originId: number;
}

/** Receives the messages of one doc. */
export type FanoutListener = (message: FanoutMessage) => void;

/** Publishes messages per doc key (`workspaceId` NUL `docName`) to the nodes holding that doc. */
export interface DocFanout {
  /** Listens to `docKey`; returns the function that stops listening. */
  subscribe(docKey: string, listener: FanoutListener): () => void;
  /** Delivers `message` to every listener of `docKey`. */
  publish(docKey: string, message: FanoutMessage): void;
  close(): Promise<void>;
}
