/**
 * Typed origins of Yjs transactions.
 *
 * Every transaction on a Qwanyx doc carries one of these as its origin, so
 * the single place that reacts to doc changes (DocManager listeners) can tell
 * a user's edit from a relay update, an agent's write or housekeeping.
 */

/** Who caused a change: the local user, the relay, an agent, or the app itself. */
export type TxSource = 'local' | 'remote' | 'agent' | 'system';

/** Origin object attached to each Yjs transaction. */
export interface TxOrigin {
  source: TxSource;
  /** Optional detail: a user id, a DH id, a connection id, a job id. */
  actor?: string;
}

/** Builds an origin; a fresh object each time so Yjs never conflates two transactions. */
export function txOrigin(source: TxSource, actor?: string): TxOrigin {
  return actor === undefined ? { source } : { source, actor };
}

/** Narrows an unknown Yjs origin to a TxOrigin. */
export function isTxOrigin(value: unknown): value is TxOrigin {
  if (typeof value !== 'object' || value === null) return false;
  const source = (value as { source?: unknown }).source;
  return source === 'local' || source === 'remote' || source === 'agent' || source === 'system';
}
