/**
 * Damage found while a channel runs: a handler whose workspace's file returns
 * a corruption error (`database disk image is malformed`, `file is not a
 * database`) marks that workspace damaged, which closes it, and the caller
 * gets a WORKSPACE_DAMAGED error saying what to do instead of an internal
 * error. Other workspaces and the app keep working.
 *
 * A write the disk refused becomes a STORAGE_FULL or STORAGE_READ_ONLY error that
 * says so: the write was not stored nor sent, what was stored before is
 * safe, and what to do (free space, or make the folder writable, then retry).
 */
import type { WorkspaceService } from '../domain/WorkspaceService';
import { AppError } from '../common/AppError';
import { isCorruptionError } from '../storage/backups/dbFileDamage';
import { writeFailureOf } from '../storage/writeFailure';
import type { Handlers } from './dispatchChannel';

/** The workspace a channel's parsed input names (`workspaceId`, or `id` of the workspace channels). */
function workspaceOf(channel: string, input: unknown): string | null {
  if (input === null || typeof input !== 'object') return null;
  const fields = input as { workspaceId?: unknown; id?: unknown };
  if (typeof fields.workspaceId === 'string') return fields.workspaceId;
  if (channel.startsWith('workspace.') && typeof fields.id === 'string') return fields.id;
  return null;
}

/** Wraps every handler of `handlers` so corruption errors are contained to their workspace. */
export function containDamage(handlers: Handlers, workspaces: WorkspaceService): Handlers {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (input: unknown) => unknown][]) {
    wrapped[channel] = async (input) => {
      try {
        return await handler(input);
      } catch (err) {
        // An AppError already says what happened (its message may quote SQLite's words).
        if (err instanceof AppError) throw err;
        const refused = writeFailureOf(err);
        if (refused !== null) throw new AppError(refused === 'full' ? 'STORAGE_FULL' : 'STORAGE_READ_ONLY', refusedWriteMessage(refused), { cause: err });
        const workspaceId = isCorruptionError(err) ? workspaceOf(channel, input) : null;
        if (workspaceId === null || !workspaces.list(true).some((w) => w.id === workspaceId)) throw err;
        throw workspaces.markDamaged(workspaceId, err);
      }
    };
  }
  // Each wrapper returns what the handler of its own channel returns.
  return wrapped as unknown as Handlers;
}

function refusedWriteMessage(why: 'full' | 'read-only'): string {
  const what = why === 'full' ? 'the disk is full' : 'the data folder cannot be written to (the disk or the file is read-only)';
  const todo = why === 'full' ? 'Free some disk space, then try again.' : 'Make the data folder writable again, then try again.';
  return `This change was not saved and not sent: ${what}. Everything saved before is safe. ${todo}`;
}
