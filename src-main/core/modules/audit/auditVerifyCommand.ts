/**
 * `qwanyx audit verify --workspace W [--json]`: checks every device's signed
 * chain of the workspace's audit trail (a local-only workspace too). Exit 0
 * when intact; 1 with the first broken link (which entry, device, user and
 * sequence, and why) otherwise. `--json` prints the whole verification.
 */
import type { AuditVerification } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliContext } from '../../cli/CliContext';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';

/** One line saying what the verification found. */
export function describeVerification(v: AuditVerification): string {
  const unsigned = v.unsignedEntries > 0 ? `; ${v.unsignedEntries} legacy, unsigned ${v.unsignedEntries === 1 ? 'entry' : 'entries'} (written before entries were signed)` : '';
  if (v.intact) return `Audit trail intact: ${v.signedEntries} signed ${v.signedEntries === 1 ? 'entry' : 'entries'} from ${v.devices} ${v.devices === 1 ? 'device' : 'devices'}${unsigned}.`;
  const b = v.firstBroken!;
  const place = [b.deviceId ? `device ${b.deviceId}` : null, b.userId ? `user ${b.userId}` : null, b.seq !== null ? `sequence ${b.seq}` : null, b.entryId ? `entry ${b.entryId}` : null].filter(Boolean).join(', ');
  const more = v.problems > 1 ? ` (${v.problems - 1} more broken ${v.problems === 2 ? 'link' : 'links'})` : '';
  return `Audit trail BROKEN at ${place}: ${b.reason.replace(/_/g, ' ')}: ${b.message}${more}.`;
}

/** Runs `audit verify`. */
export async function runAuditVerify({ core, flags, out }: CliContext): Promise<void> {
  if (flags.limit !== undefined) throw new CliUsageError('audit verify takes no --limit: it checks the whole trail');
  const workspaceId = await resolveWorkspace(core, flags.workspace);
  const verification = await callCore(core, 'audit.verify', { workspaceId });
  const line = describeVerification(verification);
  out(flags.json ? JSON.stringify(verification) : line);
  if (!verification.intact) throw new CliCommandError('AUDIT_BROKEN', flags.json ? line : 'The audit trail of this workspace was tampered with or is incomplete (see above).');
}
