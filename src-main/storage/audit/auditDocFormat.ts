/**
 * Format of the workspace's `audit` doc (write/read pairs; a reader never
 * trusts a peer). Both root maps only ever grow: the relay refuses an update
 * that deletes or overwrites anything in them (sync-server/policy/docPolicies.ts).
 *
 * - `entries`: Y.Map entryId → plain JSON record `{id, at, actorKind
 *   ('member' | 'dh' | 'system'), actorId, onBehalfOf (member id | null: whom
 *   a DH acted for), action (e.g. 'tool.task_create', 'agent.reply'),
 *   resource (what it touched, e.g. 'room/<id>'), outcome ('allowed' |
 *   'denied' | 'failed'), detail (≤ 2,000 chars)}`, plus, since entries are
 *   signed, `by` (the user whose device wrote it: the relay refuses an entry
 *   whose `by` is not the connected user) and the chain fields `device`,
 *   `seq` (1, 2, … per device), `prev` (hash of the same device's entry
 *   `seq - 1`, '' for the first) and `sig` (Ed25519 signature by the device's
 *   key; payload and hash in domain/audit/auditChain.ts). One chain per
 *   device, not one for the workspace: devices write offline at the same
 *   time, and a chain per writer needs no agreement between them. An entry
 *   without these fields was written before entries were signed (or by a
 *   device without a key): it still loads, and verification counts it as
 *   unsigned instead of calling it broken.
 * - `devices`: Y.Map deviceId → `{user, publicKey (Ed25519, base64url of the
 *   32 raw bytes), at}`: the key a device signs with, published once, in the
 *   transaction of its first entry. A plain value under its own key, never
 *   rewritten: a device that speaks for another user is a new device. The
 *   relay accepts a new device only for the connected user, and an entry
 *   whose `device` is a device of someone else is refused.
 */
import { ENTITY_ID_PATTERN } from '../../common/ids';

/** The root maps of `audit`. */
export const AUDIT_DOC_MAPS = ['entries', 'devices'] as const;

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

/** Where an entry sits in its device's hash chain, and its signature. */
export interface AuditLink {
  device: string;
  seq: number;
  /** Hex SHA-256 of the payload of the same device's entry `seq - 1`; '' for seq 1. */
  prev: string;
  /** Base64url Ed25519 signature of the entry's payload. */
  sig: string;
}

/** One action in the trail. */
export interface AuditRecord {
  id: string;
  at: number;
  actorKind: 'member' | 'dh' | 'system';
  actorId: string;
  onBehalfOf: string | null;
  action: string;
  resource: string;
  outcome: AuditOutcome;
  detail: string;
  /** The user whose device wrote it; null on entries written before entries named their writer. */
  by: string | null;
  /** Null on an unsigned entry. */
  link: AuditLink | null;
}

/** A device's published signing key. */
export interface AuditDevice {
  id: string;
  user: string;
  /** Ed25519 public key, base64url of its 32 raw bytes. */
  publicKey: string;
  at: number;
}

const MAX_DETAIL = 2_000;
const MAX_NAME = 200;
const HASH = /^[0-9a-f]{64}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;
const PUBLIC_KEY = /^[A-Za-z0-9_-]{43}$/;

/** `record` with its texts cut to what the doc keeps: what is stored, and so what is signed. */
export function clampAuditRecord<T extends Omit<AuditRecord, 'link'>>(record: T): T {
  return { ...record, action: record.action.slice(0, MAX_NAME), resource: record.resource.slice(0, MAX_NAME), detail: record.detail.slice(0, MAX_DETAIL) };
}

/** The value to store under `entries[record.id]`. */
export function writeAuditRecord(record: AuditRecord): Record<string, unknown> {
  const { link, by, ...rest } = clampAuditRecord(record);
  return { ...rest, ...(by !== null ? { by } : {}), ...(link ?? {}) };
}

/** Reads `entries[key]`; null when it is not a well-formed entry. */
export function readAuditRecord(key: string, value: unknown): AuditRecord | null {
  if (!ENTITY_ID_PATTERN.test(key) || typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!Number.isSafeInteger(v.at)) return null;
  if (v.actorKind !== 'member' && v.actorKind !== 'dh' && v.actorKind !== 'system') return null;
  if (typeof v.actorId !== 'string' || v.actorId.length > 64) return null;
  if (v.onBehalfOf !== null && (typeof v.onBehalfOf !== 'string' || !ENTITY_ID_PATTERN.test(v.onBehalfOf))) return null;
  if (typeof v.action !== 'string' || typeof v.resource !== 'string' || typeof v.detail !== 'string') return null;
  if (v.outcome !== 'allowed' && v.outcome !== 'denied' && v.outcome !== 'failed') return null;
  if (v.by !== undefined && (typeof v.by !== 'string' || !ENTITY_ID_PATTERN.test(v.by))) return null;
  const link = readLink(v);
  if (link === undefined) return null;
  return {
    id: key,
    at: v.at as number,
    actorKind: v.actorKind,
    actorId: v.actorId,
    onBehalfOf: v.onBehalfOf,
    action: v.action.slice(0, MAX_NAME),
    resource: v.resource.slice(0, MAX_NAME),
    outcome: v.outcome,
    detail: v.detail.slice(0, MAX_DETAIL),
    by: (v.by as string | undefined) ?? null,
    link,
  };
}

/** The chain fields of an entry: null when it has none, undefined when they are malformed or partial. */
function readLink(v: Record<string, unknown>): AuditLink | null | undefined {
  const present = ['device', 'seq', 'prev', 'sig'].filter((k) => v[k] !== undefined).length;
  if (present === 0) return null;
  if (present !== 4 || typeof v.by !== 'string') return undefined;
  if (typeof v.device !== 'string' || !ENTITY_ID_PATTERN.test(v.device)) return undefined;
  if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1) return undefined;
  if (typeof v.prev !== 'string' || (v.prev !== '' && !HASH.test(v.prev))) return undefined;
  if (typeof v.sig !== 'string' || !SIGNATURE.test(v.sig)) return undefined;
  return { device: v.device, seq: v.seq as number, prev: v.prev, sig: v.sig };
}

/** The value to store under `devices[device.id]`. */
export function writeAuditDevice(device: AuditDevice): Record<string, unknown> {
  return { user: device.user, publicKey: device.publicKey, at: device.at };
}

/** Reads `devices[key]`; null when it is not a well-formed device. */
export function readAuditDevice(key: string, value: unknown): AuditDevice | null {
  if (!ENTITY_ID_PATTERN.test(key) || typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.user !== 'string' || !ENTITY_ID_PATTERN.test(v.user)) return null;
  if (typeof v.publicKey !== 'string' || !PUBLIC_KEY.test(v.publicKey)) return null;
  if (!Number.isSafeInteger(v.at)) return null;
  return { id: key, user: v.user, publicKey: v.publicKey, at: v.at as number };
}
