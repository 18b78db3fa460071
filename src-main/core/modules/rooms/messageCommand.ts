/** `qwanyx message post|list`. */
import type { Message } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import { limitFlag, resolveRoom, resolveWorkspace } from '../../cli/resolveTargets';
import { postWithFile } from '../files/postWithFile';

/** One line for a message: `2024-03-01 09:30  Ada Veyra: text (edited) [2 replies]`. */
export function describeMessage(m: Message): string {
  const at = new Date(m.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  const text = m.deleted ? '(deleted)' : m.text.replace(/\s*\n\s*/g, ' ⏎ ');
  const extras: string[] = [];
  if (m.editedAt !== null && !m.deleted) extras.push('(edited)');
  if (m.replyCount > 0) extras.push(`[${m.replyCount} repl${m.replyCount === 1 ? 'y' : 'ies'}]`);
  if (m.reactions.length > 0) extras.push(m.reactions.map((r) => `${r.emoji}${r.count}`).join(' '));
  if (m.pending) extras.push('(not yet on the relay)');
  return `${at}  ${m.authorName}: ${text}${extras.length > 0 ? ` ${extras.join(' ')}` : ''}`;
}

/** The messages of a room. */
export const messageCommand: CliCommand = {
  name: 'message',
  subcommands: {
    post: {
      usage: 'message post --workspace W --room R --text T [--file PATH] [--thread ID] [--json]',
      flags: { workspace: 'string', room: 'string', text: 'string', file: 'string', thread: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        if (typeof flags.file === 'string') return postWithFile({ core, flags, out }, flags.file);
        if (typeof flags.text !== 'string') throw new CliUsageError('message post needs --text <text>');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const room = await resolveRoom(core, workspaceId, flags.room);
        const message = await callCore(core, 'message.post', {
          workspaceId,
          roomId: room.id,
          text: flags.text,
          ...(typeof flags.thread === 'string' ? { threadRootId: flags.thread } : {}),
        });
        out(flags.json ? JSON.stringify(message) : `Posted ${message.id} in #${room.name}`);
      },
    },
    list: {
      usage: 'message list --workspace W --room R [--limit N] [--thread ID] [--json]',
      flags: { workspace: 'string', room: 'string', limit: 'string', thread: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const room = await resolveRoom(core, workspaceId, flags.room);
        const page = await callCore(core, 'message.list', {
          workspaceId,
          roomId: room.id,
          limit: limitFlag(flags.limit, 50, 200),
          ...(typeof flags.thread === 'string' ? { threadRootId: flags.thread } : {}),
        });
        if (flags.json) out(JSON.stringify(page.messages));
        else if (page.messages.length === 0) out('No messages.');
        else for (const m of page.messages) out(describeMessage(m));
      },
    },
  },
};
