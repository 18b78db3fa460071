/**
 * Format of a workspace export (`*.qwanyx.zip`): everything a workspace
 * holds, readable by a person and restorable by Qwanyx, without secrets
 * (keys stay in the OS keychain; no doc holds one).
 *
 * Entries (paths inside the zip; a reader refuses any other path):
 * - `manifest.json`: {@link ArchiveManifest}. Written last, so an archive
 *   cut short has none and is refused whole.
 * - `docs/<doc name>.yjs`: the doc's full Yjs state (v1 update, as
 *   `Y.encodeStateAsUpdate` gives it). This is what import applies: the
 *   state keeps every CRDT identity, so an export of the import holds the
 *   same content. Doc names are the workspace's own (`meta`, `governance`,
 *   `audit`, `room/<id>`, `dh/<id>`), so `room/abc.yjs` sits in `docs/room/`.
 * - `docs/<doc name>.json`: the same doc as JSON (each root map's
 *   `toJSON()`), for people and other tools. Import ignores it: JSON loses
 *   the CRDT identities.
 * - `rooms/<room name>--<room id>.md`: each room's transcript in Markdown,
 *   oldest first, authors by their current name.
 * - `files/<sha256>`: each file a message names (attachments), its bytes
 *   as stored; the name is the SHA-256 of the bytes, checked on import.
 *
 * Readers never trust an archive: every path is checked against the list
 * above, sizes and compression ratios are capped (a zip bomb is refused
 * before it is inflated), each doc's bytes must match the SHA-256 the
 * manifest lists for it, and an archive of a newer format is refused with
 * what to do.
 */
import { z } from 'zod';

/** What `manifest.json` says it is. */
export const ARCHIVE_FORMAT = 'qwanyx.workspace-export';
/** The version this build writes and the newest it reads. */
export const ARCHIVE_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';

/** A doc name's shape; whether this build knows the doc is the workspace layout's call (DocLayout.kindOf). */
const DOC_NAME = /^[a-z]{1,32}(?:\/[A-Za-z0-9_-]{1,64})?$/;
const DOC_ENTRY = /^docs\/([a-z]{1,32}(?:\/[A-Za-z0-9_-]{1,64})?)\.(yjs|json)$/;
const ROOM_ENTRY = /^rooms\/[^/\\]{1,200}\.md$/;
const FILE_ENTRY = /^files\/([0-9a-f]{64})$/;

/** One doc of the archive, as the manifest lists it. */
export const archiveDocSchema = z.object({
  name: z.string().regex(DOC_NAME),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ArchiveDoc = z.infer<typeof archiveDocSchema>;

export const archiveManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.number().int().min(1),
  /** The highest workspace migration of the build that wrote it. */
  schemaVersion: z.number().int().min(0),
  exportedAt: z.number().int().min(0),
  workspace: z.object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(200),
    kind: z.enum(['solo', 'team']),
    color: z.string().max(32).nullable(),
    icon: z.string().max(64).nullable(),
  }),
  docs: z.array(archiveDocSchema).max(1_000_000),
  /** The attached files it holds (absent in exports made before files existed). */
  files: z
    .array(z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) }))
    .max(1_000_000)
    .default([]),
  /** What is inside, for people: rooms, messages. Not used by import. */
  counts: z.record(z.string(), z.number().int().min(0)),
});
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;

/** The entry holding `docName`'s state (`yjs`) or its readable JSON (`json`). */
export function docEntryName(docName: string, kind: 'yjs' | 'json'): string {
  return `docs/${docName}.${kind}`;
}

/** The doc whose state `entry` holds, or null when it is not a state entry. */
export function docOfStateEntry(entry: string): string | null {
  const match = DOC_ENTRY.exec(entry);
  return match && match[2] === 'yjs' ? match[1]! : null;
}

/** True for a path this format may hold. */
export function isArchiveEntryName(entry: string): boolean {
  return entry === MANIFEST_ENTRY || DOC_ENTRY.test(entry) || ROOM_ENTRY.test(entry) || FILE_ENTRY.test(entry);
}

/** The entry holding the attached file `hash`. */
export function fileEntryName(hash: string): string {
  return `files/${hash}`;
}

/** The transcript entry of a room: its name made safe for every file system, then its id. */
export function roomEntryName(roomName: string, roomId: string): string {
  const safe = roomName.replace(/[^\p{L}\p{N} ._-]+/gu, '-').replace(/^[.\s-]+/, '').slice(0, 80) || 'room';
  return `rooms/${safe}--${roomId}.md`;
}
