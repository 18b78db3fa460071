/**
 * Export of a whole workspace to one zip, and import of such a zip as a new
 * workspace (format: storage/export/workspaceArchiveFormat.ts).
 *
 * Export reads each doc from the workspace's log (snapshot + updates) one at
 * a time, so a large workspace streams through without being held in
 * memory; no secret is read (keys live in the keychain, never in a doc).
 * Import checks everything before it creates anything, then creates a new
 * workspace (new id) and applies each doc's state, `meta` first; if any
 * step fails, the new workspace is deleted: a refused archive leaves nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { ValidationError } from '../../common/AppError';
import type { Logger } from '../../common/Logger';
import { docOfStored } from '../../storage/compactDoc';
import { sha256Hex } from '../../storage/files/BlobStore';
import { listStoredDocs } from '../../storage/export/listStoredDocs';
import { messageFileHashes } from '../../storage/export/messageFileHashes';
import { docJsonChunks } from '../../storage/export/docJsonChunks';
import { roomTranscriptChunks, readRoomsAndNames } from '../../storage/export/roomTranscript';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  MANIFEST_ENTRY,
  archiveManifestSchema,
  docEntryName,
  docOfStateEntry,
  fileEntryName,
  isArchiveEntryName,
  roomEntryName,
  type ArchiveDoc,
  type ArchiveManifest,
} from '../../storage/export/workspaceArchiveFormat';
import { ZipArchiveReader, type ZipLimits } from '../../storage/export/ZipArchiveReader';
import { ZipArchiveWriter } from '../../storage/export/ZipArchiveWriter';
import { roomDocName } from '../../storage/rooms/roomDocFormat';
import { txOrigin } from '../../sync/TxOrigin';
import type { WorkspaceService } from '../WorkspaceService';

export interface WorkspaceArchiveDeps {
  workspaces: WorkspaceService;
  /** Where exports go when no file is named: the person's Downloads folder, when it exists. */
  downloadsDir: string | null;
  dataDir: string;
  /** The highest workspace migration this build knows. */
  schemaVersion: number;
  /** True for a doc name this build's workspace layout knows (DocLayout.kindOf). */
  knowsDoc: (docName: string) => boolean;
  /** The attached files of a workspace (domain/files/FileService.blobs). */
  blobs: (workspaceId: string) => BlobAccess;
  now: () => number;
  log: Logger;
}

/** What export and import need of a workspace's file store (storage/files/BlobStore.ts). */
export interface BlobAccess {
  size(hash: string): number | null;
  /** Where blob `hash` lives on disk. */
  pathOf(hash: string): string;
  put(bytes: Uint8Array, expected?: string): string;
}

export interface ExportResult {
  path: string;
  bytes: number;
  docs: number;
  rooms: number;
  messages: number;
  files: number;
  /** Files messages name that this device does not hold (not downloaded yet): not in the export. */
  filesMissing: number;
}

export interface ImportResult {
  workspace: { id: string; name: string };
  docs: number;
  files: number;
}

/** Progress of an export: bytes of docs and transcripts handed to the zip so far. */
export type ExportProgress = (done: { docs: number; totalDocs: number; bytes: number }) => void;

/** What an import accepts: far above any real workspace, far below what would fill a disk or memory. */
export const IMPORT_LIMITS: ZipLimits = { maxEntries: 200_000, maxEntryBytes: 1024 ** 3, maxTotalBytes: 16 * 1024 ** 3, maxRatio: 200 };

const NAME_MAX = 200;

export class WorkspaceArchiveService {
  constructor(private readonly deps: WorkspaceArchiveDeps) {}

