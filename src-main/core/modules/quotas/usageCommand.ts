/**
 * `qwanyx usage --workspace W [--days N] [--json]`: what the digital humans
 * of a workspace used per day, per member and per DH (model tokens, tool
 * calls, messages), with today's use against the daily limits.
 */
import type { QuotaLimitsView, UsageCountsView } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { limitFlag, resolveWorkspace } from '../../cli/resolveTargets';

function counts(c: UsageCountsView): string {
  return `${String(c.tokens).padStart(10)} tokens ${String(c.toolCalls).padStart(6)} tool calls ${String(c.messages).padStart(6)} messages`;
}

function limits(l: QuotaLimitsView): string {
  const one = (v: number | null, what: string): string => `${v === null ? 'no limit' : v} ${what}`;
  return `${one(l.tokens, 'tokens')}, ${one(l.toolCalls, 'tool calls')}, ${one(l.messages, 'messages')} a day`;
}

export const usageCommand: CliCommand = {
  name: 'usage',
  usage: 'usage --workspace W [--days N] [--json]',
  notes: ['(model tokens, tool calls and messages of digital humans', 'per day, per member and per DH; N from 1 to 90, default 14)'],
  flags: { workspace: 'string', days: 'string', json: 'boolean' },
  async run({ core, flags, out }) {
    const workspaceId = await resolveWorkspace(core, flags.workspace);
    const report = await callCore(core, 'usage.get', { workspaceId, days: limitFlag(flags.days, 14, 90) });
    if (flags.json) {
      out(JSON.stringify(report));
      return;
    }
    out(`Today:        ${counts(report.today)}`);
    out(`Workspace limits: ${limits(report.quotas.workspace)}`);
    out('');
    out('Per day:');
    for (const d of report.days) out(`  ${d.day}  ${counts(d)}`);
    out('Per member:');
    if (report.members.length === 0) out('  (none)');
    for (const m of report.members) out(`  ${m.name.slice(0, 24).padEnd(24)} ${counts(m)}`);
    out('Per digital human:');
    if (report.dhs.length === 0) out('  (none)');
    for (const d of report.dhs) out(`  ${d.name.slice(0, 24).padEnd(24)} ${counts(d)}`);
  },
};
