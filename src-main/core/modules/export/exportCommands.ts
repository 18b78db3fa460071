/**
 * `qwanyx workspace export <id or name> --out FILE.qwanyx.zip` and
 * `qwanyx workspace import FILE [--json]`. Listed under `workspace`
 * (workspaceCommand).
 */
import path from 'node:path';
import type { CliSubcommand } from '../../cli/CliCommand';
import { callCore } from '../../cli/callCore';
import { CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';
import { formatBytes } from '../backups/backupCommand';

/** `workspace export W --out FILE`: the whole workspace in one zip. */
export const exportSubcommand: CliSubcommand = {
  usage: 'workspace export <id or name> --out FILE.qwanyx.zip [--json]',
  notes: ['(every doc as Yjs state and JSON, rooms as Markdown, no secrets; FILE must not exist)'],
  flags: { out: 'string', json: 'boolean' },
  positionals: 1,
  async run({ core, flags, out }, [target]) {
    if (typeof flags.out !== 'string' || flags.out.trim() === '') throw new CliUsageError('workspace export needs --out FILE (for example --out acme.qwanyx.zip)');
    const id = await resolveWorkspace(core, target);
    const done = await callCore(core, 'workspace.export', { id, out: path.resolve(flags.out) });
    if (flags.json) out(JSON.stringify(done));
    else {
      out(`Exported ${done.rooms} room${done.rooms === 1 ? '' : 's'}, ${done.messages} message${done.messages === 1 ? '' : 's'} and ${done.files} file${done.files === 1 ? '' : 's'} (${done.docs} docs, ${formatBytes(done.bytes)}) to ${done.path}`);
      if (done.filesMissing > 0) out(`${done.filesMissing} attached file${done.filesMissing === 1 ? ' is' : 's are'} not on this device yet (not downloaded from the relay) and not in the export.`);
    }
  },
};

/** `workspace import FILE`: an export restored as a new workspace. */
export const importSubcommand: CliSubcommand = {
  usage: 'workspace import FILE.qwanyx.zip [--json]',
  notes: ['(restores an export as a new workspace, with a new id)'],
  flags: { json: 'boolean' },
  positionals: 1,
  async run({ core, flags, out }, [file]) {
    const done = await callCore(core, 'workspace.import', { file: path.resolve(file!) });
    if (flags.json) out(JSON.stringify({ id: done.workspace.id, name: done.workspace.name, docs: done.docs, files: done.files }));
    else out(`Imported “${done.workspace.name}” as workspace ${done.workspace.id} (${done.docs} docs, ${done.files} files).`);
  },
};