  /** Writes workspace `workspaceId` to the zip `out` (which must not exist yet), or to a new file in the Downloads folder. */
  async export(workspaceId: string, out: string | undefined, onProgress?: ExportProgress): Promise<ExportResult> {
    const ws = this.deps.workspaces.get(workspaceId);
    const target = out === undefined ? this.defaultTarget(ws.name) : path.resolve(out);
    if (fs.existsSync(target)) throw new ValidationError(`${target} already exists: choose another file name, or move that file away first`);
    if (!fs.existsSync(path.dirname(target))) throw new ValidationError(`The folder ${path.dirname(target)} does not exist`);
    const handle = this.deps.workspaces.handle(workspaceId);
    const log = handle.storage.log;
    const names = listStoredDocs(handle.storage.db).filter((name) => this.deps.knowsDoc(name));
    names.sort((a, b) => (a === 'meta' ? -1 : b === 'meta' ? 1 : a.localeCompare(b)));
    const meta = names.includes('meta') ? docOfStored(log.load('meta')) : new Y.Doc();
    const { rooms, nameOf } = readRoomsAndNames(meta);
    meta.destroy();
    const blobs = this.deps.blobs(workspaceId);
    // The files messages name, found as each room's doc is written: the files follow the docs.
    const wanted = new Set<string>();
    const roomOfDoc = new Map(rooms.map((room) => [roomDocName(room.id), room]));
    const writer = new ZipArchiveWriter(target);
    const docs: ArchiveDoc[] = [];
    let messages = 0;
    // A doc is loaded once for its entries (its state, its JSON and, for a room, its transcript), which
    // stream from it chunk by chunk; it is released after its last entry, before the next doc loads.
    let current: Y.Doc | null = null;
    const release = (): void => {
      current?.destroy();
      current = null;
    };
    const loaded = (): Y.Doc => {
      if (current === null) throw new Error('export: a doc entry was written before its state');
      return current;
    };
    for (const name of names) {
      const room = roomOfDoc.get(name);
      writer.add(
        docEntryName(name, 'yjs'),
        () => {
          release();
          const stored = log.load(name);
          const doc = docOfStored(stored);
          current = doc;
          // A lone snapshot is the doc's state already (compactDoc wrote it so): no need to encode it again.
          const state = stored.snapshot !== null && stored.updates.length === 0 ? stored.snapshot : Y.encodeStateAsUpdate(doc);
          docs.push({ name, bytes: state.byteLength, sha256: sha256Hex(state) });
          if (room) {
            messages += doc.getMap('messages').size;
            for (const hash of messageFileHashes(doc)) wanted.add(hash);
          }
          onProgress?.({ docs: docs.length, totalDocs: names.length, bytes: writer.bytesAdded });
          return state;
        },
        // Yjs states compress well; JSON even more.
        { compress: true },
      );
      writer.addChunks(docEntryName(name, 'json'), function* () {
        try {
          yield* docJsonChunks(loaded());
        } finally {
          if (!room) release();
        }
      });
      if (room) {
        writer.addChunks(roomEntryName(room.name, room.id), function* () {
          try {
            yield* roomTranscriptChunks(room, loaded(), nameOf);
          } finally {
            release();
          }
        });
      }
    }
    // A room listed in meta whose doc holds nothing yet still gets its (empty) transcript.
    for (const room of rooms.filter((r) => !names.includes(roomDocName(r.id)))) {
      writer.addChunks(roomEntryName(room.name, room.id), function* () {
        const doc = docOfStored(log.load(roomDocName(room.id)));
        try {
          messages += doc.getMap('messages').size;
          yield* roomTranscriptChunks(room, doc, nameOf);
        } finally {
          doc.destroy();
        }
      });
    }
    try {
      await writer.produced();
    } catch (err) {
      writer.abort();
      release();
      throw err;
    }
    const present = [...wanted].filter((hash) => blobs.size(hash) !== null).sort();
    const files: { hash: string; bytes: number }[] = [];
    for (const hash of present) {
      // Streamed from disk and checked against its hash on the way (stored, not compressed: attachments are
      // mostly compressed already: images, PDFs, archives). The size was read when the list was made.
      const bytes = blobs.size(hash)!;
      files.push({ hash, bytes });
      writer.addFile(fileEntryName(hash), blobs.pathOf(hash), { size: bytes, sha256: hash }, () => new ValidationError(`File ${hash.slice(0, 12)}… changed or was removed on disk while the export ran: export again`));
    }
    writer.add(MANIFEST_ENTRY, () => {
      const manifest: ArchiveManifest = {
        format: ARCHIVE_FORMAT,
        version: ARCHIVE_VERSION,
        schemaVersion: this.deps.schemaVersion,
        exportedAt: this.deps.now(),
        workspace: { id: ws.id, name: ws.name, kind: ws.kind, color: ws.color ?? null, icon: ws.icon ?? null },
        docs,
        files,
        counts: { docs: docs.length, rooms: rooms.length, messages, files: files.length },
      };
      return `${JSON.stringify(manifest, null, 2)}\n`;
    });
    const bytes = await writer.finish();
    this.deps.log('info', `exported workspace ${workspaceId} to ${target} (${bytes} bytes)`);
    return { path: target, bytes, docs: docs.length, rooms: rooms.length, messages, files: files.length, filesMissing: wanted.size - present.length };
  }

