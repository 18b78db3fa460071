/**
 * Realistic traffic on a workspace's `meta` doc: settings overwritten, members
 * added and their roles changed, rooms created, edited and removed in the
 * rooms list (in the formats of storage/rooms/metaRoomsFormat.ts). One
 * DocManager transaction (origin local) per update, so the log holds exactly
 * one row per call.
 */
import type * as Y from 'yjs';
import { writeRoomRecord } from '../../src-main/storage/rooms/metaRoomsFormat';
import type { UpdateLog } from '../../src-main/storage/UpdateLog';
import type { DocManager } from '../../src-main/sync/DocManager';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { randomInt } from './seededRandom';

const SETTING_KEYS = ['name', 'color', 'icon', 'description', 'timezone', 'locale', 'defaultRole', 'retentionDays', 'llmBaseUrl', 'llmModel', 'dailyQuota', 'relayUrl'];
const ROLES = ['owner', 'admin', 'member', 'guest'];
const MEMBER_POOL = 1500;
const ROOM_FIELDS = ['name', 'topic', 'members', 'members', 'archived'];

/**
 * Writes `count` updates to the `meta` doc of `docs`. Commits are grouped
 * `perCommit` at a time in one SQLite transaction of `log`, so building a
 * large fixture does not cost one fsync per update.
 */
export function writeMetaUpdates(docs: DocManager, log: UpdateLog, count: number, random: () => number, perCommit = 1000): void {
  const origin = txOrigin('local', 'bench');
  let written = 0;
  while (written < count) {
    const batch = Math.min(perCommit, count - written);
    log.writeTransaction(() => {
      for (let i = 0; i < batch; i++) docs.transact('meta', origin, (doc) => writeOne(doc, written + i, random));
    });
    written += batch;
  }
}

function writeOne(doc: Y.Doc, n: number, random: () => number): void {
  const roll = random();
  if (roll < 0.5) {
    const key = SETTING_KEYS[randomInt(random, SETTING_KEYS.length)]!;
    doc.getMap('settings').set(key, `${key}-value-${n}`);
  } else if (roll < 0.75) {
    const memberId = `user-${randomInt(random, MEMBER_POOL)}`;
    doc.getMap('members').set(memberId, {
      id: memberId,
      kind: 'user',
      displayName: `Member ${memberId}`,
      email: `${memberId}@example.com`,
      role: ROLES[randomInt(random, ROLES.length)]!,
      joinedAt: 1_700_000_000_000 + n,
    });
  } else {
    writeRoomsList(doc.getMap<unknown>('rooms'), n, random);
  }
}

/** Rooms are created, sometimes removed, mostly edited (renamed, re-topiced, archived, joined). */
function writeRoomsList(rooms: Y.Map<unknown>, n: number, random: () => number): void {
  const roll = random();
  const ids = [...rooms.keys()];
  if (ids.length === 0 || roll < 0.1) {
    writeRoomRecord(rooms, { id: `room-${n}`, name: `room-${n}`, kind: 'channel', private: false, topic: 'Weekly sync and deliverables', archived: false, createdAt: 1_700_000_000_000 + n, createdBy: 'user-0', members: ['user-0'], joinedAt: {} });
  } else if (roll < 0.15) {
    rooms.delete(ids[randomInt(random, ids.length)]!);
  } else {
    const room = rooms.get(ids[randomInt(random, ids.length)]!) as Y.Map<unknown>;
    const field = ROOM_FIELDS[randomInt(random, ROOM_FIELDS.length)]!;
    if (field === 'members') (room.get('members') as Y.Map<unknown>).set(`user-${randomInt(random, MEMBER_POOL)}`, 1_700_000_000_000 + n);
    else if (field === 'archived') room.set('archived', random() < 0.5);
    else room.set(field, `${field}-${n}`);
  }
}
