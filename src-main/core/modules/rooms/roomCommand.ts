/** `qwanyx room create|list`. */
import type { Room } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';

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

/** The rooms of a workspace. */
export const roomCommand: CliCommand = {
  name: 'room',
  subcommands: {
    create: {
      usage: 'room create --workspace W --name N [--private] [--topic T] [--json]',
      flags: { workspace: 'string', name: 'string', private: 'boolean', topic: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        if (typeof flags.name !== 'string') throw new CliUsageError('room create needs --name <name>');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const room = await callCore(core, 'room.create', {
          workspaceId,
          name: flags.name,
          kind: 'channel',
          private: flags.private === true,
          ...(typeof flags.topic === 'string' ? { topic: flags.topic } : {}),
        });
        out(flags.json ? JSON.stringify(room) : `Created ${describeRoom(room)}`);
      },
    },
    list: {
      usage: 'room list --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const rooms = await callCore(core, 'room.list', { workspaceId });
        if (flags.json) out(JSON.stringify(rooms));
        else if (rooms.length === 0) out('No rooms.');
        else for (const room of rooms) out(describeRoom(room));
      },
    },
  },
};
