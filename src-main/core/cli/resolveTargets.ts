/** Turns what a person types on the command line (`--workspace`, `--room`, `--dh`) into ids. */
import type { DigitalHuman, Room } from '../../common/contract';
import type { Core } from '../Core';
import { callCore } from './callCore';
import { CliCommandError, CliUsageError } from './CliError';

/** The id of the workspace given as `--workspace` (an id, or an exact name). */
export async function resolveWorkspace(core: Core, flag: string | boolean | undefined): Promise<string> {
  if (typeof flag !== 'string' || flag.length === 0) throw new CliUsageError('this command needs --workspace <id or name>');
  const list = await callCore(core, 'workspace.list', { includeArchived: true });
  const found = list.find((w) => w.id === flag) ?? list.find((w) => w.name === flag);
  if (!found) throw new CliCommandError('NOT_FOUND', `No workspace "${flag}" on this device`);
  return found.id;
}

/** The room given as `--room` (an id, `#name` or name) among those the local user can see. */
export async function resolveRoom(core: Core, workspaceId: string, flag: string | boolean | undefined): Promise<Room> {
  if (typeof flag !== 'string' || flag.length === 0) throw new CliUsageError('this command needs --room <id or #name>');
  const rooms = await callCore(core, 'room.list', { workspaceId });
  const name = flag.replace(/^#/, '').toLowerCase();
  const found = rooms.find((r) => r.id === flag) ?? rooms.find((r) => r.name.toLowerCase() === name);
  if (!found) throw new CliCommandError('NOT_FOUND', `No room "${flag}" in this workspace`);
  return found;
}

/** The digital human given as `--dh` (an id, a handle, or `@handle`). */
export async function resolveDh(core: Core, workspaceId: string, flag: string | boolean | undefined): Promise<DigitalHuman> {
  if (typeof flag !== 'string' || flag.length === 0) throw new CliUsageError('this command needs --dh <id or handle>');
  return callCore(core, 'dh.get', { workspaceId, dh: flag });
}

/** `--limit N` (1 to max), or `fallback`. */
export function limitFlag(flag: string | boolean | undefined, fallback: number, max: number): number {
  if (flag === undefined) return fallback;
  const n = typeof flag === 'string' && /^\d{1,4}$/.test(flag) ? Number(flag) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliUsageError(`--limit takes a number from 1 to ${max}`);
  return n;
}
