import { describe, expect, it } from 'vitest';
import { effectiveGrants, readMemberPolicy, readRoleRecord, writeRoleRecord, type RoleRecord } from './governanceRecords';
import { grantsAllow, permissionCovers } from './permissions';

const moderator: RoleRecord = { id: 'moderator', name: 'Moderator', base: 'member', grants: [{ permission: 'message.delete:any', resources: ['r1'] }], createdAt: 1, createdBy: 'u1' };

describe('permissions', () => {
  it('built-in roles: owners and admins everything, members the everyday work, guests nothing', () => {
    expect(grantsAllow(effectiveGrants('owner', null), 'audit.read')).toBe(true);
    expect(grantsAllow(effectiveGrants('admin', null), 'message.delete:any', 'r1')).toBe(true);
    expect(grantsAllow(effectiveGrants('member', null), 'message.post')).toBe(true);
    expect(grantsAllow(effectiveGrants('member', null), 'dh.tool:tasks')).toBe(true);
    expect(grantsAllow(effectiveGrants('member', null), 'message.delete:any', 'r1')).toBe(false);
    expect(grantsAllow(effectiveGrants('member', null), 'provider.set')).toBe(false);
    expect(grantsAllow(effectiveGrants('guest', null), 'message.post')).toBe(false);
  });

  it('a custom role adds grants to its base, limited to the resources it names', () => {
    const grants = effectiveGrants('member', moderator);
    expect(grantsAllow(grants, 'message.delete:any', 'r1')).toBe(true);
    expect(grantsAllow(grants, 'message.delete:any', 'r2')).toBe(false);
    expect(grantsAllow(grants, 'message.delete:any')).toBe(false);
    expect(grantsAllow(grants, 'message.post')).toBe(true);
  });

  it('a custom role never lifts a guest above a guest', () => {
    expect(grantsAllow(effectiveGrants('guest', moderator), 'message.post')).toBe(false);
    expect(grantsAllow(effectiveGrants('guest', moderator), 'message.delete:any', 'r1')).toBe(false);
  });

  it('a grant covers its qualified forms, not the other way round', () => {
    expect(permissionCovers('dh.tool', 'dh.tool:tasks')).toBe(true);
    expect(permissionCovers('dh.tool:tasks', 'dh.tool')).toBe(false);
    expect(permissionCovers('room.read', 'room.read:private')).toBe(true);
    expect(permissionCovers('*', 'export.run')).toBe(true);
  });

  it('readers never trust a peer: malformed roles and members are dropped, built-in names are not custom roles', () => {
    expect(readRoleRecord('moderator', writeRoleRecord(moderator))).toEqual(moderator);
    expect(readRoleRecord('owner', { ...writeRoleRecord(moderator), id: 'owner' })).toBeNull();
    expect(readRoleRecord('boss', { ...writeRoleRecord(moderator), base: 'owner' })).toBeNull();
    expect(readRoleRecord('x', { ...writeRoleRecord(moderator), grants: [{ permission: 'not a permission!' }, { permission: 'audit.read', resources: ['ok', '../bad'] }] })?.grants).toEqual([
      { permission: 'audit.read', resources: ['ok'] },
    ]);
    expect(readMemberPolicy('u1', { role: 'guest', expiresAt: 5 })).toMatchObject({ role: 'guest', expiresAt: 5 });
    expect(readMemberPolicy('u1', { role: 42 })).toBeNull();
    expect(readMemberPolicy('u1', ['guest'])).toBeNull();
  });
});
