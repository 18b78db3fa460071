/**
 * The layout of a workspace's docs: the one registry of doc names → root maps
 * → projections, and of which docs sync with a relay.
 *
 * Features do not own whole docs: `meta` holds the settings of the
 * workspace, the rooms list and members, the digital humans' profiles and the
 * workspace's knowledge, each written by its own feature. So each feature
 * *contributes* to a doc kind (its root maps, its projections) and the layout
 * merges the contributions, refusing two features that claim the same root
 * map. A doc kind is one doc (`meta`, `audit`) or a family of docs sharing a
 * prefix that ends in `/` (`room/<id>`, `dh/<id>`).
 *
 * Why root maps are declared at all: a Y.Doc's root types must be defined
 * before any update is applied, so that changes are always reported against
 * the same types (DocManager's `prepareDoc` calls `defineRoots`).
 */
import type * as Y from 'yjs';
import type { SqliteDb } from './openSqlite';
import type { Projection } from './ProjectionRunner';

/** What one feature declares about one doc kind. */
export interface DocContribution {
  /** `meta`, `audit`, or a family prefix ending in `/` (`room/`). */
  doc: string;
  /** Root maps of the doc this feature writes (each map has one owner). */
  rootMaps: readonly string[];
  /** Tables derived from the doc (or from each doc of the family). */
  projections?: readonly Projection[];
  /** Whether docs of this kind sync with a relay (every contribution to a kind must agree). */
  synced: boolean;
  /** For a synced family: the names of its docs in an open workspace, read from projections. */
  instances?: (db: SqliteDb) => string[];
}

/** A doc kind: the merge of every contribution to it. */
export interface DocKind {
  doc: string;
  rootMaps: readonly string[];
  projections: readonly Projection[];
  synced: boolean;
  instances: ((db: SqliteDb) => string[]) | null;
}

/** True when `name` is a family prefix rather than one doc's name. */
function isFamily(name: string): boolean {
  return name.endsWith('/');
}

/** The docs of a workspace, merged from every feature's contributions. */
export class DocLayout {
  private readonly kinds = new Map<string, DocKind>();

  constructor(contributions: readonly DocContribution[]) {
    const owners = new Map<string, string>();
    for (const c of contributions) {
      const kind = this.kinds.get(c.doc) ?? { doc: c.doc, rootMaps: [], projections: [], synced: c.synced, instances: null };
      if (kind.synced !== c.synced) throw new Error(`Doc layout: contributions to "${c.doc}" disagree on whether it syncs`);
      for (const map of c.rootMaps) {
        const key = `${c.doc}#${map}`;
        if (owners.has(key)) throw new Error(`Doc layout: root map "${map}" of "${c.doc}" is declared twice`);
        owners.set(key, c.doc);
      }
      if (c.instances && !isFamily(c.doc)) throw new Error(`Doc layout: only a family (a prefix ending in "/") lists instances, not "${c.doc}"`);
      if (c.instances && kind.instances) throw new Error(`Doc layout: the instances of "${c.doc}" are listed twice`);
      this.kinds.set(c.doc, {
        doc: c.doc,
        rootMaps: [...kind.rootMaps, ...c.rootMaps],
        projections: [...kind.projections, ...(c.projections ?? [])],
        synced: kind.synced,
        instances: c.instances ?? kind.instances,
      });
    }
    for (const kind of this.kinds.values()) {
      if (kind.synced && isFamily(kind.doc) && !kind.instances) throw new Error(`Doc layout: synced family "${kind.doc}" must list its instances`);
    }
  }

  /** The kind `docName` belongs to, or null for a doc no feature declared. */
  kindOf(docName: string): DocKind | null {
    const exact = this.kinds.get(docName);
    if (exact) return exact;
    for (const kind of this.kinds.values()) if (isFamily(kind.doc) && docName.startsWith(kind.doc)) return kind;
    return null;
  }

  /** Defines the root maps of `docName` on a new, empty `doc` (DocManager's `prepareDoc`). */
  defineRoots(docName: string, doc: Y.Doc): void {
    for (const name of this.kindOf(docName)?.rootMaps ?? []) doc.getMap(name);
  }

  /** The root maps of `docName`'s kind (empty for an undeclared doc). */
  rootMapsOf(docName: string): readonly string[] {
    return this.kindOf(docName)?.rootMaps ?? [];
  }

  /** Every projection, in the order features declared them. */
  projections(): Projection[] {
    return [...this.kinds.values()].flatMap((k) => k.projections);
  }

  /** True when `docName` syncs with a relay. */
  isSynced(docName: string): boolean {
    return this.kindOf(docName)?.synced ?? false;
  }

  /** The synced docs of an open workspace: every single synced doc, then each instance of the synced families. */
  syncedDocNames(db: SqliteDb): string[] {
    const kinds = [...this.kinds.values()].filter((k) => k.synced);
    return [...kinds.filter((k) => !isFamily(k.doc)).map((k) => k.doc), ...kinds.flatMap((k) => k.instances?.(db) ?? [])];
  }
}
