/** `qwanyx audit --workspace W [--limit N] [--json]`: the workspace's audit trail, newest first. */
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { limitFlag, resolveWorkspace } from '../../cli/resolveTargets';

/** What the digital humans of a workspace did or were refused. */
export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'audit --workspace W [--limit N] [--json]',
  notes: ['(what digital humans did or were refused)'],
  flags: { workspace: 'string', limit: 'string', json: 'boolean' },
  async run({ core, flags, out }) {
    const workspaceId = await resolveWorkspace(core, flags.workspace);
    const entries = await callCore(core, 'audit.list', { workspaceId, limit: limitFlag(flags.limit, 50, 1000) });
    if (flags.json) {
      out(JSON.stringify(entries));
      return;
    }
    for (const e of entries) {
      out(`${new Date(e.at).toISOString().slice(0, 19).replace('T', ' ')}  ${e.outcome.padEnd(7)} ${e.actorKind}:${e.actorId} ${e.action} ${e.resource}${e.detail ? ` — ${e.detail.replace(/\s+/g, ' ').slice(0, 160)}` : ''}`);
    }
  },
};
