/** `qwanyx message post|list`. */
import type { Message, MessagePage } from '../../../common/contract';
import { callCore as call, expectArgs } from '../../cli/callCore';
import { CliUsageError } from '../../cli/CliError';
import { limitFlag, resolveRoom, resolveWorkspace } from '../../cli/resolveTargets';
import type { CliContext } from '../../cli/CliContext';

/** One line for a message: `2024-03-01 09:30  Ada Lovelace: text (edited) [2 replies]`. */
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

export async function messageCommand(ctx: CliContext, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { core, flags, out } = ctx;
  switch (sub) {
    case 'post': {
      ctx.allowFlags(['workspace', 'room', 'text', 'thread', 'json']);
      expectArgs(rest, 0, 'message post --workspace W --room R --text T [--thread ID] [--json]');
      if (typeof flags.text !== 'string') throw new CliUsageError('message post needs --text <text>');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const room = await resolveRoom(core, workspaceId, flags.room);
      const message = await call<Message>(core, 'message.post', {
        workspaceId,
        roomId: room.id,
        text: flags.text,
        ...(typeof flags.thread === 'string' ? { threadRootId: flags.thread } : {}),
      });
      out(flags.json ? JSON.stringify(message) : `Posted ${message.id} in #${room.name}`);
      return;
    }
    case 'list': {
      ctx.allowFlags(['workspace', 'room', 'limit', 'thread', 'json']);
      expectArgs(rest, 0, 'message list --workspace W --room R [--limit N] [--thread ID] [--json]');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const room = await resolveRoom(core, workspaceId, flags.room);
      const page = await call<MessagePage>(core, 'message.list', {
        workspaceId,
        roomId: room.id,
        limit: limitFlag(flags.limit, 50, 200),
        ...(typeof flags.thread === 'string' ? { threadRootId: flags.thread } : {}),
      });
      if (flags.json) out(JSON.stringify(page.messages));
      else if (page.messages.length === 0) out('No messages.');
      else for (const m of page.messages) out(describeMessage(m));
      return;
    }
    default:
      throw new CliUsageError('usage: qwanyx message <post|list> --workspace W --room R …');
  }
}
