/** The files the messages of a room doc name (attachments), each hash once. */
import type * as Y from 'yjs';
import { readMessageRecord } from '../rooms/roomDocFormat';

export function messageFileHashes(roomDoc: Y.Doc): string[] {
  const hashes = new Set<string>();
  roomDoc.getMap('messages').forEach((value, key) => {
    for (const file of readMessageRecord(key, value)?.files ?? []) hashes.add(file.hash);
  });
  return [...hashes];
}
