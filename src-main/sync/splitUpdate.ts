/**
 * Splits a Yjs (v1) update that is too big for one WebSocket frame into
 * several valid updates that, applied in any order, give the same doc: runs
 * of one client's consecutive structs of at most `maxBytes` each, then the
 * delete set on its own. The first handshake of a doc written offline (a
 * digital human's many memories, imported documents) can be far bigger than
 * a relay accepts in one frame; sent this way, it goes through.
 *
 * Update format (y-protocols v1): varUint #clients, then per client
 * varUint #structs, varUint client, varUint first clock, the structs; then
 * the delete set: varUint #clients, per client varUint client, varUint
 * #ranges, per range varUint clock, varUint length. A single struct bigger
 * than `maxBytes` stays whole.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

function encodeRun(structs: readonly Struct[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, structs.length);
  encoder.writeClient(structs[0]!.id.client);
  encoding.writeVarUint(encoder.restEncoder, structs[0]!.id.clock);
  for (const struct of structs) struct.write(encoder, 0);
  // No deletions in this part.
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

function encodeDeleteSet(ds: ReturnType<typeof Y.decodeUpdate>['ds']): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 0);
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size);
  for (const [client, ranges] of [...ds.clients.entries()].sort((a, b) => b[0] - a[0])) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const range of ranges) {
      encoder.writeDsClock(range.clock);
      encoder.writeDsLen(range.len);
    }
  }
  return encoder.toUint8Array();
}

/** `update` itself when it fits in `maxBytes`; otherwise parts that each fit (but for a single oversized struct). */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (update.length <= maxBytes) return [update];
  const { structs, ds } = Y.decodeUpdate(update);
  const parts: Uint8Array[] = [];
  let run: Struct[] = [];
  let runBytes = 0;
  const flush = (): void => {
    if (run.length > 0) parts.push(encodeRun(run));
    run = [];
    runBytes = 0;
  };
  for (const struct of structs) {
    // A struct's own size, plus the few bytes of a run's header.
    const size = encodeRun([struct]).length;
    const last = run[run.length - 1];
    const follows = last !== undefined && last.id.client === struct.id.client && last.id.clock + last.length === struct.id.clock;
    if (!follows || runBytes + size > maxBytes) flush();
    run.push(struct);
    runBytes += size;
  }
  flush();
  if (ds.clients.size > 0) parts.push(encodeDeleteSet(ds));
  return parts;
}
