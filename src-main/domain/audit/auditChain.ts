/**
 * The cryptography of the audit trail's chains (format in
 * storage/audit/auditDocFormat.ts), with node:crypto only.
 *
 * An entry's payload is the JSON array of a version tag and every stored
 * field but the signature, in a fixed order: what the device signs
 * (Ed25519) and what the next entry of the same device names as `prev`
 * (hex SHA-256). Changing any field of an entry breaks its signature;
 * removing, reordering or inserting entries breaks a `prev` or a sequence.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { AuditLink, AuditRecord } from '../../storage/audit/auditDocFormat';

const PAYLOAD_VERSION = 'qwanyx.audit.v1';

/** An entry with its writer and place in the chain, before it is signed. */
export type UnsignedAuditRecord = Omit<AuditRecord, 'link' | 'by'> & { by: string; link: Omit<AuditLink, 'sig'> };

/** The bytes a device signs and the next entry hashes. */
export function auditPayload(r: UnsignedAuditRecord): Buffer {
  const fields = [PAYLOAD_VERSION, r.id, r.at, r.actorKind, r.actorId, r.onBehalfOf, r.action, r.resource, r.outcome, r.detail, r.by, r.link.device, r.link.seq, r.link.prev];
  return Buffer.from(JSON.stringify(fields), 'utf8');
}

/** Hex SHA-256 of a payload: the `prev` of the next entry. */
export function payloadHash(payload: Buffer): string {
  return createHash('sha256').update(payload).digest('hex');
}

/** A device's signing key pair; `secret` is what the keychain keeps. */
export interface DeviceKeyPair {
  privateKey: KeyObject;
  /** Base64url of the 32 raw bytes of the public key (what `devices` publishes). */
  publicKey: string;
  /** Base64url of the 32 raw bytes of the private key. */
  secret: string;
}

/** A new Ed25519 key pair. */
export function generateDeviceKey(): DeviceKeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  return keyPairOf(privateKey);
}

/** The key pair of a private key kept as base64url raw bytes; throws when it is not one. */
export function deviceKeyFromSecret(secret: string, publicKey: string): DeviceKeyPair {
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: secret, x: publicKey }, format: 'jwk' });
  const pair = keyPairOf(privateKey);
  if (pair.publicKey !== publicKey) throw new Error('the stored public key does not match the private key');
  return pair;
}

function keyPairOf(privateKey: KeyObject): DeviceKeyPair {
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.d || !jwk.x) throw new Error('not an Ed25519 private key');
  return { privateKey, publicKey: jwk.x, secret: jwk.d };
}

/** Base64url signature of `payload`. */
export function signPayload(privateKey: KeyObject, payload: Buffer): string {
  return sign(null, payload, privateKey).toString('base64url');
}

const publicKeys = new Map<string, KeyObject | null>();

/** Whether `signature` (base64url) is the signature of `payload` by `publicKey` (base64url raw); false for a key that is not one. */
export function verifyPayload(publicKey: string, payload: Buffer, signature: string): boolean {
  let key = publicKeys.get(publicKey);
  if (key === undefined) {
    try {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    } catch {
      // Not a point on the curve: no signature can be checked with it.
      key = null;
    }
    if (publicKeys.size > 1000) publicKeys.clear();
    publicKeys.set(publicKey, key);
  }
  return key !== null && verify(null, payload, key, Buffer.from(signature, 'base64url'));
}
