/**
 * Projections: SQLite tables derived from Yjs docs for queries.
 *
 * Each projection records, in `projection_state`, the doc clock (highest log
 * seq) it has indexed and the version of its indexer. When either differs
 * from the doc's clock or the code's version, the projection is rebuilt from
 * the doc in one transaction. Projections are never the truth: dropping one
 * only costs a rebuild.
 *
 * A projection covers one doc (`meta`), or a family of docs sharing a prefix
 * (`room/`: one state row per doc, named `<projection>:<doc>`). A projection
 * with `apply` follows each stored change incrementally, as long as this
 * runner knows it was fresh just before the change; otherwise it rebuilds.
 */
import type * as Y from 'yjs';
import type { SqliteDb } from './openSqlite';

/** A stored change of a doc, as the runner needs it (DocManager's DocChange fits). */
export interface ProjectionChange {
  docName: string;
  origin: { source: string };
  /** Log seq of a change written by this process; null when it came from the log. */
  seq: number | null;
  transaction: Y.Transaction;
}

/** Tables derived from one doc, or from each doc of a family. */
export interface Projection {
  name: string;
  /** Bump when the indexer's output changes: every workspace rebuilds on next use. */
  version: number;
  /** The doc it derives from; for a family, the prefix of its docs' names, ending in `/`. */
  docName: string;
  /** Replaces everything the projection holds for `docName` with what `doc` says. Runs in a transaction. */
  rebuild(db: SqliteDb, doc: Y.Doc, docName: string): void;
  /** Applies one stored change of `docName` (already in `doc`). Without it, every change rebuilds. */
  apply?(db: SqliteDb, doc: Y.Doc, change: ProjectionChange): void;
}

/** Where the runner reads docs and their clocks (implemented by DocManager). */
export interface ProjectionSource {
  doc(docName: string): Y.Doc;
  clock(docName: string): number;
}

export interface ProjectionState {
  version: number;
  clock: number;
}

/** True when `projection` covers a family of docs rather than one. */
function isFamily(projection: Projection): boolean {
  return projection.docName.endsWith('/');
}

/** Keeps the projections of one workspace database in step with its docs. */
export class ProjectionRunner {
  private readonly byName = new Map<string, Projection>();
  /** State keys known to match their doc in this process, so no query is needed to trust them. */
  private readonly fresh = new Set<string>();
  private readonly stateStmt;
  private readonly writeStateStmt;

  constructor(
    private readonly db: SqliteDb,
    private readonly source: ProjectionSource,
    projections: readonly Projection[],
  ) {
    for (const p of projections) this.byName.set(p.name, p);
    this.stateStmt = db.prepare('SELECT version, clock FROM projection_state WHERE name = ?');
    this.writeStateStmt = db.prepare(
      `INSERT INTO projection_state (name, doc_id, version, clock) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET doc_id = excluded.doc_id, version = excluded.version, clock = excluded.clock`,
    );
  }

  /** Recorded state of a projection (of `docName` for a family), or null when it was never built. */
  state(name: string, docName?: string): ProjectionState | null {
    const projection = this.get(name);
    const key = stateKey(projection, docName ?? projection.docName);
    return (this.stateStmt.get(key) as ProjectionState | undefined) ?? null;
  }

  /**
   * Rebuilds every single-doc projection (or the one named) that is stale or
   * missing. Families are checked doc by doc, when used: `ensureDocFresh`.
   * Returns the names rebuilt.
   */
  ensureFresh(name?: string): string[] {
    const targets = name === undefined ? [...this.byName.values()].filter((p) => !isFamily(p)) : [this.get(name)];
    const rebuilt: string[] = [];
    for (const projection of targets) {
      if (isFamily(projection)) throw new Error(`${projection.name} projects many docs: use ensureDocFresh`);
      if (this.ensure(projection, projection.docName)) rebuilt.push(projection.name);
    }
    return rebuilt;
  }

  /** Rebuilds the projections of `docName` that are stale or missing. Returns the names rebuilt. */
  ensureDocFresh(docName: string): string[] {
    const rebuilt: string[] = [];
    for (const projection of this.covering(docName)) if (this.ensure(projection, docName)) rebuilt.push(projection.name);
    return rebuilt;
  }

  /**
   * A doc is being loaded (its stored state not yet applied): if a projection
   * of it matches the stored clock, remember it as fresh, so the changes that
   * follow are applied incrementally rather than by a rebuild.
   */
  noteLoading(docName: string): void {
    for (const projection of this.covering(docName)) {
      const key = stateKey(projection, docName);
      if (this.fresh.has(key)) continue;
      const state = this.stateStmt.get(key) as ProjectionState | undefined;
      if (state && state.version === projection.version && state.clock === this.source.clock(docName)) this.fresh.add(key);
    }
  }

  /**
   * Follows one stored change: applies it to each projection of its doc
   * (or rebuilds those that cannot apply it), and records the new clock.
   * Runs inside the change's own write transaction.
   */
  onDocChange(change: ProjectionChange): void {
    for (const projection of this.covering(change.docName)) {
      const key = stateKey(projection, change.docName);
      if (!projection.apply || !this.fresh.has(key)) {
        this.fresh.delete(key);
        this.ensure(projection, change.docName);
        continue;
      }
      const apply = (): void => {
        projection.apply!(this.db, this.source.doc(change.docName), change);
        this.writeStateStmt.run(key, change.docName, projection.version, this.source.clock(change.docName));
      };
      try {
        // Inside the change's own transaction (the usual case) a savepoint would only add cost:
        // if applying fails, the state row keeps the old clock and the next use rebuilds.
        if (this.db.inTransaction) apply();
        else this.db.transaction(apply)();
      } catch (err) {
        // Its tables no longer match the doc: the next use rebuilds them.
        this.fresh.delete(key);
        throw err;
      }
    }
  }

  private covering(docName: string): Projection[] {
    const out: Projection[] = [];
    for (const p of this.byName.values()) if (isFamily(p) ? docName.startsWith(p.docName) : p.docName === docName) out.push(p);
    return out;
  }

  /** Rebuilds `projection` of `docName` when stale; returns whether it did. */
  private ensure(projection: Projection, docName: string): boolean {
    const key = stateKey(projection, docName);
    if (this.fresh.has(key)) return false;
    const clock = this.source.clock(docName);
    const state = this.stateStmt.get(key) as ProjectionState | undefined;
    // A doc that was never written has nothing to project: no need to load it.
    if ((state && state.version === projection.version && state.clock === clock) || (!state && clock === 0)) {
      this.fresh.add(key);
      return false;
    }
    const doc = this.source.doc(docName);
    // Loading the doc may have caught up with the log: record the clock it really reflects.
    const loadedClock = this.source.clock(docName);
    this.db.transaction(() => {
      projection.rebuild(this.db, doc, docName);
      this.writeStateStmt.run(key, docName, projection.version, loadedClock);
    })();
    this.fresh.add(key);
    return true;
  }

  private get(name: string): Projection {
    const projection = this.byName.get(name);
    if (!projection) throw new Error(`Unknown projection ${name}`);
    return projection;
  }
}

function stateKey(projection: Projection, docName: string): string {
  return isFamily(projection) ? `${projection.name}:${docName}` : projection.name;
}
