/**
 * Awareness takeover against a real relay: a member who learns another
 * member's awareness client id (every peer sees them) sends states for that
 * id with a higher clock, then a removal. The relay binds an id to the
 * connection that first spoke for it: the others keep seeing the real
 * state, never the forged one, and the real owner keeps updating it.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { writeAwarenessFrame } from '../../src-main/common/syncFrames';
import { connectRaw, openProvider, startTestRelay, waitUntil, whenSynced } from '../fixtures/relayHarness';

const WS = 'awareness-ws-aaaa';

function awarenessUpdate(clientID: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientID);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

type UserState = { user?: { name: string } } | undefined;

describe('relay awareness', () => {
  it('another member can neither overwrite nor remove an awareness id bound to its first connection', async () => {
    const relay = await startTestRelay();
    const token = (email: string): Promise<string> => relay.mintToken({ workspaceId: WS, email, role: 'member' });
    const alice = openProvider(relay, WS, 'room/general', await token('alice@example.com'));
    const bob = openProvider(relay, WS, 'room/general', await token('bob@example.com'));
    await Promise.all([whenSynced(alice), whenSynced(bob)]);
    alice.awareness.setLocalStateField('user', { name: 'Alice' });
    const aliceId = alice.doc.clientID;
    const nameSeenByBob = (): string | undefined => (bob.awareness.getStates().get(aliceId) as UserState)?.user?.name;
    await waitUntil(() => nameSeenByBob() === 'Alice', 5000, 'Alice seen by Bob');

    const mallory = connectRaw(relay, WS, 'room/general', await token('mallory@example.com'));
    await mallory.opened;
    mallory.send(writeAwarenessFrame(awarenessUpdate(aliceId, 1000, { user: { name: 'Mallory pretending' } })));
    mallory.send(writeAwarenessFrame(awarenessUpdate(aliceId, 1001, null)));
    // A marker Mallory may set for her own id: once Bob sees it, the forged entries before it were handled.
    mallory.send(writeAwarenessFrame(awarenessUpdate(424242, 1, { user: { name: 'Mallory' } })));
    await waitUntil(() => bob.awareness.getStates().has(424242), 5000, "Mallory's own state");
    expect(nameSeenByBob()).toBe('Alice');
    expect(mallory.closed).toBeNull();

    // Alice still owns her id, and Mallory leaving does not take Alice's presence with her.
    alice.awareness.setLocalStateField('user', { name: 'Alice, still here' });
    await waitUntil(() => nameSeenByBob() === 'Alice, still here', 5000, "Alice's update");
    mallory.close();
    await waitUntil(() => !bob.awareness.getStates().has(424242), 5000, 'Mallory gone');
    expect(nameSeenByBob()).toBe('Alice, still here');
  });
});
