/** Routes under `/v1/workspaces`: registration, tokens, members, invitations. */
import type { InvitationService } from '../accounts/InvitationService';
import type { WorkspaceService } from '../accounts/WorkspaceService';
import type { AuthService } from '../auth/AuthService';
import type { HttpRoute, RouteContext } from './HttpRoute';
import { parseInput, readJsonBody } from './readJsonBody';
import { createInvitationSchema, idParam, registerWorkspaceSchema, setRoleSchema, workspaceIdParam } from './relaySchemas';

/** Services the workspace routes use. */
export interface WorkspaceRouteDeps {
  auth: AuthService;
  workspaces: WorkspaceService;
  invitations: InvitationService;
  maxBodyBytes: number;
}

/** The workspace routes. */
export function workspaceRoutes(deps: WorkspaceRouteDeps): HttpRoute[] {
  const { auth, workspaces, invitations, maxBodyBytes } = deps;
  const wsId = (ctx: RouteContext): string => parseInput(workspaceIdParam, ctx.params.id, 'workspace id');
  const user = (ctx: RouteContext) => auth.authenticate(ctx.req.headers.authorization);
  return [
    {
      method: 'POST',
      path: '/v1/workspaces',
      handle: async (ctx) => {
        const caller = await user(ctx);
        const body = await readJsonBody(ctx.req, registerWorkspaceSchema, maxBodyBytes);
        const { created } = await workspaces.register(caller, body.id);
        return { status: created ? 201 : 200, body: { id: body.id, role: 'owner' } };
      },
    },
    {
      method: 'POST',
      path: '/v1/workspaces/:id/token',
      handle: async (ctx) => {
        const session = await auth.authenticateDevice(ctx.req.headers.authorization);
        return { status: 200, body: await workspaces.issueToken(session.user, wsId(ctx), session.deviceId) };
      },
    },
    {
      method: 'GET',
      path: '/v1/workspaces/:id/members',
      handle: async (ctx) => ({ status: 200, body: await workspaces.members(await user(ctx), wsId(ctx)) }),
    },
    {
      method: 'PATCH',
      path: '/v1/workspaces/:id/members/:userId',
      handle: async (ctx) => {
        const caller = await user(ctx);
        const id = wsId(ctx);
        const target = parseInput(idParam, ctx.params.userId, 'user id');
        const body = await readJsonBody(ctx.req, setRoleSchema, maxBodyBytes);
        return { status: 200, body: await workspaces.setRole(caller, id, target, body.role) };
      },
    },
    {
      method: 'DELETE',
      path: '/v1/workspaces/:id/members/:userId',
      handle: async (ctx) => {
        await workspaces.removeMember(await user(ctx), wsId(ctx), parseInput(idParam, ctx.params.userId, 'user id'));
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/v1/workspaces/:id/invitations',
      handle: async (ctx) => {
        const caller = await user(ctx);
        const id = wsId(ctx);
        const body = await readJsonBody(ctx.req, createInvitationSchema, maxBodyBytes);
        return { status: 201, body: await invitations.create(caller, id, body) };
      },
    },
    {
      method: 'GET',
      path: '/v1/workspaces/:id/invitations',
      handle: async (ctx) => ({ status: 200, body: await invitations.list(await user(ctx), wsId(ctx)) }),
    },
    {
      method: 'DELETE',
      path: '/v1/workspaces/:id/invitations/:invitationId',
      handle: async (ctx) => {
        await invitations.revoke(await user(ctx), wsId(ctx), parseInput(idParam, ctx.params.invitationId, 'invitation id'));
        return { status: 204 };
      },
    },
  ];
}
