/**
 * Awareness states of a doc's clients connected to other relay nodes, as
 * their nodes published them (they checked them; this reader still decodes
 * defensively and drops what does not decode). Kept so a client joining on
 * this node is told who is on the doc elsewhere, not only here. Same rule
 * as y-protocols: a newer clock wins, `null` removes. A node that dies
 * publishes no removal: stock clients drop a state not renewed for 30 s.
 *
 * Awareness update format (y-protocols/awareness):
 *   varUint count, then count × (varUint clientID, varUint clock, varString stateJSON)
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Most remote states kept per doc. */
const MAX_REMOTE_STATES = 10_000;

export class RemoteAwareness {
  private readonly states = new Map<number, { clock: number; json: string }>();

  /** Applies an awareness update another node published; false when it does not decode (nothing applied). */
  apply(update: Uint8Array): boolean {
    const entries: { clientID: number; clock: number; json: string }[] = [];
    try {
      const decoder = decoding.createDecoder(update);
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) {
        entries.push({ clientID: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), json: decoding.readVarString(decoder) });
      }
    } catch {
      // Not an awareness update: ignored, as a client would.
      return false;
    }
    for (const { clientID, clock, json } of entries) {
      const current = this.states.get(clientID);
      if (current && current.clock > clock) continue;
      if (json === 'null') this.states.delete(clientID);
      else if (current || this.states.size < MAX_REMOTE_STATES) this.states.set(clientID, { clock, json });
    }
    return true;
  }

  /** Every known remote state as one awareness update, or null when there is none. */
  encodeAll(): Uint8Array | null {
    if (this.states.size === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, this.states.size);
    for (const [clientID, { clock, json }] of this.states) {
      encoding.writeVarUint(encoder, clientID);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, json);
    }
    return encoding.toUint8Array(encoder);
  }

  clear(): void {
    this.states.clear();
  }
}
