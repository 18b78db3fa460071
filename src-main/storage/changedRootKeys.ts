/**
 * Which entries of a doc's root maps a transaction touched, so projections
 * and reactions can update only those instead of re-reading the whole doc.
 */
import type * as Y from 'yjs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type.
type AnyType = Y.AbstractType<any>;

/**
 * Root map name → keys changed in `transaction` (added, replaced, deleted, or
 * holding a nested type that changed). Changes inside a root array have no
 * key and are not reported. Root types must be defined (`getMap`) before the
 * first update is applied, or their changes cannot be told apart: see
 * `DocManagerOptions.prepareDoc`.
 */
export function changedRootKeys(doc: Y.Doc, transaction: Y.Transaction): Map<string, Set<string>> {
  const roots = new Map<AnyType, string>();
  for (const [name, type] of doc.share) roots.set(type, name);
  const out = new Map<string, Set<string>>();
  const add = (root: string, key: string): void => {
    let keys = out.get(root);
    if (!keys) out.set(root, (keys = new Set()));
    keys.add(key);
  };
  for (const [type, keys] of transaction.changed) {
    const rootName = roots.get(type);
    if (rootName !== undefined) {
      for (const key of keys) if (key !== null) add(rootName, key);
      continue;
    }
    // A nested type: climb to the child of a root and report that child's key.
    let item = type._item;
    while (item) {
      const parent = item.parent as AnyType | null;
      if (!parent || typeof parent !== 'object' || !('_item' in parent)) break;
      const parentRoot = roots.get(parent);
      if (parentRoot !== undefined) {
        if (item.parentSub !== null) add(parentRoot, item.parentSub);
        break;
      }
      item = parent._item;
    }
  }
  return out;
}
