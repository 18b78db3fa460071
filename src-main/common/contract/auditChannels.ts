/**
 * Contract of the audit trail: the workspace's audit entries, newest first,
 * whether its signed chains are intact, and the event that tells the shells
 * new ones arrived.
 */
import { z } from 'zod';
import { ENTITY_ID_PATTERN, workspaceIdSchema } from '../ids';

/** One entry of the audit trail. */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  actorKind: z.enum(['member', 'dh', 'system']),
  actorId: z.string(),
  onBehalfOf: z.string().nullable(),
  action: z.string(),
  resource: z.string(),
  outcome: z.enum(['allowed', 'denied', 'failed']),
  detail: z.string(),
});

/** Why a chain of the trail is broken (domain/audit/verifyAuditChain.ts). */
export const auditBreakReasonSchema = z.enum([
  'missing_entry',
  'wrong_prev_hash',
  'bad_signature',
  'unknown_key',
  'wrong_user',
  'duplicate_sequence',
  'malformed_entry',
]);

/** The first broken link of a trail: where, and why. */
export const auditBreakSchema = z.object({
  reason: auditBreakReasonSchema,
  entryId: z.string().nullable(),
  deviceId: z.string().nullable(),
  userId: z.string().nullable(),
  seq: z.number().nullable(),
  at: z.number().nullable(),
  message: z.string(),
});

/** What verifying a workspace's trail found. */
export const auditVerificationSchema = z.object({
  intact: z.boolean(),
  /** Entries signed by a device and checked. */
  signedEntries: z.number(),
  /** Entries written before entries were signed (or by a device without a key): loaded, not checkable. */
  unsignedEntries: z.number(),
  devices: z.number(),
  /** How many chains (or malformed entries) are broken. */
  problems: z.number(),
  /** The earliest broken link, null when intact. */
  firstBroken: auditBreakSchema.nullable(),
});

export const auditChannels = {
  'audit.list': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        limit: z.number().int().min(1).max(1000).optional(),
        beforeAt: z.number().int().min(0).optional(),
        actorId: z.string().regex(ENTITY_ID_PATTERN, 'Actor id must be 1-64 letters, digits, "_" or "-"').optional(),
      })
      .strict(),
    output: z.array(auditEntrySchema),
  },
  /** Checks every device's chain of the trail: signatures, hashes, sequences, keys. */
  'audit.verify': {
    input: z.object({ workspaceId: workspaceIdSchema }).strict(),
    output: auditVerificationSchema,
  },
} as const;

export const auditEvents = {
  /** The workspace's audit trail has new entries (from this device or a teammate's). */
  'audit.changed': z.object({ workspaceId: z.string() }),
} as const;

export type AuditEntry = z.output<typeof auditEntrySchema>;
export type AuditVerification = z.output<typeof auditVerificationSchema>;
export type AuditBreak = z.output<typeof auditBreakSchema>;
