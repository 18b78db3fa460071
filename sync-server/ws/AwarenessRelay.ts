/**
 * Awareness (presence, cursors) of one doc on the relay. The relay does not
 * interpret states: it checks that an awareness update decodes (each state
 * is JSON), keeps the latest state per client id with the connection that
 * sent it, forwards the update to the other connections, and on disconnect
 * tells the others that the connection's clients left.
 *
 * A client id belongs to the first connection that spoke for it, until that
 * connection closes: another user's connection can neither overwrite nor
 * remove it (its entries for that id are dropped, not forwarded), so nobody
 * can wear someone else's presence or make them vanish. Another connection
 * of the same user may take it over: that is a client reconnecting before
 * the relay noticed its old socket died.
 *
 * Awareness update format (y-protocols/awareness):
 *   varUint count, then count × (varUint clientID, varUint clock, varString stateJSON)
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Most client ids one connection may speak for (a stock client uses one). */
export const MAX_CLIENTS_PER_CONNECTION = 16;
/** Most entries in one awareness update (stock clients echo every state they know, so this is per doc). */
const MAX_ENTRIES_PER_UPDATE = 10_000;

/** Who sent an awareness state; the connection keeps the ids it speaks for. */
export interface AwarenessOwner {
  readonly awarenessClients: Set<number>;
  /** The user behind the connection: only they may take over an id the connection holds. */
  readonly userId: string;
}

interface Entry {
  clock: number;
  /** The state as JSON text; `null` states are removed, never stored. */
  json: string;
  owner: AwarenessOwner;
}

/** Thrown when an awareness update does not decode; the caller closes the connection. */
export class AwarenessFormatError extends Error {}

export class AwarenessRelay {
  private readonly states = new Map<number, Entry>();

  /** Number of known (non-null) states. */
  get size(): number {
    return this.states.size;
  }

  /**
   * Decodes `update` and applies it on behalf of `owner`; returns an
   * awareness update holding only the entries that changed something, or
   * null when none did (stock clients echo every awareness update they
   * receive: those echoes change nothing and go nowhere). Throws
   * `AwarenessFormatError` when it does not decode (nothing is applied) or
   * speaks for too many clients (the caller closes the connection, which
   * removes its states).
   */
  apply(owner: AwarenessOwner, update: Uint8Array): Uint8Array | null {
    const entries: { clientID: number; clock: number; json: string }[] = [];
    try {
      const decoder = decoding.createDecoder(update);
      const count = decoding.readVarUint(decoder);
      if (count > MAX_ENTRIES_PER_UPDATE) throw new AwarenessFormatError(`an awareness update for ${count} clients`);
      for (let i = 0; i < count; i++) {
        const clientID = decoding.readVarUint(decoder);
        const clock = decoding.readVarUint(decoder);
        const json = decoding.readVarString(decoder);
        JSON.parse(json);
        entries.push({ clientID, clock, json });
      }
    } catch (err) {
      if (err instanceof AwarenessFormatError) throw err;
      throw new AwarenessFormatError('an awareness update that does not decode', { cause: err });
    }
    const changed: { clientID: number; clock: number; json: string }[] = [];
    for (const entry of entries) {
      const { clientID, clock, json } = entry;
      const current = this.states.get(clientID);
      // Bound to its first connection: another user's entry for this id is dropped.
      if (current && current.owner !== owner && current.owner.userId !== owner.userId) continue;
      const currentClock = current?.clock ?? 0;
      // Same rule as y-protocols: newer clocks win; an equal clock may only remove.
      if (!(currentClock < clock || (currentClock === clock && json === 'null' && current !== undefined))) continue;
      changed.push(entry);
      if (json === 'null') {
        this.states.delete(clientID);
        current?.owner.awarenessClients.delete(clientID);
        continue;
      }
      if (current && current.owner !== owner) current.owner.awarenessClients.delete(clientID);
      if (!owner.awarenessClients.has(clientID) && owner.awarenessClients.size >= MAX_CLIENTS_PER_CONNECTION) {
        throw new AwarenessFormatError('awareness states for too many clients on one connection');
      }
      owner.awarenessClients.add(clientID);
      this.states.set(clientID, { clock, json, owner });
    }
    if (changed.length === 0) return null;
    return changed.length === entries.length ? update : encodeEntries(changed);
  }

  /** Forgets the states `owner` spoke for; returns the awareness update announcing they left, or null. */
  removeOwner(owner: AwarenessOwner): Uint8Array | null {
    const removed: [number, number][] = [];
    for (const clientID of owner.awarenessClients) {
      const entry = this.states.get(clientID);
      if (entry?.owner !== owner) continue;
      this.states.delete(clientID);
      removed.push([clientID, entry.clock + 1]);
    }
    owner.awarenessClients.clear();
    if (removed.length === 0) return null;
    return encodeEntries(removed.map(([clientID, clock]) => ({ clientID, clock, json: 'null' })));
  }

  /** An awareness update holding every known state, or null when there is none. */
  encodeAll(): Uint8Array | null {
    if (this.states.size === 0) return null;
    return encodeEntries([...this.states].map(([clientID, entry]) => ({ clientID, clock: entry.clock, json: entry.json })));
  }

  /** Forgets everything (the doc is unloaded). */
  clear(): void {
    this.states.clear();
  }
}

function encodeEntries(entries: readonly { clientID: number; clock: number; json: string }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientID, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientID);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}
