/**
 * The relay enforces, it does not trust: hostile updates made by hand with
 * stock Yjs, sent over real WebSockets to a real relay. Erasing or
 * overwriting an `audit` entry closes the writer with 4422 and changes
 * nothing; an unknown doc name closes with 4404; a user past the socket cap
 * gets 4430, a new doc past the workspace's doc cap 4431, a writer past its
 * byte budget 4432; a member who fills `meta` no longer locks the owner out.
 * Every time the others keep writing, and every refusal is in /metrics.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { AUDIT_DOC_MAPS } from '../../src-main/storage/audit/auditDocFormat';
import { DOC_POLICIES } from '../../sync-server/policy/docPolicies';
import { docKindOf } from '../../sync-server/ws/docNames';
import { readBack as readBackIn, refusals, writeDurably, writeRefused } from '../fixtures/hostileWrites';
import { connectRaw, startTestRelay, waitUntil, type RawClient, type TestRelay } from '../fixtures/relayHarness';
import { updateOf } from '../fixtures/updateOf';

const WS = 'policy-ws-00001';

function entry(id: string): Record<string, unknown> {
  return { id, at: Date.now(), actorKind: 'member', actorId: 'u1', by: 'u1', onBehalfOf: null, action: 'tool.task_create', resource: 'room/r1', outcome: 'allowed', detail: '' };
}

/** What a fresh reader of `docName` of the test workspace gets from the relay. */
function readBack(relay: TestRelay, token: string, docName: string): Promise<Y.Doc> {
  return readBackIn(relay, WS, token, docName);
}

