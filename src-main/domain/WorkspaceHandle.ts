/**
 * An open workspace: its database, its docs and its projections, wired together.
 */
import { metaDhProjection } from '../storage/dh/metaDhProjection';
import { auditProjection } from '../storage/audit/auditProjection';
import { knowledgeDhProjection, knowledgeMetaProjection } from '../storage/knowledge/knowledgeProjection';
import { memoriesProjection } from '../storage/memory/memoriesProjection';
import { metaSettingsProjection } from '../storage/metaSettingsProjection';
import { ProjectionRunner } from '../storage/ProjectionRunner';
import { defineWorkspaceDocTypes } from '../storage/rooms/defineWorkspaceDocTypes';
import { metaRoomsProjection } from '../storage/rooms/metaRoomsProjection';
import { roomMessagesProjection } from '../storage/rooms/roomMessagesProjection';
import { tasksProjection } from '../storage/tasks/tasksProjection';
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
  const late: { projections?: ProjectionRunner } = {};
  const docs = new DocManager(storage.log, {
    ...(options.compactEvery !== undefined ? { compactEvery: options.compactEvery } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    prepareDoc: (docName, doc) => {
      defineWorkspaceDocTypes(docName, doc);
      late.projections?.noteLoading(docName);
    },
  });
  const projections = new ProjectionRunner(storage.db, docs, [metaSettingsProjection, metaRoomsProjection, roomMessagesProjection, metaDhProjection, tasksProjection, auditProjection, memoriesProjection, knowledgeMetaProjection, knowledgeDhProjection]);
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
