/**
 * `qwanyx invite create <workspace> <email> --role R`, and
 * `qwanyx invite accept <token> --relay <url>`, which creates the workspace
 * on this device and downloads it before exiting.
 */
import { callCore, parseInput } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import { timeoutMs } from '../../cli/timeoutMs';
import { describeSyncStatus } from './syncCommand';

/** Invitations to a synced workspace. */
export const inviteCommand: CliCommand = {
  name: 'invite',
  subcommands: {
    create: {
      usage: 'invite create <workspace id> <email> --role <admin|member|guest> [--json]',
      flags: { role: 'string', json: 'boolean' },
      positionals: 2,
      async run({ core, flags, out }, [workspaceId, email]) {
        if (typeof flags.role !== 'string') throw new CliUsageError('invite create needs --role <admin|member|guest>');
        // The role is free text here: checked as the core checks it, with the same message.
        const input = parseInput('invite.create', { workspaceId, email, role: flags.role });
        const invitation = await callCore(core, 'invite.create', input);
        if (flags.json) out(JSON.stringify(invitation));
        else {
          out(`Invited ${invitation.email} as ${invitation.role} (expires ${invitation.expiresAt}). They join with:`);
          out(`qwanyx invite accept ${invitation.token} --relay ${invitation.relayUrl}`);
        }
      },
    },
    accept: {
      usage: 'invite accept <token> --relay <url> [--json]',
      flags: { relay: 'string', json: 'boolean', timeout: 'string' },
      positionals: 1,
      async run({ core, flags, out }, [token]) {
        if (typeof flags.relay !== 'string') throw new CliUsageError('invite accept needs --relay <url>, the relay the invitation came from');
        const joined = await callCore(core, 'invite.accept', { relayUrl: flags.relay, token: token! });
        await core.sync.waitUntilSettled([joined.id], timeoutMs(flags.timeout, 60));
        const workspace = core.workspaces.get(joined.id);
        const status = core.sync.statusOf(joined.id);
        out(flags.json ? JSON.stringify({ workspace, status }) : `Joined ${workspace.name} (${workspace.id}): ${describeSyncStatus(status)}`);
      },
    },
  },
};
