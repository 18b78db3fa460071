/**
 * `qwanyx consent get|set`: whether digital humans may read and remember
 * what the local member writes in a workspace (docs/consents.md).
 */
import type { ConsentView } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';

function describe(v: ConsentView): string {
  const since = v.at === null ? ' (default: never changed)' : ` (since ${new Date(v.at).toISOString()})`;
  return `Digital humans may ${v.dhRead ? '' : 'NOT '}read and remember what you write here${since}.`;
}

export const consentCommand: CliCommand = {
  name: 'consent',
  subcommands: {
    get: {
      usage: 'consent get --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const v = await callCore(core, 'consent.get', { workspaceId });
        out(flags.json ? JSON.stringify(v) : describe(v));
      },
    },
    set: {
      usage: 'consent set --workspace W --dh-read yes|no [--json]',
      notes: ['("no" keeps your messages away from digital humans and forgets what they learnt from them)'],
      flags: { workspace: 'string', 'dh-read': 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const answer = flags['dh-read'];
        if (answer !== 'yes' && answer !== 'no') throw new CliUsageError('--dh-read takes yes or no');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const v = await callCore(core, 'consent.set', { workspaceId, dhRead: answer === 'yes' });
        if (flags.json) return out(JSON.stringify(v));
        out(describe(v));
        if (!v.dhRead) out(`${v.forgotten} memor${v.forgotten === 1 ? 'y' : 'ies'} learnt from your messages forgotten.`);
      },
    },
  },
};
