/**
 * An open workspace: its database, its docs and its projections, wired together.
 */
import type { DocLayout } from '../storage/DocLayout';
import { ProjectionRunner } from '../storage/ProjectionRunner';
import { openWorkspaceDb, type WorkspaceDb } from '../storage/WorkspaceDb';
import type { WorkspaceSchema } from '../storage/WorkspaceSchema';
import { DocManager } from '../sync/DocManager';
import type { ScopeKey } from './ScopeKey';

export interface WorkspaceHandle {
  id: string;
  storage: WorkspaceDb;
  docs: DocManager;
  projections: ProjectionRunner;
  /** The docs of this workspace: root maps, projections, which ones sync. */
  layout: DocLayout;
  /**
   * Per-workspace state of a feature (prepared queries, stores), made by
   * `factory` on first use and kept while the handle is open, so a feature
   * needs no module-level cache keyed by handle.
   */
  scoped<T>(key: ScopeKey<T>, factory: (handle: WorkspaceHandle) => T): T;
  close(): void;
}

export interface OpenWorkspaceOptions {
  create: boolean;
  /** The docs and migrations of this build (composed from the feature modules). */
  schema: WorkspaceSchema;
  nativeBinding?: string;
  compactEvery?: number;
  onError?: (err: unknown) => void;
}

/** Opens workspace `id` and brings its projections up to date. */
export function openWorkspaceHandle(dataDir: string, id: string, options: OpenWorkspaceOptions): WorkspaceHandle {
  const { layout, migrations } = options.schema;
  const storage = openWorkspaceDb(dataDir, id, {
    create: options.create,
    migrations,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const late: { projections?: ProjectionRunner } = {};
  const docs = new DocManager(storage.log, {
    ...(options.compactEvery !== undefined ? { compactEvery: options.compactEvery } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    prepareDoc: (docName, doc) => {
      layout.defineRoots(docName, doc);
      late.projections?.noteLoading(docName);
    },
  });
  const projections = new ProjectionRunner(storage.db, docs, layout.projections());
  late.projections = projections;
  // Projections follow every stored change, in the change's own transaction:
  // incrementally where they can, by a rebuild otherwise.
  docs.onChange((change) => projections.onDocChange(change));
  try {
    projections.ensureFresh();
  } catch (err) {
    docs.close();
    storage.close();
    throw err;
  }
  const scopes = new Map<ScopeKey<unknown>, unknown>();
  const handle: WorkspaceHandle = {
    id,
    storage,
    docs,
    projections,
    layout,
    scoped: <T>(key: ScopeKey<T>, factory: (h: WorkspaceHandle) => T): T => {
      if (scopes.has(key)) return scopes.get(key) as T;
      const value = factory(handle);
      scopes.set(key, value);
      return value;
    },
    close: () => {
      scopes.clear();
      docs.close();
      storage.close();
    },
  };
  return handle;
}
