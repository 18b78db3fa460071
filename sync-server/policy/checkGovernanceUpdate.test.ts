/**
 * The governance doc's rule against updates made with stock Yjs: owners and
 * admins write every map but `consents`; in `consents` everyone, owners
 * included, writes and removes only their own entry, as a plain value.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayRole } from '../../src-main/common/relayWire';
import type { PolicyWriter } from './checkRoomUpdate';
import { checkUpdatePolicy } from './checkUpdatePolicy';
import { DOC_POLICIES } from './docPolicies';

function writer(userId: string, role: RelayRole): PolicyWriter {
  const facts = { memberIds: { owns: (_ws: string, user: string, id: string) => user === userId && id === userId }, meta: () => null, governance: () => null };
  return { userId, role, workspaceId: 'ws-1', docName: 'governance', facts: facts as unknown as PolicyWriter['facts'] };
}

/** The relay's copy (Bob declined), and the verdict on what `change` does to a writer's copy of it. */
function verdict(who: PolicyWriter, change: (doc: Y.Doc) => void): string | null {
  const relay = new Y.Doc();
  relay.getMap('consents').set('bob', { dhRead: false, at: 1 });
  const mine = new Y.Doc();
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(relay));
  const before = Y.encodeStateVector(mine);
  change(mine);
  const update = Y.decodeUpdate(Y.encodeStateAsUpdate(mine, before));
  return checkUpdatePolicy(DOC_POLICIES.governance, relay, update, who)?.message ?? null;
}

describe('governance write rule', () => {
  it('lets a member write and remove only their own consent entry', () => {
    expect(verdict(writer('bob', 'member'), (d) => d.getMap('consents').set('bob', { dhRead: true, at: 2 }))).toBeNull();
    expect(verdict(writer('bob', 'guest'), (d) => d.getMap('consents').delete('bob'))).toBeNull();
    expect(verdict(writer('carol', 'member'), (d) => d.getMap('consents').set('carol', { dhRead: false, at: 2 }))).toBeNull();
    expect(verdict(writer('carol', 'member'), (d) => d.getMap('consents').set('bob', { dhRead: true, at: 2 }))).toBe("writes another member's own entry");
    expect(verdict(writer('carol', 'member'), (d) => d.getMap('consents').delete('bob'))).toBe("writes another member's own entry");
    expect(verdict(writer('carol', 'member'), (d) => d.getMap('roles').set('x', {}))).toBe('only owners and admins write this doc');
  });

  it('holds owners and admins to the same rule in consents, and to none elsewhere', () => {
    expect(verdict(writer('ada', 'owner'), (d) => d.getMap('consents').set('bob', { dhRead: true, at: 2 }))).toBe("writes another member's own entry");
    expect(verdict(writer('ada', 'admin'), (d) => d.getMap('consents').delete('bob'))).toBe("writes another member's own entry");
    expect(verdict(writer('ada', 'owner'), (d) => d.getMap('roles').set('x', { id: 'x' }))).toBeNull();
    expect(verdict(writer('ada', 'owner'), (d) => d.getMap('quotas').set('workspace', { tokens: 1 }))).toBeNull();
  });

  it('refuses a shared type nested in an entry', () => {
    expect(verdict(writer('carol', 'member'), (d) => d.getMap('consents').set('carol', new Y.Map()))).toBe('nests a shared type in a self-owned entry');
  });
});
