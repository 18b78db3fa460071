/**
 * Message search over a workspace: FTS5 BM25 ranking with the filters
 * `from:`, `in:`, `has:mention`, `before:` and `after:` (syntax in
 * parseSearchQuery.ts and docs/rooms.md), limited to the rooms the local
 * user can see, with highlight segments for each hit.
 */
import type { Message, SearchResult } from '../../common/contract';
import type { MessageRow } from '../../storage/rooms/MessageQueries';
import { searchMessages } from '../../storage/rooms/searchMessages';
import { buildFtsMatch } from './buildFtsMatch';
import { describeMessages } from './describeMessages';
import { baseHandle } from './deriveHandles';
import { highlightSegments } from './highlightSegments';
import { parseSearchQuery, startOfLocalDay } from './parseSearchQuery';
import type { RoomsContext, RoomsWorkspace } from './RoomsContext';
import { foldToken, searchTokens } from './searchTokens';

export class SearchService {
  constructor(private readonly ctx: RoomsContext) {}

  search(workspaceId: string, query: string, limit: number): SearchResult {
    const ws = this.ctx.workspace(workspaceId);
    const parsed = parseSearchQuery(query);
    const match = buildFtsMatch(parsed.terms, parsed.prefixLast);
    const hasFilter = parsed.from.length > 0 || parsed.in.length > 0 || parsed.hasMention || parsed.before !== null || parsed.after !== null;
    if (match === null && !hasFilter) return { hits: [] };

    const rooms = this.ctx.visibleRooms(ws);
    const wanted = parsed.in.length > 0 ? rooms.filter((r) => parsed.in.some((name) => name.toLowerCase() === r.name.toLowerCase() || name === r.id)) : rooms;
    for (const room of wanted) this.ctx.freshRoom(ws, room.id);
    const rows = searchMessages(ws.handle.storage.db, {
      match,
      roomIds: wanted.map((r) => r.id),
      authorIds: parsed.from.length > 0 ? this.authors(ws, parsed.from) : null,
      mentioning: parsed.hasMention ? this.ctx.userId : null,
      before: parsed.before !== null ? startOfLocalDay(parsed.before) : null,
      after: parsed.after !== null ? startOfLocalDay(parsed.after, 1) : null,
      limit,
    });

    const words = new Set(parsed.terms.flatMap((t) => searchTokens(t.text)));
    const lastWord = parsed.prefixLast ? searchTokens(parsed.terms.at(-1)?.text ?? '').at(-1) ?? null : null;
    const prefix = lastWord !== null && match?.endsWith('*') === true ? lastWord : null;
    const names = new Map(rooms.map((r) => [r.id, r.name]));
    // Described room by room (one query each for replies and reactions), then put back in rank order.
    const byRoom = new Map<string, MessageRow[]>();
    for (const row of rows) byRoom.set(row.room_id, [...(byRoom.get(row.room_id) ?? []), row]);
    const described = new Map<MessageRow, Message>();
    for (const [roomId, roomRows] of byRoom) describeMessages(this.ctx, ws, roomId, roomRows).forEach((m, i) => described.set(roomRows[i]!, m));
    return {
      hits: rows.map((row) => ({
        message: described.get(row)!,
        roomId: row.room_id,
        roomName: names.get(row.room_id) ?? '',
        snippet: highlightSegments(row.text, words, prefix),
      })),
    };
  }

  /** Member ids `from:` values name: `me`, a handle (or its start), or a display name or one of its words. */
  private authors(ws: RoomsWorkspace, values: readonly string[]): string[] {
    const ids = new Set<string>();
    const members = this.ctx.members(ws).list;
    for (const value of values) {
      const v = foldToken(value);
      if (v === 'me') {
        for (const id of this.ctx.ids(ws)) ids.add(id);
        continue;
      }
      const handle = baseHandle(value);
      for (const m of members) {
        const name = foldToken(m.displayName);
        if (m.handle === handle || m.handle.startsWith(handle) || name === v || name.split(/\s+/).includes(v)) ids.add(m.id);
      }
    }
    // Someone's earlier ids (before their account was linked) are theirs too.
    for (const [alias, person] of this.ctx.members(ws).aliases) if (ids.has(person)) ids.add(alias);
    return [...ids];
  }
}
