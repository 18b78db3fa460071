/**
 * `qwanyx relay login <url> <email> [--code C]`, `qwanyx relay list`,
 * `qwanyx relay logout <url>`.
 *
 * Without --code, login asks the relay to email a code, then reads it from
 * stdin: with a prompt on a terminal, silently from a pipe; nothing to read
 * is a usage error that says how to finish.
 */
import type { RelayAccount } from '../../../common/contract';
import { callCore, expectArgs } from '../../cli/callCore';
import { CliUsageError } from '../../cli/CliError';
import type { CliContext } from '../../cli/CliContext';

export async function relayCommand(ctx: CliContext, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { core, flags, out } = ctx;
  switch (sub) {
    case 'login': {
      ctx.allowFlags(['code', 'json']);
      expectArgs(rest, 2, 'relay login <url> <email> [--code C]');
      const [url, email] = rest as [string, string];
      let code = typeof flags.code === 'string' ? flags.code : null;
      if (code === null) {
        await callCore(core, 'relay.requestCode', { url, email });
        if (ctx.stdin.isTTY) ctx.err(`A sign-in code was sent to ${email}. Type it and press Enter:`);
        code = (await ctx.stdin.readLine())?.trim() || null;
        if (code === null) {
          throw new CliUsageError(`a code was sent to ${email} but none came on stdin: run again with --code <code>`);
        }
      }
      const account = await callCore<RelayAccount>(core, 'relay.signIn', { url, email, code });
      out(flags.json ? JSON.stringify(account) : `Signed in to ${account.url} as ${account.email}`);
      return;
    }
    case 'list': {
      ctx.allowFlags(['json']);
      expectArgs(rest, 0, 'relay list [--json]');
      const accounts = await callCore<RelayAccount[]>(core, 'relay.accounts', {});
      if (flags.json) out(JSON.stringify(accounts));
      else if (accounts.length === 0) out('Not signed in to any relay.');
      else for (const a of accounts) out(`${a.url}  ${a.email}  (signed in ${new Date(a.signedInAt).toISOString()})`);
      return;
    }
    case 'logout': {
      ctx.allowFlags([]);
      expectArgs(rest, 1, 'relay logout <url>');
      const done = await callCore<{ url: string }>(core, 'relay.signOut', { url: rest[0] });
      out(`Signed out of ${done.url}`);
      return;
    }
    default:
      throw new CliUsageError('usage: qwanyx relay <login|list|logout> …');
  }
}
