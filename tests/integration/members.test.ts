/**
 * Members and roles from the app's channels and the CLI, against a real
 * relay: a local-only workspace lists its owner and no invitations; in a
 * team workspace the owner lists members, sees and revokes pending
 * invitations, makes someone a guest with an expiry (their device becomes
 * read-only) and removes them (their device loses access).
 */
import { describe, expect, it } from 'vitest';
import type { Invitation, MemberList, MemberStanding, PendingInvitation, Workspace } from '../../src-main/common/contract';
import { linkedPair } from '../fixtures/linkedPair';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { eventually, syncStatus } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';

describe('members and roles', () => {
  it('a local-only workspace lists its owner and has no invitations (CLI)', async () => {
    const dataDir = makeTempDir();
    const created = await runCliInProcess(dataDir, ['workspace', 'create', 'Freelance', '--solo', '--json']);
    expect(created.code).toBe(0);
    const ws = JSON.parse(created.out[0]!) as Workspace;
    const listed = await runCliInProcess(dataDir, ['member', 'list', '--workspace', ws.id, '--json']);
    expect(listed.code).toBe(0);
    const list = JSON.parse(listed.out[0]!) as MemberList;
    expect(list).toMatchObject({ solo: true, canManage: true });
    expect(list.members).toHaveLength(1);
    expect(list.members[0]).toMatchObject({ role: 'owner', you: true });
    expect(JSON.parse((await runCliInProcess(dataDir, ['invite', 'list', '--workspace', ws.id, '--json'])).out[0]!)).toEqual([]);
    const refused = await runCliInProcess(dataDir, ['member', 'remove', '--workspace', ws.id, list.members[0]!.userId]);
    expect(refused.code).not.toBe(0);
    expect(refused.err.join('\n')).toMatch(/local-only workspace has one person/);
  });

  it('lists members, revokes an invitation, makes a guest with an expiry, removes a member', async () => {
    const { a, b, ws } = await linkedPair();
    const list = await a.call<MemberList>('members.list', { workspaceId: ws });
    expect(list.solo).toBe(false);
    expect(list.canManage).toBe(true);
    expect(list.members.map((m) => [m.email, m.role, m.you])).toEqual([
      ['ada@example.com', 'owner', true],
      ['bob@example.com', 'member', false],
    ]);
    expect(list.members.find((m) => m.email === 'ada@example.com')!.displayName).toBe('Ada Veyra');
    expect((await b.call<MemberList>('members.list', { workspaceId: ws })).canManage).toBe(false);

    const invitation = await a.call<Invitation>('invite.create', { workspaceId: ws, email: 'carol@example.com', role: 'member' });
    expect((await a.call<PendingInvitation[]>('invite.list', { workspaceId: ws })).find((i) => i.id === invitation.id)?.state).toBe('pending');
    const afterRevoke = await a.call<PendingInvitation[]>('invite.revoke', { workspaceId: ws, invitationId: invitation.id });
    expect(afterRevoke.find((i) => i.id === invitation.id)?.state).toBe('revoked');

    const bob = list.members.find((m) => m.email === 'bob@example.com')!;
    await a.call('members.setRole', { workspaceId: ws, userId: bob.userId, role: 'guest' });
    const until = Date.now() + 7 * 86_400_000;
    const withExpiry = await a.call<MemberList>('members.setExpiry', { workspaceId: ws, userId: bob.userId, expiresAt: until });
    expect(withExpiry.members.find((m) => m.userId === bob.userId)).toMatchObject({ role: 'guest', expiresAt: until });
    // Bob's device learns its new role from its next token, and the expiry from the synced governance doc.
    await eventually(() => b.call<MemberStanding>('members.standing', { workspaceId: ws }), (s) => s.role === 'guest' && s.readOnly && s.expiresAt === until, 'bob read-only with the expiry');

    await a.call('members.remove', { workspaceId: ws, userId: bob.userId });
    expect((await a.call<MemberList>('members.list', { workspaceId: ws })).members.map((m) => m.email)).toEqual(['ada@example.com']);
    await eventually(() => syncStatus(b, ws), (s) => s.reasonCode === 'no-access', 'bob loses access');
  });
});
