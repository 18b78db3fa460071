/**
 * The append-only check against hostile updates made with stock Yjs: an
 * honest append passes, while erasing, overwriting (with or without knowing
 * the entry), deleting ahead of time, nesting a type, writing another root
 * or skipping clocks is refused; updates the doc already holds pass.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docKindOf } from '../ws/docNames';
import { checkUpdatePolicy } from './checkUpdatePolicy';
import { DOC_POLICIES, docPolicyOf, type DocPolicy } from './docPolicies';
import { updateOf } from '../../tests/fixtures/updateOf';

// The append-only rule alone; who may write what is checkAuthoredAppends.test.ts's.
const AUDIT: DocPolicy = { kind: 'appendOnly', maps: ['entries', 'devices'] };

function entry(n: number): Record<string, unknown> {
  return { id: `e${n}`, at: n, actorKind: 'member', actorId: 'u1', onBehalfOf: null, action: 'agent.reply', resource: 'room/r1', outcome: 'allowed', detail: '' };
}

/** The relay's copy of an audit doc with `n` entries, and a writer holding the same. */
function auditPair(n: number): { relay: Y.Doc; writer: Y.Doc } {
  const writer = new Y.Doc();
  for (let i = 0; i < n; i++) writer.getMap('entries').set(`e${i}`, entry(i));
  const relay = new Y.Doc();
  Y.applyUpdate(relay, Y.encodeStateAsUpdate(writer));
  return { relay, writer };
}

/** `update` (one client's structs) re-encoded with an empty delete set. */
function withoutDeletes(update: Uint8Array): Uint8Array {
  const { structs } = Y.decodeUpdate(update);
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, structs.length);
  encoder.writeClient(structs[0]!.id.client);
  encoding.writeVarUint(encoder.restEncoder, structs[0]!.id.clock);
  for (const struct of structs) struct.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

function verdict(relay: Y.Doc, update: Uint8Array): string | null {
  return checkUpdatePolicy(AUDIT, relay, Y.decodeUpdate(update))?.message ?? null;
}

describe('checkUpdatePolicy (append-only audit)', () => {
  it('accepts new entries, resends and stale diffs', () => {
    const { relay, writer } = auditPair(3);
    const before = Y.encodeStateVector(relay);
    const append = updateOf(writer, () => writer.getMap('entries').set('e3', entry(3)));
    expect(verdict(relay, append)).toBeNull();
    Y.applyUpdate(relay, append);
    // The same update again, and a step 2 computed against an older state vector.
    expect(verdict(relay, append)).toBeNull();
    expect(verdict(relay, Y.encodeStateAsUpdate(writer, before))).toBeNull();
    expect(verdict(relay, Y.encodeStateAsUpdate(writer))).toBeNull();
  });

  it('refuses erasing an entry', () => {
    const { relay, writer } = auditPair(3);
    expect(verdict(relay, updateOf(writer, () => writer.getMap('entries').delete('e1')))).toMatch(/deletes/);
  });

  it('refuses overwriting an entry, with or without knowing it', () => {
    const { relay, writer } = auditPair(3);
    const overwrite = updateOf(writer, () => writer.getMap('entries').set('e1', entry(9)));
    expect(verdict(relay, overwrite)).toMatch(/deletes/);
    // The same without its delete set: Yjs would still drop the old value when integrating it.
    expect(verdict(relay, withoutDeletes(overwrite))).toMatch(/inside an existing entry/);
    const unchecked = new Y.Doc();
    Y.applyUpdate(unchecked, Y.encodeStateAsUpdate(relay));
    Y.applyUpdate(unchecked, withoutDeletes(overwrite));
    expect(unchecked.getMap('entries').get('e1')).toEqual(entry(9));
    // A writer that never saw the doc: no origin, no delete set, but the key exists.
    const blind = new Y.Doc();
    blind.clientID = 0xffffffff;
    const update = updateOf(blind, () => blind.getMap('entries').set('e1', entry(9)));
    expect(Y.decodeUpdate(update).ds.clients.size).toBe(0);
    expect(verdict(relay, update)).toMatch(/overwrites/);
    // Twice the same new key in one update.
    const twice = new Y.Doc();
    twice.getMap('entries').set('n1', entry(1));
    const doubled = Y.mergeUpdates([Y.encodeStateAsUpdate(twice), updateOf(twice, () => twice.getMap('entries').set('n1', entry(2)))]);
    expect(verdict(relay, doubled)).not.toBeNull();
  });

  it('refuses deleting entries the relay does not hold yet', () => {
    const { relay, writer } = auditPair(3);
    // Only a delete set: clocks 0..999 of the writer, most of them not written yet.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, writer.clientID);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 3);
    encoding.writeVarUint(encoder, 1000);
    expect(verdict(relay, encoding.toUint8Array(encoder))).toMatch(/deletes/);
  });

  it('refuses nested types, other roots and skipped clocks', () => {
    const { relay, writer } = auditPair(1);
    expect(verdict(relay, updateOf(writer, () => writer.getMap('entries').set('n', new Y.Map())))).toMatch(/nests/);
    const { relay: relay2, writer: writer2 } = auditPair(1);
    expect(verdict(relay2, updateOf(writer2, () => writer2.getMap('other').set('x', 1)))).toMatch(/not a map/);
    const { relay: relay3, writer: writer3 } = auditPair(1);
    updateOf(writer3, () => writer3.getMap('entries').set('a', entry(1)));
    const second = updateOf(writer3, () => writer3.getMap('entries').set('b', entry(2)));
    expect(verdict(relay3, second)).toMatch(/skips/);
  });

  it('leaves open docs open', () => {
    const doc = new Y.Doc();
    doc.getMap('settings').set('a', 1);
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(doc));
    const erase = updateOf(doc, () => doc.getMap('settings').delete('a'));
    expect(checkUpdatePolicy(DOC_POLICIES.dh, relay, Y.decodeUpdate(erase))).toBeNull();
  });
});

describe('doc kinds', () => {
  it('serves meta, governance, audit, room/<id> and dh/<id> only', () => {
    for (const name of ['meta', 'governance', 'audit', 'room/r1', 'dh/A_b-9']) expect(docKindOf(name), name).not.toBeNull();
    for (const name of ['notes', 'room', 'room/', 'room/a/b', 'room/a.b', 'dh/x y', 'meta/x', 'bench/doc-1', 'Audit']) expect(docPolicyOf(name), name).toBeNull();
  });
});
