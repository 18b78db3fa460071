/** Routes of sign-in and of the caller's own account: `/v1/auth/*`, `/v1/me`, `/v1/devices`, `/v1/invitations/accept`. */
import type { InvitationService } from '../accounts/InvitationService';
import type { WorkspaceService } from '../accounts/WorkspaceService';
import type { AuthService } from '../auth/AuthService';
import type { DeviceService } from '../auth/DeviceService';
import type { HttpRoute } from './HttpRoute';
import { readJsonBody } from './readJsonBody';
import { parseInput } from './readJsonBody';
import { acceptInvitationSchema, codeRequestSchema, idParam, verifyRequestSchema } from './relaySchemas';

/** Services the account routes use. */
export interface AccountRouteDeps {
  auth: AuthService;
  workspaces: WorkspaceService;
  invitations: InvitationService;
  devices: DeviceService;
  maxBodyBytes: number;
}

/** The account routes. */
export function accountRoutes(deps: AccountRouteDeps): HttpRoute[] {
  const { auth, maxBodyBytes } = deps;
  return [
    {
      method: 'POST',
      path: '/v1/auth/code',
      handle: async ({ req, ip }) => {
        const body = await readJsonBody(req, codeRequestSchema, maxBodyBytes);
        await auth.requestCode(body.email, ip);
        return { status: 202, body: { sent: true } };
      },
    },
    {
      method: 'POST',
      path: '/v1/auth/verify',
      handle: async ({ req, ip }) => {
        const body = await readJsonBody(req, verifyRequestSchema, maxBodyBytes);
        return { status: 200, body: await auth.verifyCode(body.email, body.code, body.deviceName, ip) };
      },
    },
    {
      method: 'GET',
      path: '/v1/me',
      handle: async ({ req }) => {
        const user = await auth.authenticate(req.headers.authorization);
        return { status: 200, body: { user, workspaces: await deps.workspaces.workspacesOf(user) } };
      },
    },
    {
      method: 'POST',
      path: '/v1/auth/sign-out',
      handle: async ({ req }) => {
        const session = await auth.authenticateDevice(req.headers.authorization);
        await deps.devices.revoke(session, session.deviceId);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/v1/devices',
      handle: async ({ req }) => ({ status: 200, body: { devices: await deps.devices.list(await auth.authenticateDevice(req.headers.authorization)) } }),
    },
    {
      method: 'DELETE',
      path: '/v1/devices/:deviceId',
      handle: async ({ req, params }) => {
        const session = await auth.authenticateDevice(req.headers.authorization);
        await deps.devices.revoke(session, parseInput(idParam, params.deviceId, 'device id'));
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/v1/invitations/accept',
      handle: async ({ req }) => {
        const user = await auth.authenticate(req.headers.authorization);
        const body = await readJsonBody(req, acceptInvitationSchema, maxBodyBytes);
        return { status: 200, body: await deps.invitations.accept(user, body.token) };
      },
    },
  ];
}
