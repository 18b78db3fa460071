/**
 * The `post_message` tool's effect: a message by the DH in another room of
 * the workspace, given by id or `#name`. A DH posts in public channels (it
 * joins them on the way, as a person would) and in rooms it is a member of;
 * never in a private room or DM it is not in.
 */
import { writeRoomMember } from '../../storage/rooms/metaRoomsFormat';
import { ForbiddenError, NotFoundError, ValidationError } from '../../common/AppError';
import { resolveMentions } from '../../domain/rooms/resolveMentions';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { txOrigin } from '../../sync/TxOrigin';
import type { ToolContext } from '../tools/AgentTool';
import type { AgentRuntimeDeps } from './AgentRuntimeDeps';
import { ReplyWriter } from './ReplyWriter';

/** Posts `text` as the job's DH in room `roomRef` (an id or `#name`); returns where it went. */
export function postAsDh(
  deps: Pick<AgentRuntimeDeps, 'rooms' | 'now' | 'newId'>,
  handle: WorkspaceHandle,
  ctx: ToolContext,
  roomRef: string,
  text: string,
): { roomId: string; messageId: string } {
  const ws = deps.rooms.forHandle(handle);
  const name = roomRef.replace(/^#/, '').toLowerCase();
  const room = ws.rooms.getRoom(roomRef) ?? ws.rooms.listRooms().find((r) => r.kind === 'channel' && r.name.toLowerCase() === name) ?? null;
  if (!room) throw new NotFoundError(`There is no room ${roomRef} in this workspace`);
  if (room.archived) throw new ValidationError(`#${room.name} is archived`);
  const member = room.members.includes(ctx.dh.id);
  if (!member && room.private) throw new ForbiddenError(`${ctx.dh.name} is not in that room`);
  if (!member) {
    handle.docs.transact('meta', txOrigin('agent', ctx.dh.id), (doc) => writeRoomMember(doc.getMap('rooms'), room.id, ctx.dh.id, deps.now()));
  }
  const messageId = deps.newId();
  new ReplyWriter({
    handle,
    roomId: room.id,
    messageId,
    dhId: ctx.dh.id,
    postedBy: deps.rooms.userId,
    threadRootId: null,
    mentionsOf: (t) => resolveMentions(t, deps.rooms.members(ws)),
    now: deps.now,
  }).finish(text);
  return { roomId: room.id, messageId };
}
