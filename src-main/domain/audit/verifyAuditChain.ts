/**
 * Verifies a workspace's audit trail from its `audit` doc (the truth, not
 * the projection): every device's entries must run 1, 2, 3… without a gap
 * or a repeat, each naming the hash of the one before (`prev`), each signed
 * by the key the device published in `devices`, each written by the user
 * that device belongs to. Entries without chain fields (written before
 * entries were signed) are counted as unsigned, not broken. The answer
 * names the earliest broken link: which entry, device, user and sequence,
 * and why.
 *
 * What it cannot see: the newest entries of a device removed from this
 * copy (nothing comes after them to miss them; another device's copy, or
 * the relay's, still has them) and a trail whose every key was stolen.
 */
import type * as Y from 'yjs';
import type { AuditBreak, AuditVerification } from '../../common/contract';
import { readAuditDevice, readAuditRecord, type AuditDevice, type AuditLink, type AuditRecord } from '../../storage/audit/auditDocFormat';
import { auditPayload, payloadHash, verifyPayload } from './auditChain';

type SignedRecord = AuditRecord & { by: string; link: AuditLink };

/** Checks a signature; `verifyPayload` unless a cache is given. */
export type SignatureCheck = (publicKey: string, payload: Buffer, signature: string) => boolean;

/** Verifies the trail held by `doc` (an `audit` doc). */
export function verifyAuditChain(doc: Y.Doc, check: SignatureCheck = verifyPayload): AuditVerification {
  const devices = new Map<string, AuditDevice>();
  doc.getMap('devices').forEach((value, key) => {
    const device = readAuditDevice(key, value);
    if (device) devices.set(key, device);
  });
  const problems: AuditBreak[] = [];
  const chains = new Map<string, SignedRecord[]>();
  let unsigned = 0;
  let signed = 0;
  doc.getMap('entries').forEach((value, key) => {
    const record = readAuditRecord(key, value);
    if (!record) {
      const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      problems.push(broken('malformed_entry', { entryId: key, userId: text(v.by), deviceId: text(v.device), at: Number.isSafeInteger(v.at) ? (v.at as number) : null }, `entry ${key} is not a well-formed audit entry`));
      return;
    }
    if (!record.link || record.by === null) {
      unsigned += 1;
      return;
    }
    signed += 1;
    const chain = chains.get(record.link.device);
    if (chain) chain.push(record as SignedRecord);
    else chains.set(record.link.device, [record as SignedRecord]);
  });
  for (const [deviceId, chain] of chains) {
    const problem = checkChain(deviceId, chain, devices.get(deviceId) ?? null, check);
    if (problem) problems.push(problem);
  }
  problems.sort((a, b) => (a.at ?? Number.MAX_SAFE_INTEGER) - (b.at ?? Number.MAX_SAFE_INTEGER) || (a.entryId ?? '').localeCompare(b.entryId ?? ''));
  return { intact: problems.length === 0, signedEntries: signed, unsignedEntries: unsigned, devices: devices.size, problems: problems.length, firstBroken: problems[0] ?? null };
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, 64) : null;
}

function broken(reason: AuditBreak['reason'], where: Partial<Omit<AuditBreak, 'reason' | 'message'>>, message: string): AuditBreak {
  return { reason, entryId: null, deviceId: null, userId: null, seq: null, at: null, ...where, message };
}

function where(r: SignedRecord): Omit<AuditBreak, 'reason' | 'message'> {
  return { entryId: r.id, deviceId: r.link.device, userId: r.by, seq: r.link.seq, at: r.at };
}

/** The first broken link of one device's chain, or null. */
function checkChain(deviceId: string, chain: SignedRecord[], device: AuditDevice | null, check: SignatureCheck): AuditBreak | null {
  chain.sort((a, b) => a.link.seq - b.link.seq || a.id.localeCompare(b.id));
  const first = chain[0]!;
  if (!device) return broken('unknown_key', where(first), `device ${deviceId} signed entry ${first.id} but published no key in the trail`);
  let expected = 1;
  let prevHash = '';
  for (const r of chain) {
    const at = where(r);
    if (r.by !== device.user) return broken('wrong_user', at, `entry ${r.id} says ${r.by} wrote it, but device ${deviceId} belongs to ${device.user}`);
    const payload = auditPayload(r);
    const signedOk = check(device.publicKey, payload, r.link.sig);
    if (r.link.seq < expected) {
      return signedOk
        ? broken('duplicate_sequence', at, `device ${deviceId} signed two entries with sequence ${r.link.seq} (the other is before ${r.id})`)
        : broken('bad_signature', at, `entry ${r.id} (device ${deviceId}, #${r.link.seq}) does not match its signature: it was changed or forged`);
    }
    if (r.link.seq > expected) return broken('missing_entry', { ...at, entryId: null, seq: expected }, `device ${deviceId} has no entry #${expected} (the chain resumes at #${r.link.seq}, entry ${r.id}): it was removed`);
    if (!signedOk) return broken('bad_signature', at, `entry ${r.id} (device ${deviceId}, #${r.link.seq}) does not match its signature: it was changed or forged`);
    if (r.link.prev !== prevHash) return broken('wrong_prev_hash', at, `entry ${r.id} (device ${deviceId}, #${r.link.seq}) does not follow the device's entry #${expected - 1}: the chain was rewritten`);
    prevHash = payloadHash(payload);
    expected += 1;
  }
  return null;
}
