/**
 * `qwanyx relay login <url> <email> [--code C]`, `qwanyx relay list`,
 * `qwanyx relay logout <url>` (revokes this device on the relay),
 * `qwanyx relay devices [--relay URL] [--json]` and
 * `qwanyx relay devices revoke <id> [--relay URL]`.
 *
 * Without --code, login asks the relay to email a code, then reads it from
 * stdin: with a prompt on a terminal, silently from a pipe; nothing to read
 * is a usage error that says how to finish.
 */
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import { relayDevicesSubcommand } from './relayDevicesCommand';

/** The relay accounts of this device. */
export const relayCommand: CliCommand = {
  name: 'relay',
  subcommands: {
    login: {
      usage: 'relay login <url> <email> [--code C] [--json]',
      notes: ['(without --code: emails a code, reads it from stdin)'],
      flags: { code: 'string', json: 'boolean' },
      positionals: 2,
      async run(ctx, [url, email]) {
        const { core, flags, out } = ctx;
        let code = typeof flags.code === 'string' ? flags.code : null;
        if (code === null) {
          await callCore(core, 'relay.requestCode', { url: url!, email: email! });
          if (ctx.stdin.isTTY) ctx.err(`A sign-in code was sent to ${email!}. Type it and press Enter:`);
          code = (await ctx.stdin.readLine())?.trim() || null;
          if (code === null) {
            throw new CliUsageError(`a code was sent to ${email!} but none came on stdin: run again with --code <code>`);
          }
        }
        const account = await callCore(core, 'relay.signIn', { url: url!, email: email!, code });
        out(flags.json ? JSON.stringify(account) : `Signed in to ${account.url} as ${account.email}`);
      },
    },
    list: {
      usage: 'relay list [--json]',
      flags: { json: 'boolean' },
      async run({ core, flags, out }) {
        const accounts = await callCore(core, 'relay.accounts', {});
        if (flags.json) out(JSON.stringify(accounts));
        else if (accounts.length === 0) out('Not signed in to any relay.');
        else for (const a of accounts) out(`${a.url}  ${a.email}  (signed in ${new Date(a.signedInAt).toISOString()})`);
      },
    },
    logout: {
      usage: 'relay logout <url>',
      flags: {},
      positionals: 1,
      async run({ core, out }, [url]) {
        const done = await callCore(core, 'relay.signOut', { url: url! });
        out(
          done.revokedOnRelay
            ? `Signed out of ${done.url}; this device's token is revoked on the relay`
            : `Signed out of ${done.url} on this device; the relay could not be reached, so its token stays valid there until it expires (revoke it from another device with: qwanyx relay devices revoke <id>)`,
        );
      },
    },
    devices: relayDevicesSubcommand,
  },
};
