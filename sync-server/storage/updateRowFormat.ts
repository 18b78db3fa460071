/**
 * One row of the SQLite doc log (`updates`, SqliteDocPersistence.ts) holds
 * every update of one doc that one group commit stored, in order.
 *
 * Why: a group commit of a hundred one-character updates of a stock client
 * cost the writer thread a hundred B-tree inserts (~0.7 ms of CPU per
 * commit on a 2-core host), and those bursts beside the thread serving
 * sockets were the tail of the relay's propagation; a doc's log also loaded
 * row by row. One row per doc per commit costs one insert.
 *
 * Format (`parts` column, migration 3 `update_parts`):
 * - `parts = 1`: `data` is one Yjs v1 update, as every row written before;
 * - `parts = n > 1`: `data` is n times (unsigned LEB128 byte length, the
 *   update's bytes), back to back, nothing after the last one.
 *
 * The writer `joinUpdateRow` and the reader `splitUpdateRow` are written
 * once, as JavaScript source (UPDATE_ROW_JS): the log's writer thread and
 * the merge worker run text, and this module compiles the same text for the
 * serving thread's loads. The reader refuses a row that does not parse into
 * exactly `parts` updates: the file was damaged, and a doc must fail to load
 * rather than be served half.
 */
import vm from 'node:vm';

/**
 * The writer and the reader as JavaScript source (the workers' code is text:
 * SqliteLogWriter.ts, mergeUpdatesOffThread.ts). `joinUpdateRow(parts)`
 * returns a row's `data` for two or more updates; `splitUpdateRow(data, parts)`
 * its updates.
 */
export const UPDATE_ROW_JS = `
function joinUpdateRow(parts) {
  let total = 0;
  for (const part of parts) total += part.length + 5;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const part of parts) {
    let length = part.length;
    while (length >= 0x80) {
      out[at++] = (length & 0x7f) | 0x80;
      length = Math.floor(length / 128);
    }
    out[at++] = length;
    out.set(part, at);
    at += part.length;
  }
  return out.subarray(0, at);
}
function splitUpdateRow(data, parts) {
  if (parts === 1) return [data];
  const out = [];
  let at = 0;
  while (at < data.length) {
    let length = 0;
    let shift = 0;
    let byte;
    do {
      if (at >= data.length || shift > 28) throw new Error('a doc log row is damaged (a length runs past its end)');
      byte = data[at++];
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    if (at + length > data.length) throw new Error('a doc log row is damaged (an update runs past its end)');
    out.push(data.subarray(at, at + length));
    at += length;
  }
  if (out.length !== parts || parts < 1) throw new Error('a doc log row is damaged (' + out.length + ' updates where it says ' + parts + ')');
  return out;
}
`;

interface UpdateRowCodec {
  joinUpdateRow(parts: readonly Uint8Array[]): Uint8Array;
  splitUpdateRow(data: Uint8Array, parts: number): Uint8Array[];
}

// Compiled once, in this context: the very text the workers run.
const codec = vm.runInThisContext(`(() => {${UPDATE_ROW_JS}\nreturn { joinUpdateRow, splitUpdateRow };\n})()`, { filename: 'updateRowFormat.js' }) as UpdateRowCodec;

/** The updates of one log row (`parts` of them); throws on a damaged row. */
export const splitUpdateRow: (data: Uint8Array, parts: number) => Uint8Array[] = codec.splitUpdateRow;

/** A log row's `data` for `parts` (two or more updates; one is stored as it is). */
export const joinUpdateRow: (parts: readonly Uint8Array[]) => Uint8Array = codec.joinUpdateRow;
