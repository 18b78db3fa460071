/**
 * The relay's rule for the `consents` map of `governance`
 * (sync-server/policy/checkGovernanceUpdate.ts), against hostile clients
 * using stock Yjs over real WebSockets: a member writes their own consent
 * entry (though `governance` is otherwise owners' and admins' only), and
 * nobody, an owner included, writes, overwrites or removes another
 * member's entry or nests a shared type in one.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeRoleRecord } from '../../src-main/common/governance/governanceRecords';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { CONSENTS_MAP, readConsents, writeConsentRecord } from '../../src-main/storage/consents/consentDocFormat';
import { readBack, refusals, updateOf, userOf, writeDurably, writeRefused } from '../fixtures/hostileWrites';
import { connectRaw, startTestRelay } from '../fixtures/relayHarness';

const WS = 'consent-ws-0001';

/** A copy of what the relay holds of `governance`, as a hostile client would start from. */
async function copyOf(relay: Awaited<ReturnType<typeof startTestRelay>>, token: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(await readBack(relay, WS, token, 'governance')));
  return doc;
}

describe('consents at the relay', () => {
  it('lets each member write only their own consent entry, owners included', async () => {
    const relay = await startTestRelay();
    const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
    const bob = await relay.mintToken({ workspaceId: WS, email: 'bob@example.com', role: 'member' });
    const carol = await relay.mintToken({ workspaceId: WS, email: 'carol@example.com', role: 'member' });
    const consent = (dhRead: boolean) => writeConsentRecord({ dhRead, at: 1 });

    // Bob, a plain member, records his own choice.
    await writeDurably(connectRaw(relay, WS, 'governance', bob), updateOf(new Y.Doc(), (d) => d.getMap(CONSENTS_MAP).set(userOf(bob), consent(false))));
    // He may still not write anything else of governance.
    const role = updateOf(await copyOf(relay, bob), (d) => d.getMap('roles').set('x', writeRoleRecord({ id: 'x', name: 'X', base: 'admin', grants: [], createdAt: 1, createdBy: 'b' })));
    expect(await writeRefused(connectRaw(relay, WS, 'governance', bob), role)).toBe(RelayCloseCode.PolicyRefused);
    // Carol may not write Bob's entry: neither a new value over it, nor its removal, nor one for a third member.
    const overwrite = updateOf(await copyOf(relay, carol), (d) => d.getMap(CONSENTS_MAP).set(userOf(bob), consent(true)));
    expect(await writeRefused(connectRaw(relay, WS, 'governance', carol), overwrite)).toBe(RelayCloseCode.PolicyRefused);
    const remove = updateOf(await copyOf(relay, carol), (d) => d.getMap(CONSENTS_MAP).delete(userOf(bob)));
    expect(await writeRefused(connectRaw(relay, WS, 'governance', carol), remove)).toBe(RelayCloseCode.PolicyRefused);
    const forOwner = updateOf(await copyOf(relay, carol), (d) => d.getMap(CONSENTS_MAP).set(userOf(owner), consent(true)));
    expect(await writeRefused(connectRaw(relay, WS, 'governance', carol), forOwner)).toBe(RelayCloseCode.PolicyRefused);
    // Nor may the owner, who writes the rest of governance.
    const ownerForBob = updateOf(await copyOf(relay, owner), (d) => d.getMap(CONSENTS_MAP).set(userOf(bob), consent(true)));
    expect(await writeRefused(connectRaw(relay, WS, 'governance', owner), ownerForBob)).toBe(RelayCloseCode.PolicyRefused);
    await writeDurably(connectRaw(relay, WS, 'governance', owner), updateOf(await copyOf(relay, owner), (d) => d.getMap('roles').set('y', writeRoleRecord({ id: 'y', name: 'Y', base: 'member', grants: [], createdAt: 1, createdBy: 'o' }))));
    // A nested shared type under one's own key is refused too (its contents could be edited later without a trace of who).
    const nested = updateOf(await copyOf(relay, carol), (d) => d.getMap(CONSENTS_MAP).set(userOf(carol), new Y.Map()));
    expect(await writeRefused(connectRaw(relay, WS, 'governance', carol), nested)).toBe(RelayCloseCode.PolicyRefused);
    // Bob changes his mind: he overwrites his own entry.
    await writeDurably(connectRaw(relay, WS, 'governance', bob), updateOf(await copyOf(relay, bob), (d) => d.getMap(CONSENTS_MAP).set(userOf(bob), consent(true))));

    const stored = await readBack(relay, WS, carol, 'governance');
    expect([...readConsents(stored.getMap(CONSENTS_MAP))]).toEqual([[userOf(bob), { dhRead: true, at: 1 }]]);
    expect([...stored.getMap('roles').keys()]).toEqual(['y']);
    expect(await refusals(relay, 'forbidden_write')).toBe(6);
  });
});
