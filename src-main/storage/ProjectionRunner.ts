/**
 * Projections: SQLite tables derived from Yjs docs for queries.
 *
 * Each projection records, in `projection_state`, the doc clock (highest log
 * seq) it has indexed and the version of its indexer. When either differs
 * from the doc's clock or the code's version, the projection is rebuilt from
 * the doc in one transaction. Projections are never the truth: dropping one
 * only costs a rebuild.
 */
import type * as Y from 'yjs';
import type { SqliteDb } from './openSqlite';

/** A table (or a few) derived from one doc. */
export interface Projection {
  name: string;
  /** Bump when the indexer's output changes: every workspace rebuilds on next open. */
  version: number;
  docName: string;
  /** Replaces everything the projection holds with what `doc` says. Runs in a transaction. */
  rebuild(db: SqliteDb, doc: Y.Doc): void;
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

export class ProjectionRunner {
  private readonly byName = new Map<string, Projection>();

  constructor(
    private readonly db: SqliteDb,
    private readonly source: ProjectionSource,
    projections: readonly Projection[],
  ) {
    for (const p of projections) this.byName.set(p.name, p);
  }

  /** Recorded state of a projection, or null when it was never built. */
  state(name: string): ProjectionState | null {
    const row = this.db.prepare('SELECT version, clock FROM projection_state WHERE name = ?').get(name) as
      | ProjectionState
      | undefined;
    return row ?? null;
  }

  /** Rebuilds every projection (or the one named) that is stale or missing. Returns the names rebuilt. */
  ensureFresh(name?: string): string[] {
    const targets = name === undefined ? [...this.byName.values()] : [this.get(name)];
    const rebuilt: string[] = [];
    for (const projection of targets) {
      const clock = this.source.clock(projection.docName);
      const state = this.state(projection.name);
      if (state && state.version === projection.version && state.clock === clock) continue;
      this.rebuild(projection, clock);
      rebuilt.push(projection.name);
    }
    return rebuilt;
  }

  private rebuild(projection: Projection, clock: number): void {
    const doc = this.source.doc(projection.docName);
    this.db.transaction(() => {
      projection.rebuild(this.db, doc);
      this.db
        .prepare(
          `INSERT INTO projection_state (name, doc_id, version, clock) VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET doc_id = excluded.doc_id, version = excluded.version, clock = excluded.clock`,
        )
        .run(projection.name, projection.docName, projection.version, clock);
    })();
  }

  private get(name: string): Projection {
    const projection = this.byName.get(name);
    if (!projection) throw new Error(`Unknown projection ${name}`);
    return projection;
  }
}
