import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { AwarenessFormatError, AwarenessRelay, MAX_CLIENTS_PER_CONNECTION, type AwarenessOwner } from './AwarenessRelay';

function update(entries: [number, number, string][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [id, clock, json] of entries) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

function entriesOf(bytes: Uint8Array): [number, number, string][] {
  const decoder = decoding.createDecoder(bytes);
  const n = decoding.readVarUint(decoder);
  return Array.from({ length: n }, () => [decoding.readVarUint(decoder), decoding.readVarUint(decoder), decoding.readVarString(decoder)]);
}

let users = 0;
const owner = (userId = `user-${++users}`): AwarenessOwner => ({ awarenessClients: new Set(), userId });

describe('AwarenessRelay', () => {
  it('keeps newer states, ignores echoes, and announces who left', () => {
    const relay = new AwarenessRelay();
    const a = owner();
    const b = owner();
    expect(relay.apply(a, update([[1, 1, '{"x":1}']]))).not.toBeNull();
    // B echoes A's state (stock clients do): nothing new, nothing forwarded.
    expect(relay.apply(b, update([[1, 1, '{"x":1}']]))).toBeNull();
    const mixed = relay.apply(b, update([[1, 1, '{"x":1}'], [2, 1, '{"y":2}']]));
    expect(entriesOf(mixed!)).toEqual([[2, 1, '{"y":2}']]);
    expect(entriesOf(relay.encodeAll()!)).toEqual([[1, 1, '{"x":1}'], [2, 1, '{"y":2}']]);
    expect(entriesOf(relay.removeOwner(a)!)).toEqual([[1, 2, 'null']]);
    expect(relay.size).toBe(1);
  });

  it("binds a client id to its first connection: another user can neither overwrite nor remove it, the same user may take it over", () => {
    const relay = new AwarenessRelay();
    const alice = owner('alice');
    const mallory = owner('mallory');
    expect(relay.apply(alice, update([[7, 1, '{"name":"Alice"}']]))).not.toBeNull();
    expect(relay.apply(mallory, update([[7, 5, '{"name":"Mallory"}']]))).toBeNull();
    expect(relay.apply(mallory, update([[7, 6, 'null']]))).toBeNull();
    expect(relay.removeOwner(mallory)).toBeNull();
    expect(entriesOf(relay.encodeAll()!)).toEqual([[7, 1, '{"name":"Alice"}']]);
    const aliceAgain = owner('alice');
    expect(entriesOf(relay.apply(aliceAgain, update([[7, 2, '{"name":"Alice (reconnected)"}']]))!)).toEqual([[7, 2, '{"name":"Alice (reconnected)"}']]);
    expect(relay.removeOwner(alice)).toBeNull();
    expect(relay.size).toBe(1);
  });

  it('refuses what does not decode and connections speaking for too many clients', () => {
    const relay = new AwarenessRelay();
    expect(() => relay.apply(owner(), update([[1, 1, '{not json']]))).toThrow(AwarenessFormatError);
    expect(() => relay.apply(owner(), Uint8Array.of(5, 1))).toThrow(AwarenessFormatError);
    expect(relay.size).toBe(0);
    const many = Array.from({ length: MAX_CLIENTS_PER_CONNECTION + 1 }, (_, i): [number, number, string] => [i + 10, 1, '{}']);
    expect(() => relay.apply(owner(), update(many))).toThrow(AwarenessFormatError);
  });
});
