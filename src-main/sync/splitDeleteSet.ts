/**
 * Splits a Yjs (v1) update that only deletes (no new structs: what the
 * relay sends when it erases a member's messages, docs/erasure.md) into
 * parts that delete at most `maxItems` items each (a map entry's value is
 * one item; a run of consecutive items is cut where needed). Deletions name the
 * items they delete, so the parts, applied one by one in any order, give
 * the same doc as the whole update. DocManager applies a large one a few
 * parts per turn of the event loop: applying 12,500 deletions at once (the
 * Yjs part and, above all, the projections following each deleted message
 * in SQLite) holds the core's thread for seconds.
 *
 * Update format (y-protocols v1): varUint #clients with structs (0 here),
 * then the delete set: varUint #clients, per client varUint client, varUint
 * #ranges, per range varUint clock, varUint length.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

interface ClientRanges {
  client: number;
  /** clock, length, clock, length… */
  ranges: number[];
}

function encodeParts(clients: readonly ClientRanges[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, clients.length);
  for (const { client, ranges } of clients) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length / 2);
    for (const n of ranges) encoding.writeVarUint(encoder, n);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The parts of `update` when it only deletes and deletes more than `maxItems` items; null otherwise
 * (it has structs, it is small, or it is not a v1 update this reads to its end).
 */
export function splitDeleteSet(update: Uint8Array, maxItems: number): Uint8Array[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    if (decoding.readVarUint(decoder) !== 0) return null;
    const clients = decoding.readVarUint(decoder);
    const all: ClientRanges[] = [];
    let total = 0;
    for (let c = 0; c < clients; c++) {
      const client = decoding.readVarUint(decoder);
      const count = decoding.readVarUint(decoder);
      const ranges: number[] = [];
      for (let r = 0; r < count; r++) ranges.push(decoding.readVarUint(decoder), decoding.readVarUint(decoder));
      all.push({ client, ranges });
      for (let r = 1; r < ranges.length; r += 2) total += ranges[r]!;
    }
    if (decoding.hasContent(decoder) || total <= maxItems) return null;
    const parts: Uint8Array[] = [];
    let part: ClientRanges[] = [];
    let inPart = 0;
    for (const { client, ranges } of all) {
      let current: ClientRanges | null = null;
      for (let at = 0; at < ranges.length; at += 2) {
        let clock = ranges[at]!;
        let length = ranges[at + 1]!;
        // A long run of deleted items (messages written one after another) is cut too.
        while (length > 0) {
          const take = Math.min(length, maxItems - inPart);
          if (!current) part.push((current = { client, ranges: [] }));
          current.ranges.push(clock, take);
          clock += take;
          length -= take;
          inPart += take;
          if (inPart === maxItems) {
            parts.push(encodeParts(part));
            part = [];
            current = null;
            inPart = 0;
          }
        }
      }
    }
    if (part.length > 0) parts.push(encodeParts(part));
    return parts;
  } catch {
    return null;
  }
}
