/**
 * The tool calls shown under the digital humans' replies of a room (format
 * and the reader's checks: storage/agents/toolCallDocFormat.ts), for a
 * room the local person may see: read from the room doc, as a peer may
 * have written them, and checked against the reply they sit under.
 */
import type { ToolCallView } from '../../common/contract';
import type { RoomsContext } from '../../domain/rooms/RoomsContext';
import { readRoomToolCalls } from '../../storage/agents/toolCallDocFormat';
import { readMessageRecord, roomDocName } from '../../storage/rooms/roomDocFormat';

/** The calls of each reply of `roomId` that has some. */
export function roomToolCalls(rooms: RoomsContext, workspaceId: string, roomId: string): { messageId: string; calls: ToolCallView[] }[] {
  const ws = rooms.workspace(workspaceId);
  rooms.room(ws, roomId);
  const doc = ws.handle.docs.doc(roomDocName(roomId));
  const messages = doc.getMap('messages');
  const byReply = readRoomToolCalls(doc, (id) => readMessageRecord(id, messages.get(id)));
  return [...byReply].map(([messageId, calls]) => ({
    messageId,
    calls: calls.map((c) => ({ index: c.index, tool: c.tool, words: c.words, target: c.target, outcome: c.outcome, reason: c.reason, ms: c.ms, arguments: c.arguments, result: c.result, at: c.at, approvalId: c.approvalId ?? null })),
  }));
}
