/**
 * A doc as readable JSON for a workspace export (`docs/<name>.json`), in
 * chunks: a room of a hundred thousand messages never becomes one string
 * (nor one object of every message) in memory.
 *
 * The bytes are exactly those of `JSON.stringify(roots, null, 2) + '\n'`,
 * where `roots` maps each root's name (sorted) to its `Y.Map#toJSON()`:
 * keys in the order a plain object gives them (array indices ascending
 * first, then the others as inserted), a key whose value has no JSON form
 * left out, `__proto__` left out (assigning it to a plain object sets the
 * prototype, so `toJSON` never shows it), nested values indented by depth.
 */
import * as Y from 'yjs';

/** Entries of one root map per chunk: some 30 KB, well under the size V8 puts straight into the old generation. */
const ENTRIES_PER_CHUNK = 100;
const MAX_ARRAY_INDEX = 4_294_967_295;

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < MAX_ARRAY_INDEX;
}

/** `keys` in the order JSON.stringify writes a plain object's own keys. */
export function plainObjectKeyOrder(keys: Iterable<string>): string[] {
  const indices: string[] = [];
  const others: string[] = [];
  for (const key of keys) {
    if (key === '__proto__') continue;
    if (isArrayIndex(key)) indices.push(key);
    else others.push(key);
  }
  indices.sort((a, b) => Number(a) - Number(b));
  return indices.length === 0 ? others : [...indices, ...others];
}

/** The readable JSON of `doc` (every root a Y.Map), chunk by chunk; joined, the chunks are the whole text. */
export function* docJsonChunks(doc: Y.Doc): Generator<string> {
  const names = plainObjectKeyOrder([...doc.share.keys()].sort());
  if (names.length === 0) {
    yield '{}\n';
    return;
  }
  let chunk = '{';
  for (const [i, name] of names.entries()) {
    chunk += `${i > 0 ? ',' : ''}\n  ${JSON.stringify(name)}: `;
    const map = doc.getMap(name);
    let written = 0;
    for (const key of plainObjectKeyOrder(map.keys())) {
      const value: unknown = map.get(key);
      const json = JSON.stringify(value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value, null, 2) as string | undefined;
      if (json === undefined) continue;
      // A nested value sits two levels deep: its own lines are indented four spaces more.
      chunk += `${written > 0 ? ',' : '{'}\n    ${JSON.stringify(key)}: ${json.replaceAll('\n', '\n    ')}`;
      written += 1;
      if (written % ENTRIES_PER_CHUNK === 0) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += written > 0 ? '\n  }' : '{}';
  }
  yield `${chunk}\n}\n`;
}
