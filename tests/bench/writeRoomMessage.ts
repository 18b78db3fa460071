/** The everyday small write: one chat message appended to a room doc, origin local. */
import * as Y from 'yjs';
import type { DocManager } from '../../src-main/sync/DocManager';
import { txOrigin } from '../../src-main/sync/TxOrigin';

/** Appends message number `n` to `room/<roomId>` through `docs.transact`; durable on return. */
export function writeRoomMessage(docs: DocManager, roomId: string, n: number): void {
  docs.transact(`room/${roomId}`, txOrigin('local', 'bench-user'), (doc) => {
    const message = new Y.Map<unknown>();
    message.set('id', `msg-${n}`);
    message.set('author', 'bench-user');
    message.set('text', `Message ${n}: can you send the updated estimate before Thursday's call?`);
    message.set('createdAt', 1_700_000_000_000 + n);
    doc.getArray<Y.Map<unknown>>('messages').push([message]);
  });
}
