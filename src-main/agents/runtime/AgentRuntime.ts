/**
 * The agent runtime: finds the triggers of digital humans in room changes
 * (a mention, a message in a DM, a handed-off task), keeps a job per
 * trigger in the durable outbox (`agent_jobs`), decides with claims in the
 * room doc which device answers, and runs due jobs (runAgentJob.ts).
 *
 * A job runs only on a device of the person who wrote the trigger (never
 * silently on someone else's model key): the device it was written on
 * claims it at once and answers; another device of the same person that
 * sees it (through the relay) waits `claimGraceMs`, then claims only if
 * nobody has, and runs only if its claim won once `settleMs` have passed.
 * Devices of other members record nothing. Tool calls held for the
 * person's confirmation wait in the `ApprovalDesk`. A job whose model server cannot be
 * reached goes back to the queue with a backoff and survives restarts.
 */
import { NotFoundError, ValidationError } from '../../common/AppError';
import type { AgentApprovalView, AgentJobView, DigitalHuman } from '../../common/contract';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import type { AgentJob, AgentJobKind, AgentJobStore } from '../../storage/agents/AgentJobStore';
import { readMessageRecord, roomIdOfDoc } from '../../storage/rooms/roomDocFormat';
import { changedRootKeys } from '../../storage/changedRootKeys';
import type { DocChange } from '../../sync/DocManager';
import type { ToolContext } from '../tools/AgentTool';
import type { AgentJobHost } from './AgentJobHost';
import { ApprovalDesk } from './ApprovalDesk';
import type { AgentRuntimeDeps } from './AgentRuntimeDeps';
import { DEFAULT_AGENT_OPTIONS, type AgentRuntimeOptions } from './AgentRuntimeOptions';
import { claimHolder, claimKey, writeClaim } from './ClaimBook';
import { detectTriggers } from './detectTriggers';
import { jobStoreOf } from './jobStoreOf';
import { jobView as view } from './jobView';
import { runAgentJob } from './runAgentJob';

/** The outbox, claims and runs of digital humans' jobs, for every open workspace on this device. */
export class AgentRuntime implements AgentJobHost {
  readonly options: AgentRuntimeOptions;
  private readonly running = new Map<string, { controller: AbortController; workspaceId: string }>();
  private readonly waiters = new Map<string, Set<(job: AgentJob) => void>>();
  private readonly stopObserving: () => void;
  private timer: NodeJS.Timeout | null = null;
  private pumpQueued = false;
  private closed = false;
  private paused: boolean;
  private readonly approvals = new ApprovalDesk(this);

  constructor(readonly deps: AgentRuntimeDeps) {
    this.options = { ...DEFAULT_AGENT_OPTIONS, ...deps.options };
    this.paused = this.options.paused;
    this.stopObserving = deps.workspaces.observeHandles({ opened: (handle) => this.opened(handle), closing: () => undefined });
  }

  /** The jobs of a workspace on this device, newest first. */
  jobs(workspaceId: string, limit: number): AgentJobView[] {
    return jobStoreOf(this.handle(workspaceId)).recent(limit).map(view);
  }

  /** Stops a running or waiting job; its reply (if any) says so. */
  cancel(workspaceId: string, jobId: string): AgentJobView {
    const store = jobStoreOf(this.handle(workspaceId));
    const job = store.get(jobId);
    if (!job) throw new NotFoundError('No such job on this device');
    const run = this.running.get(jobId);
    if (run) run.controller.abort(new Error('Stopped'));
    else if (job.state === 'waiting' || job.state === 'queued') this.settle(workspaceId, store, job, { state: 'failed', lastError: 'Stopped' });
    return view(store.get(jobId) ?? job);
  }

  /** Runs a queued or failed job now. */
  retry(workspaceId: string, jobId: string): AgentJobView {
    const store = jobStoreOf(this.handle(workspaceId));
    const job = store.get(jobId);
    if (!job) throw new NotFoundError('No such job on this device');
    if (job.state !== 'queued' && job.state !== 'failed') throw new ValidationError('Only a queued or failed job can be retried');
    store.update(jobId, { state: 'queued', nextAt: this.deps.now() }, this.deps.now());
    this.changed(workspaceId, store, jobId);
    this.pumpSoon();
    return view(store.get(jobId)!);
  }

