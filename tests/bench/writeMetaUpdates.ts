/**
 * Realistic traffic on a workspace's `meta` doc: settings overwritten, members
 * added and their roles changed, rooms created, edited and removed in the
 * rooms list. One DocManager transaction (origin local) per update, so the log holds
 * exactly one row per call.
 */
import * as Y from 'yjs';
import type { UpdateLog } from '../../src-main/storage/UpdateLog';
import type { DocManager } from '../../src-main/sync/DocManager';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { randomInt } from './seededRandom';

const SETTING_KEYS = ['name', 'color', 'icon', 'description', 'timezone', 'locale', 'defaultRole', 'retentionDays', 'llmBaseUrl', 'llmModel', 'dailyQuota', 'relayUrl'];
const ROLES = ['owner', 'admin', 'member', 'guest'];
const MEMBER_POOL = 1500;
const ROOM_FIELDS = ['name', 'topic', 'lastActivityAt', 'lastActivityAt', 'lastActivityAt'];

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
      name: `Member ${memberId}`,
      email: `${memberId}@example.com`,
      role: ROLES[randomInt(random, ROLES.length)]!,
      updatedAt: 1_700_000_000_000 + n,
    });
  } else {
    writeRoomsList(doc.getArray<Y.Map<unknown>>('rooms'), n, random);
  }
}

/** Rooms are created, sometimes removed, mostly edited (renamed, re-topiced, touched by activity). */
function writeRoomsList(rooms: Y.Array<Y.Map<unknown>>, n: number, random: () => number): void {
  const roll = random();
  if (rooms.length === 0 || roll < 0.1) {
    const room = new Y.Map<unknown>();
    room.set('id', `room-${n}`);
    room.set('name', `Room ${n}`);
    room.set('topic', 'Weekly sync and deliverables');
    room.set('createdAt', 1_700_000_000_000 + n);
    rooms.push([room]);
  } else if (roll < 0.15) {
    rooms.delete(randomInt(random, rooms.length), 1);
  } else {
    const room = rooms.get(randomInt(random, rooms.length));
    const field = ROOM_FIELDS[randomInt(random, ROOM_FIELDS.length)]!;
    room.set(field, field === 'lastActivityAt' ? 1_700_000_000_000 + n : `${field} ${n}`);
  }
}
