/**
 * The relay binds the audit trail to who writes it: hostile updates made by
 * hand with stock Yjs over real WebSockets to a real relay. An entry in
 * someone else's name, a device key published for someone else, an entry
 * written into another user's device chain, or an unsigned entry once the
 * doc holds anything, each close the writer with 4422 and change nothing;
 * an owner's first upload of a workspace's history may carry the entries
 * written before signing. Then two people on two real cores: each device's
 * chain reaches the other, and both verify the trail as intact.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditVerification } from '../../src-main/common/contract';
import { readRelayTokenClaims } from '../../src-main/common/relayToken';
import { MESSAGE_ACK, RelayCloseCode } from '../../src-main/common/relayWire';
import { readRelayFrame, writeStep1Frame, writeUpdateFrame } from '../../src-main/common/syncFrames';
import { auditPayload, generateDeviceKey, payloadHash, signPayload, type DeviceKeyPair } from '../../src-main/domain/audit/auditChain';
import { verifyAuditChain } from '../../src-main/domain/audit/verifyAuditChain';
import { writeAuditDevice, writeAuditRecord } from '../../src-main/storage/audit/auditDocFormat';
import { linkedPair } from '../fixtures/linkedPair';
import { connectRaw, startTestRelay, waitUntil, type RawClient, type TestRelay } from '../fixtures/relayHarness';
import { eventually } from '../fixtures/syncCores';
import { updateOf } from '../fixtures/updateOf';

const WS = 'chain-ws-00001';
/** How a writer rule of the audit doc closes the writer (not the append-only rule). */
const REFUSED = `${RelayCloseCode.PolicyRefused} writer rule`;

interface Device {
  id: string;
  user: string;
  pair: DeviceKeyPair;
  seq: number;
  hash: string;
}

function newDevice(id: string, user: string): Device {
  return { id, user, pair: generateDeviceKey(), seq: 0, hash: '' };
}

/** Publishes `d` (first time) and appends its next signed entry `id` to `doc`, as the client does. */
function signedEntry(doc: Y.Doc, d: Device, id: string, by = d.user): void {
  const unsigned = { id, at: Date.now(), actorKind: 'dh' as const, actorId: 'dh_1', onBehalfOf: null, action: 'agent.reply', resource: 'room/r1', outcome: 'allowed' as const, detail: '', by, link: { device: d.id, seq: d.seq + 1, prev: d.hash } };
  const payload = auditPayload(unsigned);
  doc.transact(() => {
    if (!doc.getMap('devices').has(d.id)) doc.getMap('devices').set(d.id, writeAuditDevice({ id: d.id, user: d.user, publicKey: d.pair.publicKey, at: 1 }));
    doc.getMap('entries').set(id, writeAuditRecord({ ...unsigned, link: { ...unsigned.link, sig: signPayload(d.pair.privateKey, payload) } }));
  });
  d.seq += 1;
  d.hash = payloadHash(payload);
}

function legacyEntry(doc: Y.Doc, id: string): void {
  doc.getMap('entries').set(id, { id, at: 1, actorKind: 'dh', actorId: 'dh_1', onBehalfOf: null, action: 'agent.reply', resource: 'room/r1', outcome: 'allowed', detail: '' });
}

async function writeDurably(client: RawClient, update: Uint8Array): Promise<void> {
  await client.opened;
  const acks = (): number => client.frames.filter((f) => f[0] === MESSAGE_ACK).length;
  const before = acks();
  client.send(writeUpdateFrame(update));
  await waitUntil(() => acks() > before || client.closed !== null, 5000, 'an ack');
  expect(client.closed).toBeNull();
}

/** The close code, and the close reason when it names the writer rule (else the whole reason). */
async function writeRefused(relay: TestRelay, token: string, holding: Y.Doc, change: (doc: Y.Doc) => void, ws = WS): Promise<string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(holding));
  const conn = connectRaw(relay, ws, 'audit', token);
  await conn.opened;
  conn.send(writeUpdateFrame(updateOf(doc, () => change(doc))));
  const closed = await conn.waitClosed();
  return `${closed.code} ${/someone else/.test(closed.reason) ? 'writer rule' : closed.reason}`;
}

async function readBack(relay: TestRelay, token: string, ws = WS): Promise<Y.Doc> {
  const reader = connectRaw(relay, ws, 'audit', token);
  await reader.opened;
  reader.send(writeStep1Frame(new Uint8Array([0])));
  await waitUntil(() => reader.frames.some((f) => readRelayFrame(f).kind === 'step2'), 5000, 'step 2');
  const doc = new Y.Doc();
  for (const f of reader.frames) {
    const frame = readRelayFrame(f);
    if (frame.kind === 'step2' || frame.kind === 'update') Y.applyUpdate(doc, frame.update);
  }
  reader.close();
  return doc;
}