  /** The workspace's model settings changed: queued jobs try again now rather than at their backoff. */
  providerChanged(workspaceId: string): void {
    const handle = this.deps.workspaces.openHandle(workspaceId);
    if (!handle) return;
    const store = jobStoreOf(handle);
    const now = this.deps.now();
    for (const job of store.list(['queued'])) if (job.attempts > 0) store.update(job.id, { nextAt: now }, now);
    this.pumpSoon();
  }

  /** Resolves with the job of `triggerId` for `dhId` once it is done, failed, skipped or queued for a retry. */
  waitFor(workspaceId: string, dhId: string, triggerId: string, timeoutMs: number): Promise<AgentJob | null> {
    const key = claimKey(dhId, triggerId);
    const settledNow = this.findSettled(workspaceId, key);
    if (settledNow) return Promise.resolve(settledNow);
    return new Promise((resolve) => {
      let set = this.waiters.get(key);
      if (!set) this.waiters.set(key, (set = new Set()));
      const done = (job: AgentJob | null): void => {
        clearTimeout(timer);
        set.delete(listener);
        resolve(job);
      };
      const listener = (job: AgentJob): void => done(job);
      const timer = setTimeout(() => done(this.find(workspaceId, key)), timeoutMs);
      set.add(listener);
    });
  }

  /** Queues `dh` to work on task `taskId`, reporting in `roomId`, for `onBehalfOf` (a hand-off). */
  enqueueTask(workspaceId: string, dh: DigitalHuman, taskId: string, roomId: string, threadRootId: string | null, onBehalfOf: string | null): void {
    const handle = this.handle(workspaceId);
    this.addJob(handle, 'task', dh.id, roomId, threadRootId, taskId, true, onBehalfOf);
    this.pumpSoon();
  }

  /** Records a tool call held for confirmation (the gate calls it). */
  hold(handle: WorkspaceHandle, ctx: ToolContext, tool: string, rawArguments: string): { id: string; decider: string } {
    return this.approvals.hold(handle, ctx, tool, rawArguments);
  }

  /** Held actions of the local person (this device's and their other devices'), of one room or all, newest first. */
  listApprovals(workspaceId: string, roomId: string | null, limit: number): AgentApprovalView[] {
    return this.approvals.list(this.handle(workspaceId), roomId, limit);
  }

  /** The local user approves or denies a held action: it runs (or not) on the device that holds it. */
  decide(workspaceId: string, approvalId: string, decision: 'approve' | 'deny'): Promise<AgentApprovalView> {
    return this.approvals.decide(this.handle(workspaceId), approvalId, decision);
  }

  /**
   * A task's reminder is due on this device: a DH assigned to it works it;
   * otherwise the DH whose list holds it posts a kind reminder to the person
   * in the room the task came from. Every device that fires the reminder
   * claims it; one answers.
   */
  taskReminder(workspaceId: string, taskId: string): void {
    try {
      const handle = this.handle(workspaceId);
      const task = this.deps.tasks.get(workspaceId, taskId);
      if (task.status === 'done' || task.sourceRoomId === null || task.remindAt === null) return;
      const worker = task.assignee?.kind === 'dh' ? task.assignee.id : null;
      const dhId = worker ?? task.dhId;
      const dh = this.deps.dhs.list(workspaceId).find((d) => d.id === dhId && !d.archived);
      if (!dh) return;
      // A member's task reminds on that member's devices only; a DH's own task on the first device to claim it.
      const owner = task.createdBy.kind === 'member' ? task.createdBy.id : null;
      if (owner !== null && owner !== this.deps.rooms.userId) return;
      const key = claimKey(dh.id, `${worker ? 'work' : 'remind'}-${task.id}-${task.remindAt}`);
      this.addJob(handle, worker ? 'task' : 'reminder', dh.id, task.sourceRoomId, null, task.id, true, owner, key);
      this.pumpSoon();
    } catch (err) {
      this.deps.log('warn', `the reminder of task ${taskId} could not start a digital human`, err);
    }
  }

