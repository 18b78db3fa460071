/**
 * `relay migrate-accounts --from <dataDir>` on real SQLite files and the
 * real PostgreSQL (tests/fixtures/clusterServices.ts): accounts made on a
 * relay running on SQLite (a device signed in, a workspace, a member who
 * accepted an invitation, a pending invitation, a member id bound by a
 * message) work on a relay node on PostgreSQL after the command, without
 * signing in again; an account created on PostgreSQL since the switch with
 * the same email is a reported conflict (exit 1) and left alone; a second
 * run copies nothing. A workspace erased on SQLite stays erased on
 * PostgreSQL, with its date (410 over HTTP, close 4411 over WebSocket),
 * unless it was registered again there since the switch (a reported
 * conflict). Bad arguments stop it with a clear message. Emails and
 * workspace ids are random per run: the PostgreSQL database lives on.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayCloseCode, workspaceErasedAt } from '../../src-main/common/relayWire';
import { writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { runMigrateAccountsCommand } from '../../sync-server/runMigrateAccountsCommand';
import { clusterServices } from '../fixtures/clusterServices';
import { updateOf, writeDurably, writeRefused } from '../fixtures/hostileWrites';
import { startClusterNode, type ClusterNode } from '../fixtures/relayCluster';
import { connectRaw, startTestRelay } from '../fixtures/relayHarness';
import { relayApi, signIn } from '../fixtures/relayHttp';
import { makeTempDir } from '../fixtures/tempDir';

const services = await clusterServices();
const skip = typeof services === 'string';

function post(authorId: string, id: string): (doc: Y.Doc) => void {
  return (doc) => doc.getMap('messages').set(id, writeMessageRecord({ id, authorId, text: 'hello', createdAt: 1, editedAt: null, deleted: false, threadRootId: null, mentions: [] }));
}

/** Runs the relay command in a child process (not blocking this one: the relay node under test runs here). */
function runCli(args: string[], env: Record<string, string | undefined>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts', ...args], { env: { ...process.env, RELAY_DATABASE_URL: undefined, RELAY_REDIS_URL: undefined, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.skipIf(skip)(`relay migrate-accounts${skip ? ` (skipped: ${services})` : ''}`, () => {
  const databaseUrl = skip ? '' : (services as Exclude<typeof services, string>).databaseUrl;

  it('moves accounts, devices, workspaces, members, invitations and member ids from SQLite to PostgreSQL, once', async () => {
    const tag = randomUUID().slice(0, 8);
    const email = (name: string): string => `${name}-${tag}@example.com`;
    const ws = `mig-${tag}`;
    const profileId = `profile-${tag}`;

    // A relay on SQLite, used for a while.
    const old = await startTestRelay();
    const ada = await signIn(old, email('ada'));
    expect((await relayApi(old, 'POST', '/v1/workspaces', { deviceToken: ada.deviceToken, body: { id: ws } })).status).toBe(201);
    const bob = await signIn(old, email('bob'));
    const invite = async (who: string): Promise<string> =>
      (await relayApi<{ token: string }>(old, 'POST', `/v1/workspaces/${ws}/invitations`, { deviceToken: ada.deviceToken, body: { email: who, role: 'member' } })).body.token;
    expect((await relayApi(old, 'POST', '/v1/invitations/accept', { deviceToken: bob.deviceToken, body: { token: await invite(email('bob')) } })).status).toBe(200);
    const danaInvitation = await invite(email('dana'));
    const adaWsToken = (await relayApi<{ token: string }>(old, 'POST', `/v1/workspaces/${ws}/token`, { deviceToken: ada.deviceToken })).body.token;
    // Ada's device writes as its profile id: the relay binds that member id to her account.
    await writeDurably(connectRaw(old, ws, 'room/general', adaWsToken), updateOf(new Y.Doc(), post(profileId, 'a1')));
    const carlOnSqlite = await signIn(old, email('carl'));
    await old.close();

    // The relay now runs on PostgreSQL; carl signed in again there before the accounts were moved.
    let node: ClusterNode | null = null;
    try {
      node = await startClusterNode(services as Exclude<typeof services, string>, makeTempDir('qwanyx-migrated-'));
      const carlOnPg = await signIn(node, email('carl'));
      expect((await relayApi(node, 'GET', '/v1/me', { deviceToken: ada.deviceToken })).status).toBe(401);

      const first = await runCli(['migrate-accounts', '--from', old.dataDir], { RELAY_DATABASE_URL: databaseUrl });
      expect(first.stderr).toBe('');
      expect(first.status).toBe(1);
      expect(first.stdout).toMatch(/users\s+\d+ copied/);
      expect(first.stdout).toContain(`user ${email('carl')}: PostgreSQL has another account for this email`);

      // Ada's device token, minted on SQLite, works on PostgreSQL: same account, same workspace and role.
      expect(await relayApi(node, 'GET', '/v1/me', { deviceToken: ada.deviceToken })).toMatchObject({ status: 200, body: { user: { id: ada.userId, email: email('ada') } } });
      const adaToken = await relayApi<{ token: string; role: string }>(node, 'POST', `/v1/workspaces/${ws}/token`, { deviceToken: ada.deviceToken });
      expect(adaToken).toMatchObject({ status: 200, body: { role: 'owner' } });
      const bobToken = await relayApi<{ token: string; role: string }>(node, 'POST', `/v1/workspaces/${ws}/token`, { deviceToken: bob.deviceToken });
      expect(bobToken).toMatchObject({ status: 200, body: { role: 'member' } });
      await writeDurably(connectRaw(node, ws, 'room/general', adaToken.body.token), updateOf(new Y.Doc(), post(profileId, 'a2')));
      // The member id stays Ada's: Bob cannot write as it.
      expect(await writeRefused(connectRaw(node, ws, 'room/general', bobToken.body.token), updateOf(new Y.Doc(), post(profileId, 'b1')))).toBe(RelayCloseCode.PolicyRefused);
      // The pending invitation moved too, and is still single use.
      const dana = await signIn(node, email('dana'));
      expect(await relayApi(node, 'POST', '/v1/invitations/accept', { deviceToken: dana.deviceToken, body: { token: danaInvitation } })).toMatchObject({ status: 200, body: { workspaceId: ws, role: 'member' } });
      // Carl's account on PostgreSQL is untouched; his SQLite device was not copied.
      expect(await relayApi(node, 'GET', '/v1/me', { deviceToken: carlOnPg.deviceToken })).toMatchObject({ status: 200, body: { user: { id: carlOnPg.userId } } });
      expect((await relayApi(node, 'GET', '/v1/me', { deviceToken: carlOnSqlite.deviceToken })).status).toBe(401);

      // Again: nothing left to copy, the same conflict reported, nothing changed (Dana's accepted invitation stays accepted).
      const again = await runMigrateAccountsCommand({ from: old.dataDir, databaseUrl, dryRun: false });
      for (const counts of Object.values(again.tables)) expect(counts.copied).toBe(0);
      expect(again.tables.users).toEqual({ copied: 0, present: 2, skipped: 1 });
      expect(again.tables.devices).toEqual({ copied: 0, present: 2, skipped: 1 });
      expect(again.tables.invitations).toEqual({ copied: 0, present: 2, skipped: 0 });
      expect(again.tables.memberIds).toEqual({ copied: 0, present: 1, skipped: 0 });
      expect(again.conflicts).toHaveLength(1);
      expect((await relayApi(node, 'POST', '/v1/invitations/accept', { deviceToken: dana.deviceToken, body: { token: danaInvitation } })).status).toBe(410);
    } finally {
      await node?.close();
    }
  });

  it('keeps a workspace erased on SQLite erased on PostgreSQL, with its date, once', async () => {
    const tag = randomUUID().slice(0, 8);
    const erased = `gone-${tag}`;
    const again = `again-${tag}`;
    const old = await startTestRelay();
    const ada = await signIn(old, `ada-${tag}@example.com`);
    for (const id of [erased, again]) expect((await relayApi(old, 'POST', '/v1/workspaces', { deviceToken: ada.deviceToken, body: { id } })).status).toBe(201);
    const adaWsToken = (await relayApi<{ token: string }>(old, 'POST', `/v1/workspaces/${erased}/token`, { deviceToken: ada.deviceToken })).body.token;
    await writeDurably(connectRaw(old, erased, 'room/general', adaWsToken), updateOf(new Y.Doc(), post(`profile-${tag}`, 'a1')));
    for (const id of [erased, again]) expect((await relayApi(old, 'POST', `/v1/workspaces/${id}/erase`, { deviceToken: ada.deviceToken, body: { kind: 'workspace' } })).status).toBe(200);
    const onSqlite = await relayApi<{ error: { code: string; erasedAt: number } }>(old, 'POST', `/v1/workspaces/${erased}/token`, { deviceToken: ada.deviceToken });
    expect(onSqlite).toMatchObject({ status: 410, body: { error: { code: 'WORKSPACE_ERASED' } } });
    const erasedAt = onSqlite.body.error.erasedAt;
    expect(erasedAt).toBeGreaterThan(0);
    await old.close();

    let node: ClusterNode | null = null;
    try {
      node = await startClusterNode(services as Exclude<typeof services, string>, makeTempDir('qwanyx-migrated-erased-'));
      // Since the switch, someone registered the other erased id on PostgreSQL: it is theirs, and stays live.
      const ivy = await signIn(node, `ivy-${tag}@example.com`);
      expect((await relayApi(node, 'POST', '/v1/workspaces', { deviceToken: ivy.deviceToken, body: { id: again } })).status).toBe(201);

      const report = await runMigrateAccountsCommand({ from: old.dataDir, databaseUrl, dryRun: false });
      expect(report.tables.erasedWorkspaces).toEqual({ copied: 1, present: 0, skipped: 1 });
      expect(report.conflicts).toEqual([expect.stringContaining(`erased workspace ${again} (erased `)]);

      // Erased, with the date it was erased on SQLite: over HTTP and to a socket opened with a token from before.
      expect(await relayApi(node, 'POST', `/v1/workspaces/${erased}/token`, { deviceToken: ada.deviceToken })).toMatchObject({ status: 410, body: { error: { code: 'WORKSPACE_ERASED', erasedAt } } });
      const late = await connectRaw(node, erased, 'room/general', adaWsToken).waitClosed();
      expect(late.code).toBe(RelayCloseCode.WorkspaceErased);
      expect(workspaceErasedAt(late.reason)).toBe(erasedAt);
      // The id registered again on PostgreSQL is left live for its new owner.
      expect((await relayApi(node, 'POST', `/v1/workspaces/${again}/token`, { deviceToken: ivy.deviceToken })).status).toBe(200);

      // Again: the tombstone is there, the conflict still reported, nothing changed.
      const second = await runMigrateAccountsCommand({ from: old.dataDir, databaseUrl, dryRun: false });
      expect(second.tables.erasedWorkspaces).toEqual({ copied: 0, present: 1, skipped: 1 });
      expect(second.conflicts).toHaveLength(1);
      expect(await relayApi(node, 'POST', `/v1/workspaces/${erased}/token`, { deviceToken: ada.deviceToken })).toMatchObject({ status: 410, body: { error: { erasedAt } } });
    } finally {
      await node?.close();
    }
  });

  it('refuses bad arguments with a clear message and writes nothing', async () => {
    expect(await runCli(['migrate-accounts'], { RELAY_DATABASE_URL: databaseUrl })).toMatchObject({ status: 2, stderr: expect.stringContaining('--from <dataDir> is required') });
    const empty = makeTempDir('qwanyx-migrate-empty-');
    await expect(runMigrateAccountsCommand({ from: path.join(empty, 'nope'), databaseUrl, dryRun: false })).rejects.toThrow('no such folder');
    await expect(runMigrateAccountsCommand({ from: empty, databaseUrl, dryRun: false })).rejects.toThrow('no accounts.db in it');
    fs.writeFileSync(path.join(empty, 'file'), 'x');
    await expect(runMigrateAccountsCommand({ from: path.join(empty, 'file'), databaseUrl, dryRun: false })).rejects.toThrow('not a folder');
    await expect(runMigrateAccountsCommand({ from: empty, databaseUrl: undefined, dryRun: false })).rejects.toThrow('RELAY_DATABASE_URL is not set');
    await expect(runMigrateAccountsCommand({ from: empty, databaseUrl: 'mysql://x@127.0.0.1/db', dryRun: false })).rejects.toThrow('postgres://');
    fs.writeFileSync(path.join(empty, 'accounts.db'), 'not a database');
    await expect(runMigrateAccountsCommand({ from: empty, databaseUrl, dryRun: false })).rejects.toThrow(/accounts\.db cannot be/);
  });

  it('in a dry run reports what it would copy and writes nothing', async () => {
    const old = await startTestRelay();
    const eve = await signIn(old, `eve-${randomUUID().slice(0, 8)}@example.com`);
    await old.close();
    const dry = await runMigrateAccountsCommand({ from: old.dataDir, databaseUrl, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, conflicts: [], tables: { users: { copied: 1 }, devices: { copied: 1 } } });
    const node = await startClusterNode(services as Exclude<typeof services, string>, makeTempDir('qwanyx-migrated-dry-'));
    try {
      expect((await relayApi(node, 'GET', '/v1/me', { deviceToken: eve.deviceToken })).status).toBe(401);
    } finally {
      await node.close();
    }
  });
});
