/**
 * Reads what a turn needs from the workspace (recent messages of the room
 * or thread, who is in it, the DH's open tasks, recalled memories and
 * knowledge) and builds the context within the budget. Everything comes
 * from this workspace's own database: nothing of another workspace can be
 * read from here.
 */
import type { DigitalHuman, Task } from '../../common/contract';
import type { Logger } from '../../common/Logger';
import type { RoomsContext } from '../../domain/rooms/RoomsContext';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import type { AgentJob } from '../../storage/agents/AgentJobStore';
import { approvalReportIds } from '../../storage/agents/toolCallDocFormat';
import { readMessageRecord, roomDocName } from '../../storage/rooms/roomDocFormat';
import type { KnowledgePort, MemoryPort, RecalledItem, TaskPort } from './AgentPorts';
import { buildContext, type BuiltContext, type ContextMessage } from './buildContext';

export interface GatherDeps {
  rooms: RoomsContext;
  tasks: TaskPort;
  memory: MemoryPort | null;
  knowledge: KnowledgePort | null;
  workspaceName: string;
  now: number;
  budgetTokens: number;
  log: Logger;
  /** The random id of this turn's data markers. */
  nonce: string;
  /** The person the DH acts for (null for a reminder). */
  actingFor: string | null;
  /** Members who declined that digital humans read what they write: their messages are left out (docs/consents.md). */
  declined?: ReadonlySet<string>;
}

const HISTORY = 40;
const MEMORIES = 8;
const KNOWLEDGE = 4;

export interface GatheredContext extends BuiltContext {
  /** The text the turn answers (the trigger message, or the task). */
  query: string;
  history: ContextMessage[];
}

export async function gatherContext(deps: GatherDeps, handle: WorkspaceHandle, dh: DigitalHuman, job: AgentJob): Promise<GatheredContext> {
  const ws = deps.rooms.forHandle(handle);
  deps.rooms.freshRoom(ws, job.roomId);
  const room = ws.rooms.getRoom(job.roomId);
  const members = deps.rooms.members(ws);
  const nameOf = (id: string): string => members.byId.get(id)?.displayName ?? 'Someone';
  const rows = ws.messages.read(() => {
    const page = ws.messages.latest(job.roomId, job.threadRootId, HISTORY).rows;
    const root = job.threadRootId ? ws.messages.get(job.roomId, job.threadRootId) : null;
    return root ? [root, ...page] : page;
  });
  // Files of the messages, from the room doc (the projection keeps no files): the DH is told it can read them.
  const docMessages = ws.handle.docs.doc(roomDocName(job.roomId)).getMap('messages');
  const filesOf = (id: string): ContextMessage['files'] => readMessageRecord(id, docMessages.get(id))?.files?.map((f) => ({ name: f.name, type: f.type, size: f.size }));
  // The DH's follow-ups that report an approved run carry a tool's answer: the context reads them as data.
  const reports = approvalReportIds(ws.handle.docs.doc(roomDocName(job.roomId)));
  const history: ContextMessage[] = rows
    .filter((r) => r.deleted === 0 && r.id !== job.replyId && !deps.declined?.has(r.author_id))
    .map((r) => ({ id: r.id, authorId: r.author_id, authorName: nameOf(r.author_id), text: r.text, at: r.created_at, files: filesOf(r.id), ...(reports.has(r.id) ? { report: true } : {}) }));
  let task: Task | null = null;
  if (job.kind === 'task' || job.kind === 'reminder') {
    try {
      task = deps.tasks.get(handle.id, job.triggerId);
    } catch {
      task = null;
    }
  }
  const trigger = task ? null : history.find((m) => m.id === job.triggerId);
  const query = task ? `${task.title}\n${task.notes}` : (trigger?.text ?? history[history.length - 1]?.text ?? '');
  const [memories, knowledge] = await Promise.all([
    dh.memoryEnabled && deps.memory ? safely(deps, () => deps.memory!.recall(handle.id, dh.id, query, MEMORIES)) : Promise.resolve([] as RecalledItem[]),
    dh.tools.includes('knowledge') && deps.knowledge ? safely(deps, () => deps.knowledge!.search(handle.id, dh.id, query, KNOWLEDGE)) : Promise.resolve([]),
  ]);
  const people = (room?.members ?? []).map((id) => members.byId.get(id)).filter((m) => m !== undefined);
  const built = buildContext({
    dh,
    workspaceName: deps.workspaceName,
    place: room ? (room.kind === 'dm' ? 'a direct message' : `${job.threadRootId ? 'a thread in ' : ''}#${room.name}`) : 'a room',
    people: people.map((m) => ({ name: m.displayName, handle: m.handle, kind: m.kind })),
    now: deps.now,
    // Only what came before the trigger (and the trigger): later messages are another turn's.
    history: trigger ? history.filter((m) => m.at <= trigger.at) : history,
    memories: memories.filter((m) => m.kind !== 'message' || m.id !== job.triggerId),
    tasks: deps.tasks.list(handle.id, { dhId: dh.id }).slice(0, 20),
    knowledge,
    assignment: task
      ? {
          kind: job.kind === 'reminder' ? 'remind' : 'work',
          title: task.title,
          notes: task.notes,
          from: nameOf(task.createdBy.id),
          assignee: task.assignee ? `${nameOf(task.assignee.id)} (@${members.byId.get(task.assignee.id)?.handle ?? task.assignee.id})` : null,
          dueAt: task.dueAt,
        }
      : undefined,
    budgetTokens: deps.budgetTokens,
    nonce: deps.nonce,
    actingFor: deps.actingFor,
  });
  return { ...built, query, history };
}

async function safely<T>(deps: GatherDeps, fn: () => Promise<T[]>): Promise<T[]> {
  try {
    return await fn();
  } catch (err) {
    deps.log('warn', 'a context source failed; the turn goes on without it', err);
    return [];
  }
}
