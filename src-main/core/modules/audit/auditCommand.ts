/** `qwanyx audit --workspace W [--limit N] [--json]`: the workspace's audit trail, newest first. */
import type { AuditEntry } from '../../../common/contract';
import { callCore as call, expectArgs } from '../../cli/callCore';
import { limitFlag, resolveWorkspace } from '../../cli/resolveTargets';
import type { CliContext } from '../../cli/CliContext';

export async function auditCommand(ctx: CliContext, args: string[]): Promise<void> {
  const { core, flags, out } = ctx;
  ctx.allowFlags(['workspace', 'limit', 'json']);
  expectArgs(args, 0, 'audit --workspace W [--limit N] [--json]');
  const workspaceId = await resolveWorkspace(core, flags.workspace);
  const entries = await call<AuditEntry[]>(core, 'audit.list', { workspaceId, limit: limitFlag(flags.limit, 50, 1000) });
  if (flags.json) {
    out(JSON.stringify(entries));
    return;
  }
  for (const e of entries) {
    out(`${new Date(e.at).toISOString().slice(0, 19).replace('T', ' ')}  ${e.outcome.padEnd(7)} ${e.actorKind}:${e.actorId} ${e.action} ${e.resource}${e.detail ? ` — ${e.detail.replace(/\s+/g, ' ').slice(0, 160)}` : ''}`);
  }
}
