/**
 * An open workspace: its database, its docs and its projections, wired together.
 */
import { metaSettingsProjection } from '../storage/metaSettingsProjection';
import { ProjectionRunner } from '../storage/ProjectionRunner';
import { openWorkspaceDb, type WorkspaceDb } from '../storage/WorkspaceDb';
import { DocManager } from '../sync/DocManager';

export interface WorkspaceHandle {
  id: string;
  storage: WorkspaceDb;
  docs: DocManager;
  projections: ProjectionRunner;
  close(): void;
}

export interface OpenWorkspaceOptions {
  create: boolean;
  nativeBinding?: string;
  compactEvery?: number;
  onError?: (err: unknown) => void;
}

/** Opens workspace `id` and brings its projections up to date. */
export function openWorkspaceHandle(dataDir: string, id: string, options: OpenWorkspaceOptions): WorkspaceHandle {
  const storage = openWorkspaceDb(dataDir, id, {
    create: options.create,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const docs = new DocManager(storage.log, {
    ...(options.compactEvery !== undefined ? { compactEvery: options.compactEvery } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const projections = new ProjectionRunner(storage.db, docs, [metaSettingsProjection]);
  // Projections follow every stored change; a rebuild is cheap for the meta doc
  // and is skipped when the recorded clock already matches.
  docs.onChange((change) => {
    if (change.docName === metaSettingsProjection.docName) projections.ensureFresh(metaSettingsProjection.name);
  });
  try {
    projections.ensureFresh();
  } catch (err) {
    docs.close();
    storage.close();
    throw err;
  }
  return {
    id,
    storage,
    docs,
    projections,
    close: () => {
      docs.close();
      storage.close();
    },
  };
}
