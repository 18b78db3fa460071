/**
 * The relay's erasure routes (docs/erasure.md), with the device token like
 * every account route, for an owner of the workspace only (its role in the
 * relay's accounts; anyone else gets 403 and nothing changes):
 *
 * - `POST /v1/workspaces/:id/erase` `{kind: 'member', memberId}` or
 *   `{kind: 'retention'}` → the erasure record (RelayEraser.ts);
 * - `POST /v1/workspaces/:id/erase` `{kind: 'workspace'}` → `{removed: {docs,
 *   blobs, members, invitations, memberIds}}`: the whole workspace leaves the
 *   relay (docs, files, members, invitations, member-id bindings), leaving
 *   only its tombstone (id and date: WorkspaceStore.ts); every member's
 *   sockets close with 4411 and their devices keep their own copy;
 * - `POST /v1/workspaces/:id/retention` `{days: 1..36500 | null}` →
 *   `{retention: {days, by, at} | null}`: how long messages are kept.
 */
import { z } from 'zod';
import { ENTITY_ID_PATTERN } from '../../src-main/common/ids';
import { MAX_RETENTION_DAYS } from '../../src-main/common/erasure/erasureRecords';
import type { WorkspaceService } from '../accounts/WorkspaceService';
import type { MemberIds } from '../policy/MemberIds';
import type { AuthService } from '../auth/AuthService';
import type { HttpRoute, RouteContext } from '../http/HttpRoute';
import { parseInput, readJsonBody } from '../http/readJsonBody';
import { workspaceIdParam } from '../http/relaySchemas';
import type { RelayEraser } from './RelayEraser';

export interface ErasureRouteDeps {
  auth: AuthService;
  workspaces: WorkspaceService;
  eraser: RelayEraser;
  /** The member-id bindings, dropped with an erased workspace. */
  memberIds: Pick<MemberIds, 'dropWorkspace'>;
  maxBodyBytes: number;
}

const eraseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), memberId: z.string().regex(ENTITY_ID_PATTERN, 'must be a member id') }),
  z.strictObject({ kind: z.literal('retention') }),
  z.strictObject({ kind: z.literal('workspace') }),
]);
const retentionSchema = z.strictObject({
  days: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`).nullable(),
});

export function erasureRoutes(deps: ErasureRouteDeps): HttpRoute[] {
  /** The caller and workspace, once the caller is an owner of it. */
  const owner = async (ctx: RouteContext) => {
    const user = await deps.auth.authenticate(ctx.req.headers.authorization);
    const workspaceId = parseInput(workspaceIdParam, ctx.params.id, 'workspace id');
    await deps.workspaces.requireRole(user, workspaceId, ['owner']);
    return { user, workspaceId };
  };
  return [
    {
      method: 'POST',
      path: '/v1/workspaces/:id/erase',
      handle: async (ctx) => {
        const { user, workspaceId } = await owner(ctx);
        const body = await readJsonBody(ctx.req, eraseSchema, deps.maxBodyBytes);
        if (body.kind !== 'workspace') return { status: 200, body: await deps.eraser.erase(workspaceId, user.id, body) };
        const accounts = await deps.workspaces.deleteWorkspace(user, workspaceId);
        const stored = await deps.eraser.removeWorkspace(workspaceId);
        const memberIds = await deps.memberIds.dropWorkspace(workspaceId);
        return { status: 200, body: { removed: { ...stored, members: accounts.members.length, invitations: accounts.invitations, memberIds } } };
      },
    },
    {
      method: 'POST',
      path: '/v1/workspaces/:id/retention',
      handle: async (ctx) => {
        const { user, workspaceId } = await owner(ctx);
        const body = await readJsonBody(ctx.req, retentionSchema, deps.maxBodyBytes);
        return { status: 200, body: { retention: await deps.eraser.setRetention(workspaceId, user.id, body.days) } };
      },
    },
  ];
}