  /** Starts running jobs (after `paused`). */
  resume(): void {
    this.paused = false;
    this.pumpSoon();
  }

  /** True once `close` was called: a turn cut short by it goes back to the queue. */
  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.stopObserving();
    if (this.timer) clearTimeout(this.timer);
    for (const run of this.running.values()) run.controller.abort(new Error('Qwanyx is shutting down'));
  }

  private handle(workspaceId: string): WorkspaceHandle {
    this.deps.workspaces.get(workspaceId);
    return this.deps.workspaces.handle(workspaceId);
  }

  private opened(handle: WorkspaceHandle): void {
    const store = jobStoreOf(handle);
    // Jobs a stopped process left running start again (their reply is rewritten, never duplicated).
    store.requeueRunning(this.deps.now());
    handle.docs.onChange((change) => this.onChange(handle, change));
    handle.docs.onChange((change) => this.approvals.onChange(handle, change));
    // Decisions made on another device while this one was away.
    queueMicrotask(() => {
      if (!this.closed) this.approvals.sweep(handle);
    });
    this.pumpSoon();
  }

  /** Runs inside the change's transaction: a job is stored with the message that triggers it. */
  private onChange(handle: WorkspaceHandle, change: DocChange): void {
    if (this.closed) return;
    const roomId = roomIdOfDoc(change.docName);
    if (roomId === null) return;
    const keys = changedRootKeys(handle.docs.doc(change.docName), change.transaction).get('messages');
    if (!keys) return;
    // Most workspaces have no digital human: their messages cost one query here, nothing more.
    const dhs = this.deps.dhs.list(handle.id);
    if (dhs.length === 0) return;
    const room = this.deps.rooms.forHandle(handle).rooms.getRoom(roomId);
    if (!room) return;
    const messages = handle.docs.doc(change.docName).getMap('messages');
    let added = false;
    for (const key of keys) {
      const record = readMessageRecord(key, messages.get(key));
      // Only the devices of the person who wrote it answer (their model key, their confirmation).
      if (!record || record.authorId !== this.deps.rooms.userId) continue;
      const local = change.origin.source === 'local';
      for (const dh of detectTriggers({ record, room, dhs, now: this.deps.now(), maxAgeMs: this.options.triggerMaxAgeMs })) {
        if (claimHolder(handle, roomId, claimKey(dh.id, record.id)) !== null) continue;
        added = this.addJob(handle, record.mentions.includes(dh.id) ? 'mention' : 'dm', dh.id, roomId, record.threadRootId, record.id, local, record.authorId) || added;
      }
    }
    // After the transaction has committed: claims and replies are writes of their own.
    if (added) queueMicrotask(() => this.pump());
  }

  private addJob(
    handle: WorkspaceHandle,
    kind: AgentJobKind,
    dhId: string,
    roomId: string,
    threadRootId: string | null,
    triggerId: string,
    claimNow: boolean,
    onBehalfOf: string | null,
    key = claimKey(dhId, triggerId),
  ): boolean {
    const now = this.deps.now();
    const job: AgentJob = {
      id: this.deps.newId(),
      kind,
      dhId,
      roomId,
      threadRootId,
      triggerId,
      claimKey: key,
      replyId: null,
      state: claimNow ? 'queued' : 'waiting',
      attempts: 0,
      nextAt: claimNow ? now : now + this.options.claimGraceMs,
      lastError: null,
      createdAt: now,
      updatedAt: now,
      onBehalfOf,
    };
    const added = jobStoreOf(handle).insert(job);
    if (added) queueMicrotask(() => this.deps.emit('agent.jobChanged', { workspaceId: handle.id, job: view(job) }));
    return added;
  }

  private pumpSoon(): void {
    if (this.pumpQueued || this.closed) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** Moves every due job one step: claims, skips, or starts it. */
  private pump(): void {
    if (this.closed || this.paused) return;
    let nextAt = Infinity;
    for (const ws of this.deps.workspaces.list(true)) {
      const handle = this.deps.workspaces.openHandle(ws.id);
      if (!handle) continue;
      try {
        nextAt = Math.min(nextAt, this.pumpWorkspace(handle));
      } catch (err) {
        this.deps.log('error', `agent jobs of ${ws.id} failed to advance`, err);
      }
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (Number.isFinite(nextAt)) {
      this.timer = setTimeout(() => this.pump(), Math.max(0, Math.min(nextAt - this.deps.now(), 60_000)));
      this.timer.unref();
    }
  }

  /** Advances the due jobs of one workspace; returns when the next one is due. */
  private pumpWorkspace(handle: WorkspaceHandle): number {
    const store = jobStoreOf(handle);
    const device = store.deviceId(this.deps.newId);
    const now = this.deps.now();
    let nextAt = Infinity;
    for (const job of store.list(['waiting', 'queued'])) {
      if (this.running.has(job.id)) continue;
      if (job.nextAt > now) {
        nextAt = Math.min(nextAt, job.nextAt);
        continue;
      }
      const holder = claimHolder(handle, job.roomId, job.claimKey);
      if (holder !== null && holder !== device) {
        this.settle(handle.id, store, job, { state: 'skipped' });
        continue;
      }
      if (holder === null) {
        writeClaim(handle, job.roomId, job.claimKey, { device, userId: this.deps.rooms.userId, at: now });
        if (job.state === 'waiting') {
          // Another device may have claimed at the same moment: look again once both claims have met.
          store.update(job.id, { state: 'queued', nextAt: now + this.options.settleMs }, now);
          nextAt = Math.min(nextAt, now + this.options.settleMs);
          continue;
        }
      }
      if (this.running.size >= this.options.concurrency) {
        nextAt = Math.min(nextAt, now + 250);
        continue;
      }
      this.start(handle, store, job);
    }
    return nextAt;
  }

  private start(handle: WorkspaceHandle, store: AgentJobStore, job: AgentJob): void {
    const controller = new AbortController();
    this.running.set(job.id, { controller, workspaceId: handle.id });
    // The reply's id is known before any work, so the UI can tie the job to its message from the first event.
    store.update(job.id, { state: 'running', attempts: job.attempts + 1, replyId: job.replyId ?? this.deps.newId() }, this.deps.now());
    this.changed(handle.id, store, job.id);
    void runAgentJob(this, handle, store.get(job.id)!, controller.signal)
      .then((patch) => this.settle(handle.id, store, store.get(job.id) ?? job, patch))
      .catch((err: unknown) => {
        this.deps.log('error', `agent job ${job.id} failed unexpectedly`, err);
        this.settle(handle.id, store, store.get(job.id) ?? job, { state: 'failed', lastError: 'Internal error' });
      })
      .finally(() => {
        this.running.delete(job.id);
        this.pumpSoon();
      });
  }

  private settle(workspaceId: string, store: AgentJobStore, job: AgentJob, patch: Partial<Pick<AgentJob, 'state' | 'nextAt' | 'lastError' | 'replyId'>>): void {
    let updated: AgentJob | null;
    try {
      store.update(job.id, patch, this.deps.now());
      updated = store.get(job.id);
    } catch (err) {
      // The workspace closed under a finishing turn: the job stays `running` and is queued again on next open.
      if (!this.closed) this.deps.log('error', `recording the end of agent job ${job.id} failed`, err);
      return;
    }
    if (!updated) return;
    this.changed(workspaceId, store, job.id);
    if (updated.state !== 'running' && updated.state !== 'waiting' && (updated.state !== 'queued' || updated.attempts > 0)) {
      for (const listener of this.waiters.get(updated.claimKey) ?? []) listener(updated);
    }
  }

  private changed(workspaceId: string, store: AgentJobStore, jobId: string): void {
    const job = store.get(jobId);
    if (job) this.deps.emit('agent.jobChanged', { workspaceId, job: view(job) });
  }

  private find(workspaceId: string, key: string): AgentJob | null {
    const handle = this.deps.workspaces.openHandle(workspaceId);
    if (!handle) return null;
    return jobStoreOf(handle).byClaimKey(key);
  }

  private findSettled(workspaceId: string, key: string): AgentJob | null {
    const job = this.find(workspaceId, key);
    return job && (job.state === 'done' || job.state === 'failed' || job.state === 'skipped') ? job : null;
  }
}