describe('relay policies', () => {
  it('serves the docs the desktop client syncs, and audit keeps the client format', () => {
    for (const name of ['meta', 'audit', 'room/r-1', 'dh/dh_1']) expect(docKindOf(name), name).not.toBeNull();
    expect(DOC_POLICIES.audit).toMatchObject({ kind: 'appendOnly', maps: [...AUDIT_DOC_MAPS] });
  });

  it('refuses erasing or overwriting an audit entry with 4422; the honest writer keeps appending', async () => {
    const relay = await startTestRelay();
    const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
    const member = await relay.mintToken({ workspaceId: WS, email: 'member@example.com', role: 'member' });
    const honestDoc = new Y.Doc();
    const honest = connectRaw(relay, WS, 'audit', owner);
    await honest.opened;
    await writeDurably(honest, updateOf(honestDoc, () => honestDoc.getMap('entries').set('a1', entry('a1'))));
    await writeDurably(honest, updateOf(honestDoc, () => honestDoc.getMap('entries').set('a2', entry('a2'))));

    // The hostile member holds the same doc (as its sync would give it) and edits it with stock Yjs.
    const hostile = (): { doc: Y.Doc; conn: RawClient } => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(honestDoc));
      return { doc, conn: connectRaw(relay, WS, 'audit', member) };
    };
    const eraser = hostile();
    await eraser.conn.opened;
    expect(await writeRefused(eraser.conn, updateOf(eraser.doc, () => eraser.doc.getMap('entries').delete('a1')))).toBe(RelayCloseCode.PolicyRefused);
    const overwriter = hostile();
    await overwriter.conn.opened;
    expect(await writeRefused(overwriter.conn, updateOf(overwriter.doc, () => overwriter.doc.getMap('entries').set('a2', entry('forged'))))).toBe(RelayCloseCode.PolicyRefused);

    await writeDurably(honest, updateOf(honestDoc, () => honestDoc.getMap('entries').set('a3', entry('a3'))));
    const stored = (await readBack(relay, owner, 'audit')).getMap('entries').toJSON();
    expect(Object.keys(stored).sort()).toEqual(['a1', 'a2', 'a3']);
    expect((stored.a2 as { id: string }).id).toBe('a2');
    expect(await refusals(relay, 'append_only')).toBe(2);
  });

  it('closes a doc name the relay does not serve with 4404', async () => {
    const relay = await startTestRelay();
    const member = await relay.mintToken({ workspaceId: WS, email: 'member@example.com', role: 'member' });
    for (const name of ['notes', 'room/a/b', 'bench/doc-1']) {
      const client = connectRaw(relay, WS, name, member);
      expect((await client.waitClosed()).code, name).toBe(RelayCloseCode.UnknownDoc);
    }
    expect(await refusals(relay, 'unknown_doc')).toBe(3);
  });

  it('refuses a user socket past the cap with 4430; other users still connect', async () => {
    const relay = await startTestRelay({ limits: { maxSocketsPerUser: 3 } });
    const member = await relay.mintToken({ workspaceId: WS, email: 'member@example.com', role: 'member' });
    const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
    const open = [connectRaw(relay, WS, 'meta', member), connectRaw(relay, WS, 'audit', member), connectRaw(relay, WS, 'room/r1', member)];
    await Promise.all(open.map((c) => c.opened));
    await waitUntil(() => open.every((c) => c.frames.length > 0), 5000, 'greetings');
    const extra = connectRaw(relay, WS, 'room/r2', member);
    expect((await extra.waitClosed()).code).toBe(RelayCloseCode.TooManySockets);
    const other = connectRaw(relay, WS, 'room/r2', owner);
    await waitUntil(() => other.frames.length > 0, 5000, 'the owner greeted');
    expect(other.closed).toBeNull();
    open[0]!.close();
    await open[0]!.waitClosed();
    const again = connectRaw(relay, WS, 'room/r3', member);
    await waitUntil(() => again.frames.length > 0, 5000, 'a socket under the cap again');
    expect(again.closed).toBeNull();
    expect(await refusals(relay, 'too_many_sockets')).toBe(1);
  });

  it('refuses writing a new doc past the workspace doc cap with 4431; existing docs stay writable', async () => {
    const relay = await startTestRelay({ limits: { maxDocsPerWorkspace: 2 } });
    const member = await relay.mintToken({ workspaceId: WS, email: 'member@example.com', role: 'member' });
    // A new writer (client id) each time, so every update applies on its own.
    const write = (): Uint8Array => {
      const doc = new Y.Doc();
      return updateOf(doc, () => doc.getMap('m').set('k', 1));
    };
    for (const name of ['meta', 'room/r1']) {
      const c = connectRaw(relay, WS, name, member);
      await writeDurably(c, write());
    }
    // Only reading a new doc costs nothing.
    const reader = connectRaw(relay, WS, 'room/r2', member);
    await waitUntil(() => reader.frames.length > 0, 5000, 'greeting');
    expect(await writeRefused(reader, write())).toBe(RelayCloseCode.TooManyDocs);
    await writeDurably(connectRaw(relay, WS, 'room/r1', member), write());
    expect(await refusals(relay, 'too_many_docs')).toBe(1);
  });

  it('refuses a writer past its byte budget with 4432 while another writer of the same doc goes on, across a restart', async () => {
    const limits = { maxWriterBytes: 8 * 1024 };
    let relay = await startTestRelay({ limits });
    const member = await relay.mintToken({ workspaceId: WS, email: 'member@example.com', role: 'member' });
    const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
    const doc = new Y.Doc();
    const chunk = (): Uint8Array => updateOf(doc, () => doc.getMap('settings').set(`k${Math.random()}`, 'x'.repeat(3000)));
    const hog = connectRaw(relay, WS, 'meta', member);
    await writeDurably(hog, chunk());
    await writeDurably(hog, chunk());
    expect(await writeRefused(hog, chunk())).toBe(RelayCloseCode.QuotaExceeded);
    const ownerConn = connectRaw(relay, WS, 'meta', owner);
    await writeDurably(ownerConn, chunk());
    await writeDurably(ownerConn, chunk());
    expect(await refusals(relay, 'writer_quota')).toBe(1);

    // The budget is kept with the log: a restart does not give it back.
    const { dataDir } = relay;
    await relay.close();
    relay = await startTestRelay({ limits, dataDir });
    const again = connectRaw(relay, WS, 'meta', await relay.mintToken({ workspaceId: WS, email: 'member@example.com', role: 'member' }));
    expect(await writeRefused(again, chunk())).toBe(RelayCloseCode.QuotaExceeded);
  });

  it('a member who fills meta to the size limit gets 4413; the owner still writes', async () => {
    const relay = await startTestRelay({ limits: { maxDocBytes: 8 * 1024 } });
    const member = await relay.mintToken({ workspaceId: WS, email: 'member@example.com', role: 'member' });
    const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
    const doc = new Y.Doc();
    const chunk = (): Uint8Array => updateOf(doc, () => doc.getMap('settings').set(`k${Math.random()}`, 'x'.repeat(3000)));
    const hog = connectRaw(relay, WS, 'meta', member);
    await writeDurably(hog, chunk());
    await writeDurably(hog, chunk());
    expect(await writeRefused(hog, chunk())).toBe(RelayCloseCode.TooLarge);
    await writeDurably(connectRaw(relay, WS, 'meta', owner), chunk());
  });
});
