/**
 * Where a workspace lives on disk: `<dataDir>/workspaces/<id>/workspace.db`.
 *
 * The id is checked against the strict pattern of `common/ids` and the
 * resolved folder must sit directly under `<dataDir>/workspaces`, so no id can
 * reach outside it (no `..`, separators, NUL bytes or absolute paths).
 * Workspace names are display text only and never reach a path.
 */
import path from 'node:path';
import { ValidationError } from '../common/AppError';
import { WORKSPACE_ID_PATTERN } from '../common/ids';

/** Throws a ValidationError unless `id` is a well-formed workspace id. */
export function assertWorkspaceId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !WORKSPACE_ID_PATTERN.test(id)) {
    const shown = typeof id === 'string' ? JSON.stringify(id.slice(0, 80)) : typeof id;
    throw new ValidationError(`Invalid workspace id ${shown}: use 8-64 letters, digits, "_" or "-"`);
  }
}

/** Folder that holds every workspace. */
export function workspacesRoot(dataDir: string): string {
  return path.resolve(dataDir, 'workspaces');
}

/** Folder of one workspace, after validating its id. */
export function workspaceDir(dataDir: string, id: unknown): string {
  assertWorkspaceId(id);
  const root = workspacesRoot(dataDir);
  const dir = path.resolve(root, id);
  if (path.dirname(dir) !== root) throw new ValidationError('Invalid workspace id: it must name a folder inside the data dir');
  return dir;
}

/** Path of a workspace's database file. */
export function workspaceDbPath(dataDir: string, id: unknown): string {
  return path.join(workspaceDir(dataDir, id), 'workspace.db');
}
