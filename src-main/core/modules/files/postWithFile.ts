/** `qwanyx message post … --file PATH`: attaches a file from disk, then posts a message naming it. */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_FILE_BYTES } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliContext } from '../../cli/CliContext';
import { CliUsageError } from '../../cli/CliError';
import { resolveRoom, resolveWorkspace } from '../../cli/resolveTargets';
import { guessMimeType } from './guessMimeType';

export async function postWithFile({ core, flags, out }: Pick<CliContext, 'core' | 'flags' | 'out'>, file: string): Promise<void> {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new CliUsageError(`--file ${file} is not a file`);
    size = stat.size;
  } catch (err) {
    if (err instanceof CliUsageError) throw err;
    throw new CliUsageError(`--file ${file} cannot be read: ${(err as Error).message}`);
  }
  if (size > MAX_FILE_BYTES) throw new CliUsageError(`--file ${file} is ${(size / 1048576).toFixed(1)} MB; a file is at most ${MAX_FILE_BYTES / 1048576} MB`);
  const workspaceId = await resolveWorkspace(core, flags.workspace);
  const room = await resolveRoom(core, workspaceId, flags.room);
  const name = path.basename(file);
  const attached = await callCore(core, 'file.attach', { workspaceId, name, type: guessMimeType(name), data: fs.readFileSync(file).toString('base64') });
  const message = await callCore(core, 'file.post', {
    workspaceId,
    roomId: room.id,
    files: [attached.hash],
    ...(typeof flags.text === 'string' ? { text: flags.text } : {}),
    ...(typeof flags.thread === 'string' ? { threadRootId: flags.thread } : {}),
  });
  out(flags.json ? JSON.stringify({ ...message, files: [attached] }) : `Posted ${message.id} in #${room.name} with ${name} (${attached.hash})`);
}
