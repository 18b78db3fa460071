/** An open workspace as the digital humans and tasks services use it: its handle and queries. */
import { DhQueries } from '../../storage/dh/DhQueries';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { TaskQueries } from '../../storage/tasks/TaskQueries';
import { scopeKey } from '../ScopeKey';
import type { WorkspaceHandle } from '../WorkspaceHandle';

/** One open workspace, with the DH and task queries of its database. */
export interface DhWorkspace {
  id: string;
  handle: WorkspaceHandle;
  dhs: DhQueries;
  tasks: TaskQueries;
}

const QUERIES = scopeKey<{ dhs: DhQueries; tasks: TaskQueries }>('dh.queries');

/** The DH view of an open handle (queries are prepared once per handle). */
export function dhWorkspace(handle: WorkspaceHandle): DhWorkspace {
  const q = handle.scoped(QUERIES, (h) => ({ dhs: new DhQueries(h.storage.db), tasks: new TaskQueries(h.storage.db) }));
  return { id: handle.id, handle, ...q };
}

/**
 * Brings the tasks projection of every DH's doc up to date (normally a few
 * no-op checks: projections follow each change; this catches docs written
 * by another process or projected by an older build).
 */
export function freshTasks(ws: DhWorkspace): void {
  for (const dh of ws.dhs.list()) ws.handle.projections.ensureDocFresh(dhDocName(dh.id));
}
