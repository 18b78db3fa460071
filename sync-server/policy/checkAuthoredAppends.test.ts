/**
 * The audit doc's writer rules against updates made with stock Yjs: a
 * member's own entries and device pass; an entry or device in another
 * member's name, an entry in another member's device chain, an entry that
 * names no writer are refused; an owner's first update into an empty doc
 * may carry entries from before they named a writer, a member's may not.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayRole } from '../../src-main/common/relayWire';
import { checkAuthoredAppends, type AuthorRules, type AuthorWriter } from './checkAuthoredAppends';
import { DOC_POLICIES } from './docPolicies';

const RULES = (DOC_POLICIES.audit as { authors: AuthorRules }).authors;

/** A writer whose member ids are its account id and `also`. */
function writer(userId: string, role: RelayRole = 'member', also: string[] = []): AuthorWriter {
  return { userId, role, workspaceId: 'ws-1', facts: { memberIds: { owns: (_ws, user, id) => user === userId && (id === userId || also.includes(id)) } } };
}

function device(doc: Y.Doc, id: string, user: string): void {
  doc.getMap('devices').set(id, { user, publicKey: 'A'.repeat(43), at: 1 });
}

function entry(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  doc.getMap('entries').set(id, { id, at: 1, actorKind: 'dh', actorId: 'dh_1', onBehalfOf: null, action: 'agent.reply', resource: 'room/r1', outcome: 'allowed', detail: '', ...fields });
}

/** The relay's copy (holding Ada's device and one entry) and the verdict on what `change` adds to a writer's copy. */
function verdict(w: AuthorWriter, change: (doc: Y.Doc) => void, held = true): string | null {
  const relay = new Y.Doc();
  if (held) {
    relay.transact(() => {
      device(relay, 'dev_ada', 'ada');
      entry(relay, 'e0', { by: 'ada', device: 'dev_ada', seq: 1 });
    });
  }
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(relay));
  let update: Uint8Array | null = null;
  copy.on('update', (u: Uint8Array) => (update = u));
  copy.transact(() => change(copy));
  return checkAuthoredAppends(RULES, relay, Y.decodeUpdate(update!), w)?.message ?? null;
}

describe('checkAuthoredAppends (audit)', () => {
  it('lets members write their own entries, devices and chains (by any of their member ids)', () => {
    expect(verdict(writer('ada'), (d) => entry(d, 'e1', { by: 'ada', device: 'dev_ada', seq: 2 }))).toBeNull();
    expect(verdict(writer('bob-account', 'member', ['bob']), (d) => (device(d, 'dev_bob', 'bob'), entry(d, 'e1', { by: 'bob', device: 'dev_bob', seq: 1 })))).toBeNull();
    // An entry without chain fields still names its writer; verification counts it as unsigned.
    expect(verdict(writer('bob'), (d) => entry(d, 'e1', { by: 'bob' }))).toBeNull();
  });

  it('refuses entries and devices in someone else’s name, and entries in someone else’s chain', () => {
    expect(verdict(writer('bob'), (d) => entry(d, 'e1', { by: 'ada' }))).toMatch(/someone else's name/);
    expect(verdict(writer('bob'), (d) => device(d, 'dev_x', 'ada'))).toMatch(/someone else's name/);
    expect(verdict(writer('bob'), (d) => entry(d, 'e1', { by: 'bob', device: 'dev_ada', seq: 2 }))).toMatch(/of someone else/);
    expect(verdict(writer('bob'), (d) => entry(d, 'e1', { by: 'bob', device: 'dev_unknown', seq: 1 }))).toMatch(/of someone else/);
    expect(verdict(writer('bob'), (d) => entry(d, 'e1', {}))).toMatch(/someone else's name/);
    expect(verdict(writer('ada', 'owner'), (d) => entry(d, 'e1', {}))).toMatch(/someone else's name/);
  });

  it('takes entries naming no writer only in an owner’s first update into an empty doc', () => {
    expect(verdict(writer('ada', 'owner'), (d) => (entry(d, 'old1', {}), entry(d, 'old2', {})), false)).toBeNull();
    expect(verdict(writer('ada', 'admin'), (d) => entry(d, 'old1', {}), false)).toMatch(/someone else's name/);
    // Even then, a named writer must be the owner.
    expect(verdict(writer('ada', 'owner'), (d) => entry(d, 'e1', { by: 'bob' }), false)).toMatch(/someone else's name/);
  });
});
