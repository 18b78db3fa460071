/**
 * An invitation is only as good as its author: once the admin who created
 * it is removed or demoted, it is refused (410), while invitations of the
 * remaining managers still work.
 */
import { describe, expect, it } from 'vitest';
import { startTestRelay } from '../fixtures/relayHarness';
import { relayApi, signIn } from '../fixtures/relayHttp';

const WS = 'stale-ws-00001';

async function invite(relay: { url: string }, deviceToken: string, email: string): Promise<string> {
  const answer = await relayApi<{ token: string }>(relay, 'POST', `/v1/workspaces/${WS}/invitations`, { deviceToken, body: { email, role: 'member' } });
  expect(answer.status).toBe(201);
  return answer.body.token;
}

async function accept(relay: { url: string }, deviceToken: string, token: string): Promise<number> {
  return (await relayApi(relay, 'POST', '/v1/invitations/accept', { deviceToken, body: { token } })).status;
}

describe('stale invitations', () => {
  it('revokes the invitations of an admin who is removed or demoted', async () => {
    const relay = await startTestRelay();
    const owner = await signIn(relay, 'owner@example.com');
    expect((await relayApi(relay, 'POST', '/v1/workspaces', { deviceToken: owner.deviceToken, body: { id: WS } })).status).toBe(201);
    const makeAdmin = async (email: string): Promise<{ deviceToken: string; userId: string }> => {
      const admin = await signIn(relay, email);
      expect(await accept(relay, admin.deviceToken, await invite(relay, owner.deviceToken, email))).toBe(200);
      expect((await relayApi(relay, 'PATCH', `/v1/workspaces/${WS}/members/${admin.userId}`, { deviceToken: owner.deviceToken, body: { role: 'admin' } })).status).toBe(200);
      return admin;
    };
    const removed = await makeAdmin('removed-admin@example.com');
    const demoted = await makeAdmin('demoted-admin@example.com');
    const fromRemoved = await invite(relay, removed.deviceToken, 'x@example.com');
    const fromDemoted = await invite(relay, demoted.deviceToken, 'y@example.com');
    const fromOwner = await invite(relay, owner.deviceToken, 'z@example.com');

    expect((await relayApi(relay, 'DELETE', `/v1/workspaces/${WS}/members/${removed.userId}`, { deviceToken: owner.deviceToken })).status).toBe(204);
    expect((await relayApi(relay, 'PATCH', `/v1/workspaces/${WS}/members/${demoted.userId}`, { deviceToken: owner.deviceToken, body: { role: 'member' } })).status).toBe(200);

    const x = await signIn(relay, 'x@example.com');
    const y = await signIn(relay, 'y@example.com');
    const z = await signIn(relay, 'z@example.com');
    expect(await accept(relay, x.deviceToken, fromRemoved)).toBe(410);
    expect(await accept(relay, y.deviceToken, fromDemoted)).toBe(410);
    expect(await accept(relay, z.deviceToken, fromOwner)).toBe(200);
    const list = await relayApi<{ email: string; revokedAt: string | null }[]>(relay, 'GET', `/v1/workspaces/${WS}/invitations`, { deviceToken: owner.deviceToken });
    expect(list.body.filter((i) => i.revokedAt !== null).map((i) => i.email).sort()).toEqual(['x@example.com', 'y@example.com']);
  });
});
