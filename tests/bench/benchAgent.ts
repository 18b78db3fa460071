/**
 * Agent runtime figures, against the fake model server in this process:
 *
 * - `context_build_ms_p95`: gathering and building a turn's context (room
 *   history of a 2,000-message room, recall over 10,000 memories, 30 open
 *   tasks, the budget fit), as the runtime does before each answer.
 * - `agent_first_byte_ms_p95`: from the mention being stored (the room doc's
 *   change is committed) to the model server receiving the request's first
 *   byte, over sequential mentions.
 */
import { gatherContext } from '../../src-main/agents/runtime/gatherContext';
import type { DigitalHuman, Message, Room } from '../../src-main/common/contract';
import type { Core } from '../../src-main/core/createCore';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { messageCorpus } from './messageCorpus';
import { percentile } from './percentile';
import { seededRandom } from './seededRandom';

export interface AgentBench {
  contextBuild: { p50Ms: number; p95Ms: number; runs: number; tokens: number; memories: number; historyMessages: number };
  firstByte: { p50Ms: number; p95Ms: number; runs: number };
}

const ROOM_MESSAGES = 2_000;
const MEMORIES = 10_000;
const TASKS = 30;
const CONTEXT_RUNS = 200;
const MENTIONS = 60;

async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}


export async function benchAgent(dataDir: string): Promise<AgentBench> {
  const llm = await startFakeOpenAi({ apiKey: 'sk-bench' });
  const core = await createBenchCore(dataDir);
  try {
    core.agents.resume();
    const random = seededRandom(7);
    const corpus = messageCorpus();
    const sentence = (r: () => number, words: number): string => corpus.sentence(r).split(' ').slice(0, words).join(' ');
    const workspaceId = (await call<{ id: string }[]>(core, 'workspace.list', {}))[0]!.id;
    await call(core, 'provider.set', { workspaceId, preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', apiKey: 'sk-bench' });
    const dh = await call<DigitalHuman>(core, 'dh.create', { workspaceId, name: 'Philippe', handle: 'philippe', tools: ['memory', 'tasks'], memoryEnabled: true });
    const room = await call<Room>(core, 'room.create', { workspaceId, name: 'general', memberIds: [dh.id] });
    logProgress(`agent: ${ROOM_MESSAGES} messages, ${MEMORIES} memories, ${TASKS} tasks…`);
    let last: Message | null = null;
    for (let i = 0; i < ROOM_MESSAGES; i++) last = await call<Message>(core, 'message.post', { workspaceId, roomId: room.id, text: `${sentence(random, 12)} (${i})` });
    core.memory.importMany(
      workspaceId,
      dh.id,
      Array.from({ length: MEMORIES }, (_, i) => ({ text: `${sentence(random, 10)} #${i}`, at: Date.UTC(2025, 0, 1) + i * 3_600_000 })),
    );
    for (let i = 0; i < TASKS; i++) core.tasks.create(workspaceId, dh.id, { title: `${sentence(random, 4)} ${i}` }, { kind: 'dh', id: dh.id });

    logProgress('agent: context build…');
    const handle = core.workspaces.handle(workspaceId);
    const job = {
      id: 'bench-job',
      kind: 'mention' as const,
      dhId: dh.id,
      roomId: room.id,
      threadRootId: null,
      triggerId: last!.id,
      claimKey: 'bench',
      replyId: null,
      state: 'running' as const,
      attempts: 1,
      nextAt: 0,
      lastError: null,
      createdAt: 0,
      updatedAt: 0,
      onBehalfOf: null,
    };
    const deps = {
      rooms: core.agents.deps.rooms,
      tasks: core.agents.deps.tasks,
      memory: core.agents.deps.memory,
      knowledge: core.agents.deps.knowledge,
      workspaceName: 'Personal',
      now: Date.now(),
      budgetTokens: core.agents.options.budgetTokens,
      log: () => undefined,
      nonce: 'bench0nonce',
      actingFor: null,
    };
    const contextSamples: number[] = [];
    let tokens = 0;
    for (let i = 0; i < CONTEXT_RUNS; i++) {
      const started = performance.now();
      const built = await gatherContext(deps, handle, dh, job);
      contextSamples.push(performance.now() - started);
      tokens = built.tokens;
    }

    logProgress('agent: first byte at the model server…');
    const firstByte: number[] = [];
    let storedAt = 0;
    let watching: string | null = null;
    handle.docs.onChange((change) => {
      if (watching !== null && change.docName === `room/${room.id}` && change.origin.source === 'local') {
        storedAt = Number(process.hrtime.bigint()) / 1e6;
        watching = null;
      }
    });
    for (let i = 0; i < MENTIONS; i++) {
      const marker = `question-${i}-${Math.floor(random() * 1e9)}`;
      llm.reply(`Answer ${i}.`, JSON.stringify({ operations: [{ op: 'NOOP' }] }));
      watching = marker;
      const mention = await call<Message>(core, 'message.post', { workspaceId, roomId: room.id, text: `@philippe ${marker} ${sentence(random, 6)}?` });
      const settled = await core.agents.waitFor(workspaceId, dh.id, mention.id, 30_000);
      if (settled?.state !== 'done') throw new Error(`mention ${i} ended ${settled?.state ?? 'unfinished'}`);
      const request = llm.requests.find((r) => r.path.endsWith('/chat/completions') && JSON.stringify(r.body).includes(marker));
      if (!request) throw new Error(`no request for mention ${i}`);
      firstByte.push(request.receivedAt - storedAt);
      // Let the memory step of this turn finish before the next mention.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return {
      contextBuild: { p50Ms: percentile(contextSamples, 50), p95Ms: percentile(contextSamples, 95), runs: CONTEXT_RUNS, tokens, memories: MEMORIES, historyMessages: ROOM_MESSAGES },
      firstByte: { p50Ms: percentile(firstByte, 50), p95Ms: percentile(firstByte, 95), runs: MENTIONS },
    };
  } finally {
    await core.close();
    await llm.close();
  }
}
