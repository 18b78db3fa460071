/**
 * Consents (`npm run bench -- consents`): in a workspace of 100,000
 * messages (buildMessageWorkspace) where the local member wrote 10,000 more,
 * a digital human holds 10,000 memories, 2,000 of them learnt from the local
 * member's messages. Then:
 *
 * - consent_forget_s_100k_messages: `consent.set` to "no" through the
 *   core's dispatch, end to end: the governance entry, finding the memories
 *   learnt from the member's messages, deleting them in one transaction,
 *   compacting the DH's doc, the audit entry;
 * - consent_get_ms: reading the choice back (`consent.get`, median of 20).
 */
import { openWorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import type { ConsentView, DigitalHuman, Profile } from '../../src-main/common/contract';
import { workspaceSchema } from '../../src-main/core/modules/workspaceSchema';
import { roomDocName, writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { buildMessageWorkspace } from './buildMessageWorkspace';
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { timeMsAsync } from './timeMs';
import { withTempDataDir } from './withTempDataDir';

const MESSAGES = 100_000;
const MINE = 10_000;
const MEMORIES = 10_000;
const LEARNT_FROM_ME = 2_000;

export interface ConsentBench {
  consent_forget_s_100k_messages: number;
  consent_get_ms: number;
  forgotten: number;
}

async function call<T>(core: Awaited<ReturnType<typeof createBenchCore>>, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel as never, input as never);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

export function benchConsents(): Promise<ConsentBench> {
  return withTempDataDir('consents', async (dataDir) => {
    const fixture = await buildMessageWorkspace(dataDir, { total: MESSAGES, bigRoom: 20_000, rooms: 20, perCommit: 2_000 });
    let core = await createBenchCore(dataDir);
    const me = await call<Profile>(core, 'profile.get', {});
    await core.close();
    logProgress(`consents: writing ${MINE} messages of the local member…`);
    const handle = openWorkspaceHandle(dataDir, fixture.workspaceId, { schema: workspaceSchema, create: false });
    handle.storage.db.pragma('synchronous = NORMAL');
    try {
      const docName = roomDocName(fixture.bigRoomId);
      handle.storage.log.writeTransaction(() => {
        for (let n = 0; n < MINE; n++) {
          const id = `mine-${n}`;
          handle.docs.transact(docName, txOrigin('local', me.userId), (doc) => {
            doc.getMap('messages').set(id, writeMessageRecord({ id, authorId: me.userId, text: `My note number ${n}`, createdAt: fixture.lastAt + n, editedAt: null, deleted: false, threadRootId: null, mentions: [] }));
          });
        }
      });
    } finally {
      handle.close();
    }
    core = await createBenchCore(dataDir);
    try {
      const workspaceId = fixture.workspaceId;
      const dh = await call<DigitalHuman>(core, 'dh.create', { workspaceId, name: 'Philippe', handle: 'philippe', tools: ['memory'], memoryEnabled: true });
      const others = core.workspaces.handle(workspaceId).storage.db.prepare(`SELECT id FROM messages WHERE author_id <> ? LIMIT ${MEMORIES}`).pluck().all(me.userId) as string[];
      logProgress(`consents: importing ${MEMORIES} memories…`);
      const items = Array.from({ length: MEMORIES }, (_, i) => ({
        text: `Memory ${i} about the engagement.`,
        sourceMessageIds: i < LEARNT_FROM_ME ? [`mine-${i}`, others[i]!] : [others[i]!],
      }));
      for (let i = 0; i < items.length; i += 1000) await call(core, 'memory.import', { workspaceId, dhId: dh.id, items: items.slice(i, i + 1000) });
      let view: ConsentView | null = null;
      const forgetMs = await timeMsAsync(async () => {
        view = await call<ConsentView>(core, 'consent.set', { workspaceId, dhRead: false });
      });
      const forgotten = (view as ConsentView | null)?.forgotten ?? 0;
      if (forgotten !== LEARNT_FROM_ME) throw new Error(`consents: forgot ${forgotten} memories, expected ${LEARNT_FROM_ME}`);
      const checks: number[] = [];
      for (let i = 0; i < 20; i++) checks.push(await timeMsAsync(() => call(core, 'consent.get', { workspaceId })));
      checks.sort((a, b) => a - b);
      return { consent_forget_s_100k_messages: Math.round(forgetMs / 10) / 100, consent_get_ms: Math.round(checks[10]! * 100) / 100, forgotten };
    } finally {
      await core.close();
    }
  });
}
