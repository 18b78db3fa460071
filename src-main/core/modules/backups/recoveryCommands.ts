/**
 * `qwanyx workspace rebuild W --from-relay` and `qwanyx workspace recover W`:
 * the ways back for a damaged workspace besides `qwanyx backup restore`
 * (docs/backups.md "Recovering"). Listed under `workspace` (workspaceCommand).
 */
import type { CliSubcommand } from '../../cli/CliCommand';
import { callCore } from '../../cli/callCore';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';
import { timeoutMs } from '../../cli/timeoutMs';

/** `workspace rebuild W --from-relay`: a fresh file filled from the relay and the readable outbox. */
export const rebuildSubcommand: CliSubcommand = {
  usage: 'workspace rebuild <id or name> --from-relay [--timeout S] [--json]',
  notes: ['(a fresh file from what the relay holds, plus the local changes still readable; the damaged file is moved aside)'],
  flags: { 'from-relay': 'boolean', timeout: 'string', json: 'boolean' },
  positionals: 1,
  async run({ core, flags, out }, [target]) {
    if (flags['from-relay'] !== true) throw new CliUsageError('workspace rebuild needs --from-relay (the only source to rebuild from)');
    const id = await resolveWorkspace(core, target);
    const seconds = timeoutMs(flags.timeout, 120) / 1000;
    const done = await callCore(core, 'workspace.rebuild', { id, timeoutSeconds: Math.max(1, Math.min(3600, seconds)) });
    if (flags.json) out(JSON.stringify(done));
    else {
      const outbox =
        done.outboxChanges === null
          ? 'The local changes not yet on the relay could not be read from the damaged file.'
          : `${done.outboxChanges} local change${done.outboxChanges === 1 ? '' : 's'} not yet on the relay ${done.outboxChanges === 1 ? 'was' : 'were'} read from the damaged file and sent again.`;
      out(`Rebuilt workspace ${id} from its relay (${done.docs} docs). ${outbox}`);
      if (done.movedAsideTo !== null) out(`The damaged file was kept in ${done.movedAsideTo}`);
    }
    if (!done.synced) {
      throw new CliCommandError(
        'SYNC_INCOMPLETE',
        `The relay did not send everything within ${seconds} s: the workspace keeps filling in while it syncs (qwanyx sync status shows when it is done)`,
      );
    }
  },
};

/** `workspace recover W`: what is readable of a damaged file, into a new workspace. */
export const recoverSubcommand: CliSubcommand = {
  usage: 'workspace recover <id or name> [--json]',
  notes: ['(copies what can still be read of its file into a new workspace; the damaged one stays as it is)'],
  flags: { json: 'boolean' },
  positionals: 1,
  async run({ core, flags, out }, [target]) {
    const id = await resolveWorkspace(core, target);
    const done = await callCore(core, 'workspace.recover', { id });
    if (flags.json) {
      out(JSON.stringify(done));
      return;
    }
    out(`Recovered ${done.docs} docs (${done.rowsRead} rows read, ${done.skipped} unreadable skipped) into the new workspace “${done.workspace.name}” (${done.workspace.id}).`);
  },
};
