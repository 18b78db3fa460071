/**
 * Format of the erasure records and the retention setting, two root maps of
 * the workspace's synced `governance` doc (docs/erasure.md). Shared by the
 * relay, which writes both for a workspace it serves, and the devices, which
 * read them (and write them only for a local-only workspace, which has no
 * relay and no other writer).
 *
 * - `erasures`: Y.Map erasureId → plain JSON `{id, kind ('member' |
 *   'retention'), memberId (the person erased, or null), aliases (their
 *   other member ids, erased too: ids from before they linked an account),
 *   before (ms: messages
 *   created before it were erased, or null), at (ms), by (the owner who asked),
 *   counts {messages, reactions, reads, pins, memories, files, docs}, blobs
 *   (SHA-256 hashes of the files removed)}`. It never holds erased content.
 * - `retention`: Y.Map `messages` → `{days, by, at}`: messages are kept
 *   `days` days, then erased; no entry means kept forever.
 *
 * Why the relay writes them: only an owner may erase or set retention, and
 * the relay is what checks the owner (its accounts) and what holds every
 * doc, private rooms included. No connection may write these two maps
 * (sync-server/policy/checkGovernanceUpdate.ts), so an entry a device reads
 * came from its relay, never from a peer. A reader still parses strictly:
 * a record that does not read is ignored.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { HASH_PATTERN } from '../contract/fileChannels';
import { ENTITY_ID_PATTERN } from '../ids';

/** The root map of erasure records, in `governance`. */
export const ERASURES_MAP = 'erasures';
/** The root map of the retention setting, in `governance`. */
export const RETENTION_MAP = 'retention';
/** The key of the message retention in `retention`. */
export const MESSAGE_RETENTION_KEY = 'messages';
/** Longest retention one can set (100 years), in days. */
export const MAX_RETENTION_DAYS = 36_500;
/** Most file hashes a record lists. */
const MAX_BLOBS = 100_000;
const DAY_MS = 86_400_000;

/** What one erasure removed, counted. */
export interface ErasureCounts {
  messages: number;
  reactions: number;
  reads: number;
  pins: number;
  memories: number;
  files: number;
  /** Docs whose stored history was rewritten. */
  docs: number;
}

/** One erasure, as recorded. */
export interface ErasureRecord {
  id: string;
  kind: 'member' | 'retention';
  memberId: string | null;
  /** The member's other ids, erased too. */
  aliases: string[];
  before: number | null;
  at: number;
  by: string;
  counts: ErasureCounts;
  blobs: string[];
}

/** The message retention of a workspace. */
export interface RetentionRecord {
  days: number;
  by: string;
  at: number;
}

const id = z.string().regex(ENTITY_ID_PATTERN);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const instant = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const countsSchema = z.object({ messages: count, reactions: count, reads: count, pins: count, memories: count, files: count, docs: count });
const recordSchema = z.object({
  id,
  kind: z.enum(['member', 'retention']),
  memberId: id.nullable(),
  aliases: z.array(id).max(100),
  before: instant.nullable(),
  at: instant,
  by: id,
  counts: countsSchema,
  blobs: z.array(z.string().regex(HASH_PATTERN)).max(MAX_BLOBS),
});
const retentionSchema = z.object({ days: z.number().int().min(1).max(MAX_RETENTION_DAYS), by: id, at: instant });

/** Zero of every count. */
export function noErasureCounts(): ErasureCounts {
  return { messages: 0, reactions: 0, reads: 0, pins: 0, memories: 0, files: 0, docs: 0 };
}

/** The value to store under `erasures[record.id]`. */
export function writeErasureRecord(record: ErasureRecord): Record<string, unknown> {
  return { ...record, aliases: [...record.aliases], counts: { ...record.counts }, blobs: [...record.blobs] };
}

/** `erasures[key]`, or null when it does not read (or its key is not its id). */
export function readErasureRecord(key: string, value: unknown): ErasureRecord | null {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success || parsed.data.id !== key) return null;
  const r = parsed.data;
  // A member erasure names its member; a retention one its cut-off.
  if ((r.kind === 'member') !== (r.memberId !== null) || (r.kind === 'retention') !== (r.before !== null)) return null;
  return { ...r, aliases: [...r.aliases], counts: { ...r.counts }, blobs: [...r.blobs] };
}

/** Every readable record of `map`, oldest first. */
export function readErasureRecords(map: Y.Map<unknown>): ErasureRecord[] {
  const out: ErasureRecord[] = [];
  for (const [key, value] of map.entries()) {
    const record = readErasureRecord(key, value);
    if (record) out.push(record);
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

/** The value to store under `retention.messages`. */
export function writeRetentionRecord(record: RetentionRecord): Record<string, unknown> {
  return { days: record.days, by: record.by, at: record.at };
}

/** The message retention stored in `map`, or null (kept forever, or unreadable). */
export function readRetention(map: Y.Map<unknown>): RetentionRecord | null {
  const parsed = retentionSchema.safeParse(map.get(MESSAGE_RETENTION_KEY));
  return parsed.success ? { ...parsed.data } : null;
}

/** Messages created before this instant are past a retention of `days` days at `now`. */
export function retentionCutoff(days: number, now: number): number {
  return now - days * DAY_MS;
}
