/**
 * Realistic traffic on a workspace's `meta` doc: settings overwritten, members
 * added and their roles changed, rooms added to and removed from the rooms
 * list. One DocManager transaction (origin local) per update, so the log holds
 * exactly one row per call.
 */
import type * as Y from 'yjs';
import type { UpdateLog } from '../../src-main/storage/UpdateLog';
import type { DocManager } from '../../src-main/sync/DocManager';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { randomInt } from './seededRandom';

const SETTING_KEYS = ['name', 'color', 'icon', 'description', 'timezone', 'locale', 'defaultRole', 'retentionDays', 'llmBaseUrl', 'llmModel', 'dailyQuota', 'relayUrl'];
const ROLES = ['owner', 'admin', 'member', 'guest'];
const MEMBER_POOL = 1500;

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
    const rooms = doc.getArray<Record<string, unknown>>('rooms');
    // Rooms are mostly created, sometimes removed, so the list keeps growing like a real one.
    if (rooms.length > 0 && random() < 0.3) rooms.delete(randomInt(random, rooms.length), 1);
    else rooms.push([{ id: `room-${n}`, name: `Room ${n}`, topic: 'Weekly sync and deliverables', createdAt: 1_700_000_000_000 + n }]);
  }
}