describe('audit chain at the relay', () => {
  it('refuses entries and device keys in someone else’s name with 4422; honest writers of every role go on', async () => {
    const relay = await startTestRelay();
    const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
    const member = await relay.mintToken({ workspaceId: WS, email: 'member@example.com', role: 'member' });
    const ownerId = readRelayTokenClaims(owner)!.sub;
    const memberId = readRelayTokenClaims(member)!.sub;
    const honestDoc = new Y.Doc();
    const ownerDevice = newDevice('dev_owner', ownerId);
    const honest = connectRaw(relay, WS, 'audit', owner);
    await writeDurably(honest, updateOf(honestDoc, () => signedEntry(honestDoc, ownerDevice, 'o1')));
    await writeDurably(honest, updateOf(honestDoc, () => signedEntry(honestDoc, ownerDevice, 'o2')));

    const forged = newDevice('dev_forged', ownerId);
    // An entry in the owner's name (on a device "of the owner" published in the same update).
    expect(await writeRefused(relay, member, honestDoc, (doc) => signedEntry(doc, forged, 'f1'))).toBe(REFUSED);
    // A device key published for the owner, alone.
    expect(await writeRefused(relay, member, honestDoc, (doc) => doc.getMap('devices').set('dev_forged', writeAuditDevice({ id: 'dev_forged', user: ownerId, publicKey: forged.pair.publicKey, at: 1 })))).toBe(REFUSED);
    // The member's own name, but in the owner's device chain.
    const intoOwnerChain = { ...ownerDevice, user: memberId };
    expect(await writeRefused(relay, member, honestDoc, (doc) => signedEntry(doc, intoOwnerChain, 'f2', memberId))).toBe(REFUSED);
    // An entry naming no writer, once the doc holds anything.
    expect(await writeRefused(relay, member, honestDoc, (doc) => legacyEntry(doc, 'f3'))).toBe(REFUSED);
    expect(await writeRefused(relay, owner, honestDoc, (doc) => legacyEntry(doc, 'f4'))).toBe(REFUSED);

    // The member's own device and entries are theirs to write.
    const memberDoc = new Y.Doc();
    Y.applyUpdate(memberDoc, Y.encodeStateAsUpdate(honestDoc));
    const memberDevice = newDevice('dev_member', memberId);
    const memberConn = connectRaw(relay, WS, 'audit', member);
    await writeDurably(memberConn, updateOf(memberDoc, () => signedEntry(memberDoc, memberDevice, 'm1')));
    await writeDurably(honest, updateOf(honestDoc, () => signedEntry(honestDoc, ownerDevice, 'o3')));

    const stored = await readBack(relay, owner);
    expect(Object.keys(stored.getMap('entries').toJSON()).sort()).toEqual(['m1', 'o1', 'o2', 'o3']);
    expect(Object.keys(stored.getMap('devices').toJSON()).sort()).toEqual(['dev_member', 'dev_owner']);
    expect(verifyAuditChain(stored)).toMatchObject({ intact: true, signedEntries: 4, devices: 2 });
  });

  it('takes entries from before signing only in an owner’s first upload into an empty doc', async () => {
    const relay = await startTestRelay();
    const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
    const ownerId = readRelayTokenClaims(owner)!.sub;
    const member = await relay.mintToken({ workspaceId: 'chain-ws-00002', email: 'member@example.com', role: 'member' });
    await relay.mintToken({ workspaceId: 'chain-ws-00002', email: 'owner@example.com', role: 'owner' });

    // A member cannot seed an empty doc with unsigned entries.
    expect(await writeRefused(relay, member, new Y.Doc(), (doc) => legacyEntry(doc, 'old1'), 'chain-ws-00002')).toBe(REFUSED);

    const history = new Y.Doc();
    legacyEntry(history, 'old1');
    legacyEntry(history, 'old2');
    signedEntry(history, newDevice('dev_owner', ownerId), 'new1');
    const conn = connectRaw(relay, WS, 'audit', owner);
    await writeDurably(conn, Y.encodeStateAsUpdate(history));
    expect(await writeRefused(relay, owner, history, (doc) => legacyEntry(doc, 'old3'))).toBe(REFUSED);
    const stored = await readBack(relay, owner);
    expect(verifyAuditChain(stored)).toMatchObject({ intact: true, signedEntries: 1, unsignedEntries: 2 });
  });

  it('two people on two devices: each chain reaches the other, and both verify the trail as intact', async () => {
    const { a, b, ws } = await linkedPair();
    const input = { actorKind: 'dh' as const, actorId: 'dh_1', onBehalfOf: null, action: 'agent.reply', resource: 'room/r1', outcome: 'allowed' as const, detail: '' };
    for (let i = 0; i < 3; i++) {
      a.core.audit.record(ws, input);
      b.core.audit.record(ws, input);
    }
    for (const side of [a, b]) {
      const verified = await eventually(
        () => side.call<AuditVerification>('audit.verify', { workspaceId: ws }),
        (v) => v.signedEntries === 6,
        'both devices’ entries',
      );
      expect(verified).toMatchObject({ intact: true, devices: 2, firstBroken: null });
    }
  });
});
