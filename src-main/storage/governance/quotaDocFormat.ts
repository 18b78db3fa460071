/**
 * Format of the `quotas` root map of the workspace's `governance` doc: the
 * daily limits on what digital humans use. It lives in `governance` because
 * the relay lets only owners and admins write that doc
 * (governanceDocFormat.ts): a member cannot lift their own limit.
 *
 * - `quotas`: Y.Map scope → plain JSON record `{tokens, toolCalls,
 *   messages, updatedAt, updatedBy}`, replaced whole. Each limit is a
 *   whole number per local day, or null for no limit. Scopes:
 *   `workspace` (everything digital humans use in the workspace),
 *   `member` (the default for each member: what the turns they trigger
 *   use), `member:<userId>` (one member, instead of the default), `dh`
 *   (the default for each digital human), `dh:<dhId>` (one DH). One
 *   record per scope, so two admins changing two scopes at once both keep
 *   their change.
 *
 * What is counted (tokens, tool calls, messages) is not here: it is the
 * `agent.usage` entries of the append-only audit trail (usageRecordFormat.ts),
 * so every device sums the same figures and nobody can erase their use.
 *
 * Readers never trust a peer: a record that does not parse, a negative or
 * fractional limit, or a scope of the wrong shape is ignored (no limit).
 */
import type * as Y from 'yjs';
import { z } from 'zod';

/** The root map, in the `governance` doc. */
export const QUOTAS_MAP = 'quotas';
export const GOVERNANCE_DOC_NAME = 'governance';

/** What is limited per day. */
export const QUOTA_METRICS = ['tokens', 'toolCalls', 'messages'] as const;
export type QuotaMetric = (typeof QUOTA_METRICS)[number];

export type QuotaLimits = Record<QuotaMetric, number | null>;

export interface QuotaRecord extends QuotaLimits {
  updatedAt: number;
  updatedBy: string;
}

const MAX_LIMIT = 1e12;
const limitSchema = z.number().int().min(0).max(MAX_LIMIT).nullable().catch(null);
const recordSchema = z.object({
  tokens: limitSchema.optional(),
  toolCalls: limitSchema.optional(),
  messages: limitSchema.optional(),
  updatedAt: z.number().finite().catch(0),
  updatedBy: z.string().max(128).catch(''),
});

const SCOPE = /^(workspace|member|dh|member:[A-Za-z0-9_-]{1,64}|dh:[A-Za-z0-9_-]{1,64})$/;

/** True when `key` names a scope this build understands. */
export function isQuotaScope(key: string): boolean {
  return SCOPE.test(key);
}

/** A record as stored. */
export function writeQuotaRecord(record: QuotaRecord): Record<string, unknown> {
  return { tokens: record.tokens, toolCalls: record.toolCalls, messages: record.messages, updatedAt: record.updatedAt, updatedBy: record.updatedBy };
}

/** A stored record, or null when it does not read. */
export function readQuotaRecord(key: string, value: unknown): QuotaRecord | null {
  if (!isQuotaScope(key)) return null;
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) return null;
  const r = parsed.data;
  return { tokens: r.tokens ?? null, toolCalls: r.toolCalls ?? null, messages: r.messages ?? null, updatedAt: r.updatedAt, updatedBy: r.updatedBy };
}

/** Every readable record of the map, by scope. */
export function readQuotas(map: Y.Map<unknown>): Map<string, QuotaRecord> {
  const out = new Map<string, QuotaRecord>();
  for (const [key, value] of map.entries()) {
    const record = readQuotaRecord(key, value);
    if (record) out.set(key, record);
  }
  return out;
}