  /** `<Downloads>/<name> <YYYY-MM-DD>.qwanyx.zip`, with ` (2)`, ` (3)`… when taken. */
  private defaultTarget(name: string): string {
    const dir = this.deps.downloadsDir !== null && fs.existsSync(this.deps.downloadsDir) ? this.deps.downloadsDir : path.join(this.deps.dataDir, 'exports');
    fs.mkdirSync(dir, { recursive: true });
    const base = `${name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').slice(0, 80).trim() || 'workspace'} ${new Date(this.deps.now()).toISOString().slice(0, 10)}`;
    for (let n = 1; ; n++) {
      const candidate = path.join(dir, `${base}${n === 1 ? '' : ` (${n})`}.qwanyx.zip`);
      if (!fs.existsSync(candidate) && !fs.existsSync(`${candidate}.partial`)) return candidate;
    }
  }

  /** Restores the export at `file` as a new workspace. */
  async import(file: string): Promise<ImportResult> {
    const source = path.resolve(file);
    if (!fs.existsSync(source)) throw new ValidationError(`${source} does not exist`);
    const reader = await ZipArchiveReader.open(source, IMPORT_LIMITS, isArchiveEntryName);
    try {
      const manifest = await this.readManifest(reader, source);
      for (const doc of manifest.docs) {
        if (!this.deps.knowsDoc(doc.name)) throw new ValidationError(`${source} holds a document this version of Qwanyx does not know (${doc.name}): update Qwanyx, then import again`);
        if (!reader.has(docEntryName(doc.name, 'yjs'))) throw new ValidationError(`${source} is incomplete: ${docEntryName(doc.name, 'yjs')} is missing`);
      }
      const listedFiles = new Set(manifest.files.map((f) => f.hash));
      if (listedFiles.size !== manifest.files.length) throw new ValidationError(`${source} has a damaged manifest: a file is listed twice`);
      for (const name of reader.names()) {
        if (name.startsWith('files/') && !listedFiles.has(name.slice(6))) throw new ValidationError(`${source} holds ${name}, which its manifest does not list`);
      }
      for (const file of manifest.files) if (!reader.has(fileEntryName(file.hash))) throw new ValidationError(`${source} is incomplete: ${fileEntryName(file.hash)} is missing`);
      const listed = new Set(manifest.docs.map((d) => d.name));
      if (listed.size !== manifest.docs.length) throw new ValidationError(`${source} has a damaged manifest: a document is listed twice`);
      const stray = reader.names().find((n) => {
        const doc = docOfStateEntry(n);
        return doc !== null && !listed.has(doc);
      });
      if (stray) throw new ValidationError(`${source} holds ${stray}, which its manifest does not list`);
      // Every doc is read and checked before anything is created.
      const states: { name: string; state: Uint8Array }[] = [];
      // `meta` first: it lists the rooms and digital humans the other docs belong to.
      const ordered = [...manifest.docs].sort((a, b) => (a.name === 'meta' ? -1 : b.name === 'meta' ? 1 : 0));
      for (const doc of ordered) {
        const state = await reader.read(docEntryName(doc.name, 'yjs'));
        if (state.byteLength !== doc.bytes || sha256Hex(state) !== doc.sha256) throw new ValidationError(`${source} is damaged: ${doc.name} does not match its checksum`);
        states.push({ name: doc.name, state });
      }
      return await this.restore(manifest, states, reader, source);
    } finally {
      reader.close();
    }
  }

