/** The everyday small write: one chat message added to a room doc, origin local, in the rooms format. */
import { roomDocName, writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import type { DocManager } from '../../src-main/sync/DocManager';
import { txOrigin } from '../../src-main/sync/TxOrigin';

/** Adds message number `n` to `room/<roomId>` through `docs.transact`; durable (and projected) on return. */
export function writeRoomMessage(docs: DocManager, roomId: string, n: number): void {
  docs.transact(roomDocName(roomId), txOrigin('local', 'bench-user'), (doc) => {
    doc.getMap('messages').set(
      `msg-${n}`,
      writeMessageRecord({
        id: `msg-${n}`,
        authorId: 'bench-user',
        text: `Message ${n}: can you send the updated estimate before Thursday's call?`,
        createdAt: 1_700_000_000_000 + n,
        editedAt: null,
        deleted: false,
        threadRootId: null,
        mentions: [],
      }),
    );
  });
}
