/**
 * verifyAuditChain against chains built with real Ed25519 keys and then
 * broken one way each: intact chains of two devices pass; a changed field,
 * a rewritten prev hash, a repeated sequence, an entry claiming another
 * user, a malformed entry and legacy entries are each told apart.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeAuditDevice, writeAuditRecord, type AuditRecord } from '../../storage/audit/auditDocFormat';
import { auditPayload, generateDeviceKey, payloadHash, signPayload, type DeviceKeyPair } from './auditChain';
import { verifyAuditChain } from './verifyAuditChain';

interface Device {
  id: string;
  user: string;
  pair: DeviceKeyPair;
  seq: number;
  hash: string;
}

function device(id: string, user: string, doc: Y.Doc): Device {
  const d = { id, user, pair: generateDeviceKey(), seq: 0, hash: '' };
  doc.getMap('devices').set(id, writeAuditDevice({ id, user, publicKey: d.pair.publicKey, at: 1 }));
  return d;
}

/** The next signed entry of `d`, written to `doc` (after `edit`, which may break it). */
function append(doc: Y.Doc, d: Device, id: string, edit: (r: AuditRecord) => AuditRecord = (r) => r): AuditRecord {
  const unsigned = {
    id,
    at: 1000 + d.seq,
    actorKind: 'dh' as const,
    actorId: 'dh_1',
    onBehalfOf: null,
    action: 'agent.reply',
    resource: 'room/r1',
    outcome: 'allowed' as const,
    detail: `reply ${id}`,
    by: d.user,
    link: { device: d.id, seq: d.seq + 1, prev: d.hash },
  };
  const payload = auditPayload(unsigned);
  const record = edit({ ...unsigned, link: { ...unsigned.link, sig: signPayload(d.pair.privateKey, payload) } });
  d.seq += 1;
  d.hash = payloadHash(payload);
  doc.getMap('entries').set(id, writeAuditRecord(record));
  return record;
}

function twoDevices(): { doc: Y.Doc; a: Device; b: Device } {
  const doc = new Y.Doc();
  const a = device('dev_a', 'user_a', doc);
  const b = device('dev_b', 'user_b', doc);
  for (let i = 0; i < 3; i++) {
    append(doc, a, `a${i}`);
    append(doc, b, `b${i}`);
  }
  return { doc, a, b };
}

describe('verifyAuditChain', () => {
  it('passes intact chains of several devices and counts legacy entries apart', () => {
    const { doc } = twoDevices();
    doc.getMap('entries').set('old1', { id: 'old1', at: 5, actorKind: 'dh', actorId: 'dh_1', onBehalfOf: null, action: 'agent.reply', resource: 'room/r1', outcome: 'allowed', detail: '' });
    expect(verifyAuditChain(doc)).toEqual({ intact: true, signedEntries: 6, unsignedEntries: 1, devices: 2, problems: 0, firstBroken: null });
  });

  it('names a changed field (bad signature) and a rewritten prev hash', () => {
    const changed = twoDevices();
    append(changed.doc, changed.a, 'a3', (r) => ({ ...r, detail: 'something else' }));
    expect(verifyAuditChain(changed.doc).firstBroken).toMatchObject({ reason: 'bad_signature', entryId: 'a3', deviceId: 'dev_a', userId: 'user_a', seq: 4 });

    const relinked = twoDevices();
    relinked.b.hash = '0'.repeat(64);
    append(relinked.doc, relinked.b, 'b3');
    expect(verifyAuditChain(relinked.doc).firstBroken).toMatchObject({ reason: 'wrong_prev_hash', entryId: 'b3', deviceId: 'dev_b', seq: 4 });
  });

  it('names a repeated sequence, an entry claiming another user and a malformed entry', () => {
    const repeated = twoDevices();
    repeated.a.seq -= 1;
    append(repeated.doc, repeated.a, 'a2bis');
    expect(verifyAuditChain(repeated.doc).firstBroken).toMatchObject({ reason: 'duplicate_sequence', deviceId: 'dev_a', seq: 3 });

    const impostor = twoDevices();
    append(impostor.doc, impostor.a, 'a3', (r) => ({ ...r, by: 'user_b' }));
    expect(verifyAuditChain(impostor.doc).firstBroken).toMatchObject({ reason: 'wrong_user', entryId: 'a3', userId: 'user_b' });

    const garbage = twoDevices();
    garbage.doc.getMap('entries').set('junk', { by: 'user_b', at: 1, seq: 'x' });
    const result = verifyAuditChain(garbage.doc);
    expect(result).toMatchObject({ intact: false, problems: 1 });
    expect(result.firstBroken).toMatchObject({ reason: 'malformed_entry', entryId: 'junk', userId: 'user_b' });
  });

  it('reports the earliest of several broken links', () => {
    const { doc, a, b } = twoDevices();
    append(doc, b, 'b3', (r) => ({ ...r, at: 2000, detail: 'late forgery' }));
    append(doc, a, 'a3', (r) => ({ ...r, at: 1500, detail: 'earlier forgery' }));
    const result = verifyAuditChain(doc);
    expect(result.problems).toBe(2);
    expect(result.firstBroken).toMatchObject({ entryId: 'a3' });
  });
});
