/**
 * `qwanyx invite create <workspace> <email> --role R`, and
 * `qwanyx invite accept <token> --relay <url>`, which creates the workspace
 * on this device and downloads it before exiting.
 */
import type { Invitation, Workspace } from '../../../common/contract';
import { callCore, expectArgs, timeoutMs } from '../../cli/callCore';
import { CliUsageError } from '../../cli/CliError';
import type { CliContext } from '../../cli/CliContext';
import { describeSyncStatus } from './syncCommand';

export async function inviteCommand(ctx: CliContext, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { core, flags, out } = ctx;
  switch (sub) {
    case 'create': {
      ctx.allowFlags(['role', 'json']);
      expectArgs(rest, 2, 'invite create <workspace id> <email> --role <admin|member|guest>');
      if (typeof flags.role !== 'string') throw new CliUsageError('invite create needs --role <admin|member|guest>');
      const invitation = await callCore<Invitation>(core, 'invite.create', { workspaceId: rest[0], email: rest[1], role: flags.role });
      if (flags.json) out(JSON.stringify(invitation));
      else {
        out(`Invited ${invitation.email} as ${invitation.role} (expires ${invitation.expiresAt}). They join with:`);
        out(`qwanyx invite accept ${invitation.token} --relay ${invitation.relayUrl}`);
      }
      return;
    }
    case 'accept': {
      ctx.allowFlags(['relay', 'json', 'timeout']);
      expectArgs(rest, 1, 'invite accept <token> --relay <url>');
      if (typeof flags.relay !== 'string') throw new CliUsageError('invite accept needs --relay <url>, the relay the invitation came from');
      const joined = await callCore<Workspace>(core, 'invite.accept', { relayUrl: flags.relay, token: rest[0] });
      await core.sync.waitUntilSettled([joined.id], timeoutMs(flags.timeout, 60));
      const workspace = core.workspaces.get(joined.id);
      const status = core.sync.statusOf(joined.id);
      out(flags.json ? JSON.stringify({ workspace, status }) : `Joined ${workspace.name} (${workspace.id}): ${describeSyncStatus(status)}`);
      return;
    }
    default:
      throw new CliUsageError('usage: qwanyx invite <create|accept> …');
  }
}
