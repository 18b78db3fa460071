/** `qwanyx room create|list`. */
import type { Room } from '../../../common/contract';
import { callCore as call, expectArgs } from '../../cli/callCore';
import { CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';
import type { CliContext } from '../../cli/CliContext';

/** One line for a room: `#name  id  (private, archived, 3 unread, 1 mention)  topic`. */
export function describeRoom(room: Room): string {
  const flags = [room.kind === 'dm' ? 'dm' : room.private ? 'private' : 'public'];
  if (room.archived) flags.push('archived');
  if (!room.joined) flags.push('not joined');
  if (room.unread > 0) flags.push(`${room.unread} unread`);
  if (room.mentions > 0) flags.push(`${room.mentions} mention${room.mentions === 1 ? '' : 's'}`);
  const name = room.kind === 'dm' ? room.name : `#${room.name}`;
  return `${name}  ${room.id}  (${flags.join(', ')})${room.topic ? `  ${room.topic}` : ''}`;
}

export async function roomCommand(ctx: CliContext, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { core, flags, out } = ctx;
  switch (sub) {
    case 'create': {
      ctx.allowFlags(['workspace', 'name', 'private', 'topic', 'json']);
      expectArgs(rest, 0, 'room create --workspace W --name N [--private] [--topic T] [--json]');
      if (typeof flags.name !== 'string') throw new CliUsageError('room create needs --name <name>');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const room = await call<Room>(core, 'room.create', {
        workspaceId,
        name: flags.name,
        kind: 'channel',
        private: flags.private === true,
        ...(typeof flags.topic === 'string' ? { topic: flags.topic } : {}),
      });
      out(flags.json ? JSON.stringify(room) : `Created ${describeRoom(room)}`);
      return;
    }
    case 'list': {
      ctx.allowFlags(['workspace', 'json']);
      expectArgs(rest, 0, 'room list --workspace W [--json]');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const rooms = await call<Room[]>(core, 'room.list', { workspaceId });
      if (flags.json) out(JSON.stringify(rooms));
      else if (rooms.length === 0) out('No rooms.');
      else for (const room of rooms) out(describeRoom(room));
      return;
    }
    default:
      throw new CliUsageError('usage: qwanyx room <create|list> --workspace W …');
  }
}
