/**
 * Accounts shared by two relay nodes on the real PostgreSQL and Redis, each
 * with its own empty data dir (no shared volume): a device signed in on one
 * node works on the other; a device revoked on one loses its sockets on the
 * other; a role changed on one is enforced on the other; the sign-in rate
 * limits hold across nodes; a member id bound on one node is refused to
 * another account on the other. Emails and client addresses are random per
 * run: accounts and limits live on in the shared PostgreSQL and Redis.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { clusterServices } from '../fixtures/clusterServices';
import { readBack, updateOf, userOf, writeDurably, writeRefused } from '../fixtures/hostileWrites';
import { startClusterNode, type ClusterNode } from '../fixtures/relayCluster';
import { connectRaw, type TestRelay } from '../fixtures/relayHarness';
import { relayApi, signIn } from '../fixtures/relayHttp';
import { makeTempDir } from '../fixtures/tempDir';

const services = await clusterServices();
const skip = typeof services === 'string';

/** A random client address, sent as X-Forwarded-For through one trusted proxy. */
function clientAddress(): Record<string, string> {
  const octet = (): number => Math.floor(Math.random() * 250) + 1;
  return { 'x-forwarded-for': `10.${octet()}.${octet()}.${octet()}` };
}

describe.skipIf(skip)(`relay cluster accounts${skip ? ` (skipped: ${services})` : ''}`, () => {
  const started: ClusterNode[] = [];
  const pair = async (limits: Record<string, number> = {}): Promise<[ClusterNode, ClusterNode]> => {
    for (let i = 0; i < 2; i++) {
      // Each node its own data dir: nothing of the accounts may come from a shared volume.
      started.push(await startClusterNode(services as Exclude<typeof services, string>, makeTempDir('qwanyx-cluster-acc-'), { trustedProxies: 1, limits }));
    }
    return [started.at(-2)!, started.at(-1)!];
  };
  const stopAll = async (): Promise<void> => {
    for (const n of started.splice(0)) await n.close();
  };
  const email = (name: string): string => `${name}-${randomUUID().slice(0, 8)}@example.com`;

  it('signs in on one node and uses the device token on the other; a device revoked on that other node loses its socket on the first', async () => {
    const ws = `cla-${randomUUID().slice(0, 12)}`;
    try {
      const [one, two] = await pair();
      const address = clientAddress();
      const ada = email('ada');
      const { deviceToken, userId } = await signIn(one, ada, address);
      const me = await relayApi<{ user: { id: string; email: string } }>(two, 'GET', '/v1/me', { deviceToken, headers: address });
      expect(me).toMatchObject({ status: 200, body: { user: { id: userId, email: ada } } });
      expect((await relayApi(two, 'POST', '/v1/workspaces', { deviceToken, body: { id: ws } })).status).toBe(201);
      // Registered through node two, so taken on node one too.
      expect((await relayApi(one, 'POST', '/v1/workspaces', { deviceToken, body: { id: ws } })).status).toBe(200);
      const wsToken = (await relayApi<{ token: string }>(one, 'POST', `/v1/workspaces/${ws}/token`, { deviceToken })).body.token;

      const onOne = connectRaw(one, ws, 'room/general', wsToken);
      await onOne.opened;
      await writeDurably(onOne, updateOf(new Y.Doc(), (doc) => doc.getMap('m').set('k', 'v')));
      const devices = await relayApi<{ devices: { id: string; current: boolean }[] }>(two, 'GET', '/v1/devices', { deviceToken });
      const current = devices.body.devices.find((d) => d.current)!;
      expect((await relayApi(two, 'DELETE', `/v1/devices/${current.id}`, { deviceToken })).status).toBe(204);
      expect((await onOne.waitClosed()).code).toBe(RelayCloseCode.DeviceRevoked);
      // Its token is refused by both nodes, over HTTP and WebSocket.
      for (const node of [one, two]) {
        expect((await relayApi(node, 'GET', '/v1/me', { deviceToken })).status).toBe(401);
        expect((await connectRaw(node, ws, 'room/general', wsToken).waitClosed()).code).toBe(RelayCloseCode.DeviceRevoked);
      }
    } finally {
      await stopAll();
    }
  });

  it('enforces on one node a role changed on the other, for open sockets, old tokens and new ones', async () => {
    const ws = `cla-${randomUUID().slice(0, 12)}`;
    try {
      const [one, two] = await pair();
      const owner = await signIn(one, email('owner'), clientAddress());
      const bob = await signIn(two, email('bob'), clientAddress());
      expect((await relayApi(one, 'POST', '/v1/workspaces', { deviceToken: owner.deviceToken, body: { id: ws } })).status).toBe(201);
      const invitation = await relayApi<{ token: string }>(one, 'POST', `/v1/workspaces/${ws}/invitations`, {
        deviceToken: owner.deviceToken,
        body: { email: (await relayApi<{ user: { email: string } }>(two, 'GET', '/v1/me', { deviceToken: bob.deviceToken })).body.user.email, role: 'member' },
      });
      expect(await relayApi(two, 'POST', '/v1/invitations/accept', { deviceToken: bob.deviceToken, body: { token: invitation.body.token } })).toMatchObject({
        status: 200,
        body: { role: 'member' },
      });
      const memberToken = (await relayApi<{ token: string }>(two, 'POST', `/v1/workspaces/${ws}/token`, { deviceToken: bob.deviceToken })).body.token;
      const onTwo = connectRaw(two, ws, 'room/general', memberToken);
      await onTwo.opened;

      const changed = await relayApi(one, 'PATCH', `/v1/workspaces/${ws}/members/${bob.userId}`, { deviceToken: owner.deviceToken, body: { role: 'guest' } });
      expect(changed).toMatchObject({ status: 200, body: { role: 'guest' } });
      expect((await onTwo.waitClosed()).code).toBe(RelayCloseCode.RoleChanged);
      expect((await connectRaw(two, ws, 'room/general', memberToken).waitClosed()).code).toBe(RelayCloseCode.RoleChanged);
      const guestToken = await relayApi<{ role: string }>(two, 'POST', `/v1/workspaces/${ws}/token`, { deviceToken: bob.deviceToken });
      expect(guestToken.body.role).toBe('guest');

      // Removed on node two: node one refuses the member at once.
      expect((await relayApi(two, 'DELETE', `/v1/workspaces/${ws}/members/${bob.userId}`, { deviceToken: owner.deviceToken })).status).toBe(204);
      expect((await relayApi(one, 'POST', `/v1/workspaces/${ws}/token`, { deviceToken: bob.deviceToken })).status).toBe(403);
    } finally {
      await stopAll();
    }
  });

  it('holds the sign-in rate limits across nodes', async () => {
    try {
      const [one, two] = await pair({ codesPerEmail: 2, verifyPerIp: 3 });
      const address = clientAddress();
      const target = email('limited');
      const ask = (node: ClusterNode): Promise<number> => relayApi(node, 'POST', '/v1/auth/code', { body: { email: target }, headers: address }).then((a) => a.status);
      // Two codes per email in all, whichever node is asked.
      expect([await ask(one), await ask(two), await ask(one), await ask(two)]).toEqual([202, 202, 429, 429]);
      const check = (node: ClusterNode): Promise<string> =>
        relayApi<{ error: { message: string } }>(node, 'POST', '/v1/auth/verify', { body: { email: target, code: '00000000' }, headers: address }).then(
          (a) => `${a.status} ${a.body.error.message}`,
        );
      // Three checks per address in all: the fourth is refused on either node, before the code is even read.
      const answers = [await check(one), await check(two), await check(one), await check(two), await check(one)];
      expect(answers.slice(0, 3).map((a) => a.slice(0, 3))).toEqual(['401', '401', '401']);
      for (const refused of answers.slice(3)) expect(refused).toMatch(/^429 Too many code checks from this address/);
    } finally {
      await stopAll();
    }
  });

  it('refuses on one node a member id another account bound on the other', async () => {
    const ws = `cla-${randomUUID().slice(0, 12)}`;
    try {
      const [one, two] = await pair();
      const owner = await one.mintToken({ workspaceId: ws, email: email('owner'), role: 'owner' });
      const alice = await one.mintToken({ workspaceId: ws, email: email('alice'), role: 'member' });
      const mallory = await two.mintToken({ workspaceId: ws, email: email('mallory'), role: 'member' });
      await writeDurably(connectRaw(one, ws, 'meta', owner), updateOf(new Y.Doc(), (doc) => doc.getMap('rooms').set('general', new Y.Map())));
      // Mallory's node holds the room (and the workspace's bindings) before Alice's id is ever used.
      await writeDurably(connectRaw(two, ws, 'room/general', mallory), updateOf(new Y.Doc(), (doc) => doc.getMap('warm').set('up', 1)));

      const message = (id: string, authorId: string): Uint8Array =>
        updateOf(new Y.Doc(), (doc) =>
          doc.getMap('messages').set(id, writeMessageRecord({ id, authorId, text: `hello from ${id}`, createdAt: 1, editedAt: null, deleted: false, threadRootId: null, mentions: [] })),
        );
      await writeDurably(connectRaw(one, ws, 'room/general', alice), message('m1', 'profile-of-alice'));
      expect(await writeRefused(connectRaw(two, ws, 'room/general', mallory), message('m2', 'profile-of-alice'))).toBe(RelayCloseCode.PolicyRefused);
      // Nor may Mallory speak as Alice's account id.
      expect(await writeRefused(connectRaw(two, ws, 'room/general', mallory), message('m3', userOf(alice)))).toBe(RelayCloseCode.PolicyRefused);
      const stored = (await readBack(two as unknown as TestRelay, ws, owner, 'room/general')).getMap('messages');
      expect([...stored.keys()]).toEqual(['m1']);
    } finally {
      await stopAll();
    }
  });
});
