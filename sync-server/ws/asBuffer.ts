/**
 * A frame as a Buffer over the same memory, made once before it goes to
 * every observer: `ws` wraps a plain Uint8Array in a Buffer on each send.
 */
export function asBuffer(frame: Uint8Array): Buffer {
  return Buffer.isBuffer(frame) ? frame : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
}
