/**
 * Where an item of an update lands in the doc the relay holds: its root
 * map's name and the keys from that root down to the item (`rooms`,
 * [roomId, 'members', memberId]). A decoded item names its parent only when
 * it has no neighbour (a root's name, or the id of the item holding a
 * nested type); otherwise, like a Y.Map value replacing an older one, it
 * lands where its neighbour (origin) is, so the neighbour is looked up, in
 * the held doc or earlier in the same update. Each step is a lookup by id
 * (binary search in the writer's structs), never a walk over the doc.
 *
 * `null` means the item will have no effect: Yjs garbage-collects an item
 * whose neighbour or parent was garbage-collected, and so do we not care
 * where it was headed. `undefined` means it cannot be placed (its parent
 * is neither held nor in the update: Yjs would hold it back); callers
 * refuse those.
 */
import * as Y from 'yjs';
import type { DecodedUpdate } from './checkUpdatePolicy';

/** A root map and the keys under it. */
export interface ItemPlace {
  root: string;
  keys: string[];
}

type Struct = DecodedUpdate['structs'][number];

/** Places items of one update against one held doc; caches what it found. */
export class ItemPlacer {
  private byClient: Map<number, Struct[]> | null = null;
  /** Where each new item already looked at lands (built at the first item not directly under a root). */
  private placed: Map<Y.Item, ItemPlace | null | undefined> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: readonly Struct[],
  ) {}

  /**
   * Where the new (decoded) item `item` lands. Items placed by their
   * neighbour form chains (each element of a list typed in a row names the
   * one before it): a chain is walked in a loop, not by recursion, and every
   * item on it remembers the answer, so an update of n such items costs
   * n lookups, however long its chains. A chain that comes back to itself
   * (only a forged update does that) cannot be placed.
   */
  placeNew(item: Y.Item, depth = 0): ItemPlace | null | undefined {
    if (depth > 32) return undefined;
    // Most items of an update name their root map (a new value under a key): no chain, nothing to remember.
    const direct = item.parent as unknown;
    if (typeof direct === 'string' && !this.placed?.has(item)) return { root: direct, keys: item.parentSub === null ? [] : [item.parentSub] };
    this.placed ??= new Map();
    const placed = this.placed;
    // Built only when the walk goes past its first item (a value typed after another of the update).
    let chain: Y.Item[] | null = null;
    let onChain: Set<Y.Item> | null = null;
    let current = item;
    let result: ItemPlace | null | undefined;
    for (;;) {
      if (placed.has(current)) {
        result = placed.get(current);
        break;
      }
      if (onChain?.has(current)) {
        result = undefined;
        break;
      }
      if (current !== item) {
        chain ??= [item];
        onChain ??= new Set(chain);
        chain.push(current);
        onChain.add(current);
      }
      const parent = current.parent as unknown;
      if (typeof parent === 'string') {
        result = { root: parent, keys: current.parentSub === null ? [] : [current.parentSub] };
        break;
      }
      if (parent instanceof Y.ID) {
        const holder = this.find(parent);
        if (!holder || !(holder instanceof Y.Item)) {
          result = holder === undefined ? undefined : null;
          break;
        }
        const above = this.placeAny(holder, depth + 1);
        result = above ? { root: above.root, keys: current.parentSub === null ? above.keys : [...above.keys, current.parentSub] } : above;
        break;
      }
      const neighbourId = current.origin ?? current.rightOrigin;
      const neighbour = neighbourId ? this.find(neighbourId) : undefined;
      if (!neighbour || !(neighbour instanceof Y.Item)) {
        result = neighbour === undefined ? undefined : null;
        break;
      }
      if (neighbour.parent instanceof Y.AbstractType) {
        result = this.placeHeld(neighbour, depth + 1);
        break;
      }
      current = neighbour;
    }
    if (chain) for (const link of chain) placed.set(link, result);
    else placed.set(item, result);
    return result;
  }

  /** Where a held (integrated) item is; null when it has no parent any more. */
  placeHeld(item: Y.Item, depth = 0): ItemPlace | null {
    // A value directly under a root map (the common case: a message, a reaction) needs no key list built backwards.
    const type = item.parent as Y.AbstractType<unknown> | null;
    if (depth < 32 && type instanceof Y.AbstractType && type._item === null) {
      const root = rootNameOf(this.doc, type);
      return root === undefined ? null : { root, keys: item.parentSub === null ? [] : [item.parentSub] };
    }
    const keys: string[] = [];
    let current: Y.Item | null = item;
    for (let steps = depth; current !== null && steps < 32; steps++) {
      if (current.parentSub !== null) keys.push(current.parentSub);
      const parent = current.parent as Y.AbstractType<unknown> | null;
      if (!parent || !(parent instanceof Y.AbstractType)) return null;
      if (parent._item === null) {
        const root = rootNameOf(this.doc, parent);
        return root === undefined ? null : { root, keys: keys.reverse() };
      }
      current = parent._item;
    }
    return null;
  }

  /** The item with id `id` (or containing it): held, else in this update; undefined when neither has it. */
  find(id: Y.ID): Y.Item | Y.GC | Y.Skip | undefined {
    const held = this.doc.store.clients.get(id.client);
    if (held && id.clock < Y.getState(this.doc.store, id.client)) return held[Y.findIndexSS(held, id.clock)] as Y.Item | Y.GC;
    this.byClient ??= groupByClient(this.structs);
    const mine = this.byClient.get(id.client);
    if (!mine) return undefined;
    let lo = 0;
    let hi = mine.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = mine[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /** Whether the update's own structs cover the clocks [from, to) of `client`. */
  covers(client: number, from: number, to: number): boolean {
    this.byClient ??= groupByClient(this.structs);
    let next = from;
    for (const s of this.byClient.get(client) ?? []) {
      if (s.id.clock > next) break;
      next = Math.max(next, s.id.clock + s.length);
      if (next >= to) return true;
    }
    return next >= to;
  }

  private placeAny(item: Y.Item, depth: number): ItemPlace | null | undefined {
    // A held item was integrated: its parent is a type. A new one is still decoded.
    return item.parent instanceof Y.AbstractType ? this.placeHeld(item, depth) : this.placeNew(item, depth);
  }
}

/** Per held doc, the name of each root type: built once per doc (root types never change), not once per update. */
const rootNames = new WeakMap<Y.Doc, Map<unknown, string>>();

function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | undefined {
  let names = rootNames.get(doc);
  // A root added since (doc.getMap of a new name) is missed by the cached map: read it again then.
  if (!names || names.size !== doc.share.size) rootNames.set(doc, (names = new Map([...doc.share].map(([name, root]) => [root, name]))));
  return names.get(type);
}

function groupByClient(structs: readonly Struct[]): Map<number, Struct[]> {
  const map = new Map<number, Struct[]>();
  for (const s of structs) {
    let list = map.get(s.id.client);
    if (!list) map.set(s.id.client, (list = []));
    list.push(s);
  }
  for (const list of map.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return map;
}

/** The last plain value of a decoded or held item's content, or undefined when it holds no plain value. */
export function plainValueOf(item: Y.Item): unknown {
  const content = item.content;
  if (content instanceof Y.ContentAny) return content.arr[content.arr.length - 1];
  if (content instanceof Y.ContentJSON) return content.arr[content.arr.length - 1];
  return undefined;
}

/**
 * Calls `visit` for each item of `doc` that the delete set `ds` deletes and
 * that is not deleted yet (what the update would newly delete). Deletes of
 * items the update itself adds (set and replaced in one transaction) are
 * the update's business and skipped; a range past both the held doc and
 * the update is reported with `item` undefined: Yjs would keep it and
 * delete those items the moment they arrive, so callers refuse it.
 */
export function forEachNewDelete(doc: Y.Doc, placer: ItemPlacer, ds: DecodedUpdate['ds'], visit: (item: Y.Item | undefined) => boolean): boolean {
  for (const [client, ranges] of ds.clients) {
    const held = doc.store.clients.get(client);
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (len === 0) continue;
      if (held && clock < state) {
        for (let i = Y.findIndexSS(held, clock); i < held.length && held[i]!.id.clock < clock + len; i++) {
          const s = held[i]!;
          if (s instanceof Y.Item && !s.deleted && !visit(s)) return false;
        }
      }
      if (clock + len > state && !placer.covers(client, Math.max(clock, state), clock + len) && !visit(undefined)) return false;
    }
  }
  return true;
}
