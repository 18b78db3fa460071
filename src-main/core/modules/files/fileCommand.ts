/** `qwanyx file get|list`: files attached to messages (docs/files.md). */
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { AppError } from '../../../common/AppError';
import { writeNewFile } from '../../../storage/files/writeNewFile';
import { resolveRoom, resolveWorkspace } from '../../cli/resolveTargets';

export const fileCommand: CliCommand = {
  name: 'file',
  subcommands: {
    get: {
      usage: 'file get <hash> --out PATH --workspace W [--json]',
      notes: ['Writes a file attached in a room you can see; never over an existing file'],
      flags: { out: 'string', workspace: 'string', json: 'boolean' },
      positionals: 1,
      async run({ core, flags, out }, [hash]) {
        if (typeof flags.out !== 'string') throw new CliUsageError('file get needs --out <path>');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const read = await callCore(core, 'file.read', { workspaceId, hash: hash! });
        const bytes = Buffer.from(read.data, 'base64');
        let written: string;
        try {
          written = writeNewFile(flags.out, bytes);
        } catch (err) {
          throw new CliCommandError(err instanceof AppError ? err.code : 'STORAGE', `${err instanceof Error ? err.message : String(err)}`);
        }
        const saved = { path: written, bytes: bytes.length, name: read.file.name };
        out(flags.json ? JSON.stringify(saved) : `Wrote ${saved.name} (${saved.bytes} bytes) to ${saved.path}`);
      },
    },
    list: {
      usage: 'file list --workspace W --room R [--json]',
      flags: { workspace: 'string', room: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const room = await resolveRoom(core, workspaceId, flags.room);
        const list = await callCore(core, 'file.list', { workspaceId, roomId: room.id });
        const files = list.flatMap((m) => m.files.map((f) => ({ messageId: m.messageId, ...f })));
        if (flags.json) out(JSON.stringify(files));
        else if (files.length === 0) out('No files.');
        else for (const f of files) out(`${f.hash}  ${f.name}  ${f.size} bytes  ${f.type}${f.local ? '' : '  (not on this device yet)'}`);
      },
    },
  },
};
