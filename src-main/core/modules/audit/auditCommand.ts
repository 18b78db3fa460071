/**
 * `qwanyx audit --workspace W [--limit N] [--json]`: the workspace's audit
 * trail, newest first; `qwanyx audit verify --workspace W [--json]`: whether
 * its signed chains are intact (auditVerifyCommand.ts).
 */
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import { limitFlag, resolveWorkspace } from '../../cli/resolveTargets';
import { runAuditVerify } from './auditVerifyCommand';

/** What the digital humans of a workspace did or were refused, and whether the trail is intact. */
export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'audit [verify] --workspace W [--limit N] [--json]',
  notes: ['(what digital humans did or were refused; verify: checks', 'the signed chains, exit 1 at the first broken link)'],
  flags: { workspace: 'string', limit: 'string', json: 'boolean' },
  positionals: { min: 0 },
  async run(ctx, args) {
    const { core, flags, out } = ctx;
    if (args.length > 1 || (args.length === 1 && args[0] !== 'verify')) throw new CliUsageError('usage: qwanyx audit [verify] --workspace W [--limit N] [--json]');
    if (args[0] === 'verify') return runAuditVerify(ctx);
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
