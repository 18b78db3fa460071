/**
 * Custom roles from the command line, on real files: an owner defines a
 * role (a built-in base plus grants, some limited to a room), lists it,
 * gives it to a member and takes it back; bad input is refused with the
 * reason and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { parseGrants } from '../../src-main/core/modules/members/roleCommand';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';

describe('qwanyx role', () => {
  it('defines, lists, assigns and takes back a custom role; refuses bad input', async () => {
    const dataDir = makeTempDir();
    expect((await runCliInProcess(dataDir, ['workspace', 'create', 'Acme'])).code).toBe(0);
    const defined = await runCliInProcess(dataDir, ['role', 'define', '--workspace', 'Acme', 'moderator', '--name', 'Moderator', '--base', 'member', '--grants', 'message.delete:any;room.read:private=r1,r2', '--json']);
    expect(defined.err).toEqual([]);
    expect(JSON.parse(defined.out[0]!)).toMatchObject({
      id: 'moderator',
      base: 'member',
      grants: [
        { permission: 'message.delete:any', resources: null },
        { permission: 'room.read:private', resources: ['r1', 'r2'] },
      ],
    });

    for (const bad of [
      ['admin', '--name', 'Admin', '--base', 'member'],
      ['helper', '--name', 'Helper', '--base', 'owner'],
      ['helper', '--name', 'Helper', '--base', 'member', '--grants', 'not a permission'],
      ['helper', '--base', 'member'],
    ]) {
      const refused = await runCliInProcess(dataDir, ['role', 'define', '--workspace', 'Acme', ...bad]);
      expect(refused.code, bad.join(' ')).not.toBe(0);
      expect(refused.err.join('\n'), bad.join(' ')).toMatch(/role|permission|--name|owner/i);
    }
    const listed = await runCliInProcess(dataDir, ['role', 'list', '--workspace', 'Acme', '--json']);
    expect((JSON.parse(listed.out[0]!) as { id: string }[]).map((r) => r.id)).toEqual(['moderator']);

    const members = JSON.parse((await runCliInProcess(dataDir, ['member', 'list', '--workspace', 'Acme', '--json'])).out[0]!) as { members: { userId: string }[] };
    const me = members.members[0]!.userId;
    const given = await runCliInProcess(dataDir, ['role', 'assign', '--workspace', 'Acme', me, 'moderator', '--json']);
    expect(JSON.parse(given.out[0]!)).toEqual({ userId: me, role: 'moderator' });
    const unknown = await runCliInProcess(dataDir, ['role', 'assign', '--workspace', 'Acme', me, 'ghost']);
    expect(unknown.err.join('\n')).toContain('No role ghost');
    const back = await runCliInProcess(dataDir, ['role', 'assign', '--workspace', 'Acme', me, 'none']);
    expect(back.out.join('\n')).toContain('has no custom role now');
  });

  it('reads --grants as permissions, each optionally limited to ids', () => {
    expect(parseGrants(' message.delete:any ; dh.use=dh1, dh2 ;')).toEqual([
      { permission: 'message.delete:any', resources: null },
      { permission: 'dh.use', resources: ['dh1', 'dh2'] },
    ]);
    expect(() => parseGrants('dh.use=')).toThrow(/names no room or digital human/);
  });
});
