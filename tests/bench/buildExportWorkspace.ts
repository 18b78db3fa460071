/**
 * The export fixture: a workspace of 100,000 messages across rooms (the
 * rooms fixture's builder, buildMessageWorkspace.ts) and 1 GB of files,
 * 100 files of 10 MB of incompressible bytes, each attached and posted the
 * way the app does it (`file.attach` then `file.post`, through the core and
 * its BlobStore), so the files' messages count among the 100,000.
 */
import { createHash } from 'node:crypto';
import { createBenchCore } from './createBenchCore';
import { buildMessageWorkspace, type MessageFixture } from './buildMessageWorkspace';
import { logProgress } from './logProgress';

export interface ExportFixtureOptions {
  messages: number;
  rooms: number;
  files: number;
  fileBytes: number;
}

export interface ExportFixture extends MessageFixture {
  files: number;
  fileBytes: number;
}

/** `size` bytes that do not compress, reproducible from `seed` (SHA-256 in counter mode). */
export function incompressibleBytes(seed: number, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  for (let offset = 0, n = 0; offset < size; n++) {
    offset += createHash('sha256').update(`${seed}:${n}`).digest().copy(out, offset);
  }
  return out;
}

export async function buildExportWorkspace(dataDir: string, options: ExportFixtureOptions): Promise<ExportFixture> {
  const started = performance.now();
  const text = options.messages - options.files;
  const fixture = await buildMessageWorkspace(dataDir, { total: text, bigRoom: Math.ceil(text / options.rooms), rooms: options.rooms, perCommit: 5000 });
  logProgress(`export fixture: attaching ${options.files} files of ${options.fileBytes} bytes…`);
  const core = await createBenchCore(dataDir);
  try {
    for (let i = 0; i < options.files; i++) {
      const workspaceId = fixture.workspaceId;
      const roomId = fixture.rooms[i % fixture.rooms.length]!.id;
      const data = incompressibleBytes(i, options.fileBytes).toString('base64');
      const attached = await core.dispatch('file.attach', { workspaceId, name: `scan-${i}.bin`, type: 'application/octet-stream', data });
      if (!attached.ok) throw new Error(attached.error.message);
      const posted = await core.dispatch('file.post', { workspaceId, roomId, text: `Scan ${i}`, files: [(attached.value as { hash: string }).hash] });
      if (!posted.ok) throw new Error(posted.error.message);
    }
  } finally {
    await core.close();
  }
  return { ...fixture, written: fixture.written + options.files, files: options.files, fileBytes: options.fileBytes, buildMs: performance.now() - started };
}
