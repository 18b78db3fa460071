/**
 * Format of the workspace's `audit` doc (write/read pair; a reader never
 * trusts a peer): root map `entries`, Y.Map entryId → plain JSON record
 * `{id, at, actorKind ('member' | 'dh' | 'system'), actorId, onBehalfOf
 * (member id | null: whom a DH acted for), action (e.g. 'tool.task_create',
 * 'agent.reply'), resource (what it touched, e.g. 'room/<id>'), outcome
 * ('allowed' | 'denied' | 'failed'), detail (≤ 2,000 chars)}`.
 * Entries are only ever added: the trail is append-only.
 */
import { ENTITY_ID_PATTERN } from '../../common/ids';

/** The root maps of `audit`. */
export const AUDIT_DOC_MAPS = ['entries'] as const;

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

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
}

const MAX_DETAIL = 2_000;
const MAX_NAME = 200;

/** The value to store under `entries[record.id]`. */
export function writeAuditRecord(record: AuditRecord): Record<string, unknown> {
  return { ...record, action: record.action.slice(0, MAX_NAME), resource: record.resource.slice(0, MAX_NAME), detail: record.detail.slice(0, MAX_DETAIL) };
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
  };
}