  private async readManifest(reader: ZipArchiveReader, source: string): Promise<ArchiveManifest> {
    if (!reader.has(MANIFEST_ENTRY)) throw new ValidationError(`${source} is not a Qwanyx workspace export, or it was cut short: it has no ${MANIFEST_ENTRY}`);
    let raw: unknown;
    try {
      raw = JSON.parse((await reader.read(MANIFEST_ENTRY)).toString('utf8'));
    } catch {
      throw new ValidationError(`${source} is damaged: its ${MANIFEST_ENTRY} is not JSON`);
    }
    const format = (raw as { format?: unknown } | null)?.format;
    if (format !== ARCHIVE_FORMAT) throw new ValidationError(`${source} is not a Qwanyx workspace export`);
    const version = (raw as { version?: unknown }).version;
    if (typeof version === 'number' && version > ARCHIVE_VERSION) throw new ValidationError(`${source} was made by a newer Qwanyx (export format ${version}): update Qwanyx, then import again`);
    const parsed = archiveManifestSchema.safeParse(raw);
    if (!parsed.success) throw new ValidationError(`${source} has a damaged manifest: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    if (parsed.data.schemaVersion > this.deps.schemaVersion) throw new ValidationError(`${source} was made by a newer Qwanyx (workspace schema ${parsed.data.schemaVersion}): update Qwanyx, then import again`);
    return parsed.data;
  }

  private async restore(manifest: ArchiveManifest, states: { name: string; state: Uint8Array }[], reader: ZipArchiveReader, source: string): Promise<ImportResult> {
    const name = manifest.workspace.name.slice(0, NAME_MAX);
    const created = this.deps.workspaces.create({
      name,
      kind: manifest.workspace.kind,
      ...(manifest.workspace.color ? { color: manifest.workspace.color } : {}),
      ...(manifest.workspace.icon ? { icon: manifest.workspace.icon } : {}),
    });
    try {
      const handle = this.deps.workspaces.handle(created.id);
      const origin = txOrigin('system', 'import');
      for (const { name: docName, state } of states) handle.docs.applyUpdate(docName, state, origin);
      // One file at a time: a large export never sits whole in memory. Each is checked against its name.
      const blobs = this.deps.blobs(created.id);
      for (const file of manifest.files) {
        const bytes = await reader.read(fileEntryName(file.hash));
        if (bytes.byteLength !== file.bytes || sha256Hex(bytes) !== file.hash) throw new ValidationError(`${source} is damaged: file ${file.hash.slice(0, 12)}… does not match its checksum`);
        blobs.put(bytes, file.hash);
      }
      this.deps.workspaces.rename(created.id, name);
    } catch (err) {
      await this.deps.workspaces.delete(created.id, name).catch((cleanup: unknown) => this.deps.log('error', 'cannot remove a half-imported workspace', cleanup));
      throw err instanceof ValidationError ? err : new ValidationError(`The archive could not be imported: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.deps.log('info', `imported workspace ${manifest.workspace.id} as ${created.id}`);
    return { workspace: { id: created.id, name }, docs: states.length, files: manifest.files.length };
  }
}
