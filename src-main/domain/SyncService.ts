/**
 * Sync of workspaces through relays: linking a workspace (registers it on
 * the relay and uploads its state), invitations (create, accept: the joined
 * workspace is created here with the relay's id and filled by sync), the
 * connections of linked workspaces, and their status.
 *
 * A workspace never linked stays local-only: no socket, no pending rows, no
 * relay request, ever. Linked workspaces are connected at start-up when
 * `autoConnect` is set (the desktop app and the browser host), or on demand
 * (the CLI). Remote changes to the `meta` doc update the registry row, so a
 * teammate's rename shows on the rail.
 */
import { ClosedError, ConflictError, RelayProtocolError, RelayRefusedError, ValidationError } from '../common/AppError';
import type { InviteRole, Invitation, RelayRoleName, Workspace, WorkspaceSyncStatus } from '../common/contract';
import { WORKSPACE_ID_PATTERN } from '../common/ids';
import type { WorkspaceLink } from '../storage/RelayRegistry';
import { SyncPendingStore, type PendingAck } from '../storage/SyncPendingStore';
import { RELAY_TOKEN_KEY, RelayTokenSource } from '../sync/RelayTokenSource';
import { WorkspaceSync } from '../sync/WorkspaceSync';
import { scopeKey } from './ScopeKey';
import type { SyncServiceDeps } from './SyncServiceDeps';
import type { WorkspaceHandle } from './WorkspaceHandle';

/** A linked workspace's pending-change tracking, wired once per open handle. */
const PENDING = scopeKey<SyncPendingStore>('sync.pending');
/** Counting pending changes of a workspace that is not wired (not linked, or not syncing yet). */
const PENDING_COUNT = scopeKey<SyncPendingStore>('sync.pendingCount');

interface ActiveSync {
  sync: WorkspaceSync;
  tokens: RelayTokenSource;
}

const STATUS_COALESCE_MS = 25;

export class SyncService {
  private readonly active = new Map<string, ActiveSync>();
  private readonly lastEmitted = new Map<string, string>();
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; run: () => void }>();
  private readonly waiters = new Set<() => void>();
  private readonly stopObserving: () => void;
  private readonly ackListeners = new Set<(workspaceId: string, acks: readonly PendingAck[]) => void>();
  private closed = false;

  constructor(private readonly deps: SyncServiceDeps) {
    this.stopObserving = deps.workspaces.observeHandles({
      opened: (handle) => {
        const link = deps.registry.relays.getLink(handle.id);
        if (link) this.prepare(handle, link);
      },
      closing: (id) => this.disconnect(id),
    });
  }

  /** Connects every linked workspace when the service auto-connects. */
  start(): void {
    if (!this.deps.autoConnect) return;
    for (const link of this.deps.registry.relays.listLinks()) {
      try {
        this.connect(link.workspaceId);
      } catch (err) {
        this.deps.log('error', `cannot start syncing workspace ${link.workspaceId}`, err);
      }
    }
  }

  /** Registers workspace `id` on the relay `relayUrl` (signed in), records the link and starts uploading it. */
  async link(id: string, relayUrl: string): Promise<WorkspaceSyncStatus> {
    const ws = this.deps.workspaces.get(id);
    const existing = this.deps.registry.relays.getLink(id);
    if (existing) {
      if (existing.relayUrl !== relayUrl) throw new ConflictError(`“${ws.name}” is already linked to ${existing.relayUrl}`);
      this.connect(id);
      return this.statusOf(id);
    }
    const account = this.deps.accounts.account(relayUrl);
    const deviceToken = await this.deps.accounts.deviceToken(relayUrl);
    let role: RelayRoleName;
    try {
      role = await this.deps.accounts.api(relayUrl).registerWorkspace(deviceToken, id);
    } catch (err) {
      if (err instanceof RelayRefusedError && err.status === 409) {
        throw new ConflictError(`The relay already has a workspace with this id that belongs to someone else`);
      }
      throw err;
    }
    this.deps.workspaces.get(id);
    const link: WorkspaceLink = { workspaceId: id, relayUrl, accountEmail: account.email, role, linkedAt: this.deps.now() };
    this.deps.registry.relays.putLink(link);
    const pending = this.prepare(this.deps.workspaces.handle(id), link);
    // The whole current state is what the first sync uploads: count it as pending until the relay has it.
    const handle = this.deps.workspaces.handle(id);
    for (const docName of handle.layout.syncedDocNames(handle.storage.db)) pending.markAll(docName);
    this.connect(id);
    return this.statusOf(id);
  }

  /** Invites `email` into linked workspace `workspaceId`; the answer holds the token to give them. */
  async createInvite(workspaceId: string, email: string, role: InviteRole, expiresInHours?: number): Promise<Invitation> {
    this.deps.workspaces.get(workspaceId);
    const link = this.deps.registry.relays.getLink(workspaceId);
    if (!link) throw new ValidationError('Link this workspace to a relay before inviting people to it');
    const deviceToken = await this.deps.accounts.deviceToken(link.relayUrl);
    const invitation = await this.deps.accounts
      .api(link.relayUrl)
      .createInvitation(deviceToken, workspaceId, { email, role, ...(expiresInHours !== undefined ? { expiresInHours } : {}) });
    return { ...invitation, workspaceId, relayUrl: link.relayUrl };
  }

  /** Accepts an invitation: creates the workspace on this device and syncs it down. */
  async acceptInvite(relayUrl: string, token: string): Promise<Workspace> {
    const account = this.deps.accounts.account(relayUrl);
    const deviceToken = await this.deps.accounts.deviceToken(relayUrl);
    const accepted = await this.deps.accounts.api(relayUrl).acceptInvitation(deviceToken, token);
    const id = accepted.workspaceId;
    if (!WORKSPACE_ID_PATTERN.test(id)) throw new RelayProtocolError('The relay sent a workspace id this app cannot use');
    if (this.deps.registry.hasWorkspace(id)) {
      const link = this.deps.registry.relays.getLink(id);
      if (link?.relayUrl !== relayUrl) throw new ConflictError('This workspace is already on this device');
    } else {
      this.deps.workspaces.createJoined(id);
      this.deps.registry.relays.putLink({ workspaceId: id, relayUrl, accountEmail: account.email, role: accepted.role, linkedAt: this.deps.now() });
    }
    this.connect(id);
    await this.waitUntilSettled([id], this.deps.acceptWaitMs ?? 10_000);
    return this.deps.workspaces.adoptSyncedSettings(id);
  }

  /** Starts syncing linked workspace `id` (no-op when it already does). */
  connect(id: string): void {
    if (this.closed) throw new ClosedError('Sync is shut down');
    const link = this.deps.registry.relays.getLink(id);
    if (!link) throw new ValidationError('This workspace is not linked to a relay');
    if (this.active.has(id)) return;
    const handle = this.deps.workspaces.handle(id);
    const pending = this.prepare(handle, link);
    const { accounts } = this.deps;
    const tokens = new RelayTokenSource({
      workspaceId: id,
      secrets: this.deps.secrets,
      now: this.deps.now,
      fetchToken: async () => accounts.api(link.relayUrl).workspaceToken(await accounts.deviceToken(link.relayUrl), id),
      onRole: (role) => this.applyRole(id, role),
      onError: (err) => this.deps.log('warn', `refreshing the relay token of ${id} failed`, err),
    });
    const sync = new WorkspaceSync({
      workspaceId: id,
      relayUrl: link.relayUrl,
      docs: handle.docs,
      pending,
      tokens,
      docNames: handle.layout.syncedDocNames(handle.storage.db),
      ...(this.deps.backoff ? { backoff: this.deps.backoff } : {}),
      ...(this.deps.random ? { random: this.deps.random } : {}),
      ...(this.deps.silenceTimeoutMs !== undefined ? { silenceTimeoutMs: this.deps.silenceTimeoutMs } : {}),
      ...(this.deps.awarenessFor ? { awareness: this.deps.awarenessFor(id) } : {}),
      onStatus: () => this.statusChanged(id),
      onError: (err) => this.deps.log('warn', `sync of ${id} hit an error`, err),
    });
    this.active.set(id, { sync, tokens });
    sync.start();
    this.statusChanged(id);
  }

  /** Starts syncing one more doc of workspace `id` when it syncs (a room that just appeared). */
  addDoc(id: string, docName: string): void {
    const handle = this.deps.workspaces.openHandle(id);
    if (!handle?.layout.isSynced(docName)) return;
    this.active.get(id)?.sync.addDoc(docName);
  }

  /** Subscribes to relay acknowledgements of local changes (what they covered, per workspace). */
  onAcknowledged(listener: (workspaceId: string, acks: readonly PendingAck[]) => void): () => void {
    this.ackListeners.add(listener);
    return () => this.ackListeners.delete(listener);
  }

  /** Stops syncing workspace `id` (its link stays). */
  disconnect(id: string): void {
    const active = this.active.get(id);
    if (!active) return;
    this.active.delete(id);
    active.tokens.stop();
    void active.sync.stop();
    this.statusChanged(id);
  }

  /**
   * Keeps workspace `id` as a local-only workspace once an owner erased it from its relay (reason
   * `removed`): sockets, link and relay token go, the content stays. The relay refuses the erased
   * id if it is linked again.
   */
  async unlink(id: string): Promise<WorkspaceSyncStatus> {
    const ws = this.deps.workspaces.get(id);
    if (!this.deps.registry.relays.getLink(id)) return this.statusOf(id);
    if (this.statusOf(id).reasonCode !== 'removed') throw new ValidationError(`“${ws.name}” is still on its relay: only a workspace its owner erased from the relay can be unlinked here`);
    const active = this.active.get(id);
    this.active.delete(id);
    active?.tokens.stop();
    await active?.sync.stop();
    this.deps.registry.relays.deleteLink(id);
    await this.deps.secrets.delete(id, RELAY_TOKEN_KEY).catch((err: unknown) => this.deps.log('warn', `cannot forget the relay token of ${id}`, err));
    // A local-only workspace counts no pending changes.
    this.deps.workspaces.openHandle(id)?.docs.setPendingFilter(null);
    this.statusChanged(id);
    return this.statusOf(id);
  }

  /** Retries now: drops the sockets of `id` and connects again, forgetting the backoff and any error. */
  reconnect(id: string): WorkspaceSyncStatus {
    this.deps.workspaces.get(id);
    const active = this.active.get(id);
    if (active) active.sync.reconnectNow();
    else this.connect(id);
    return this.statusOf(id);
  }

  /**
   * Someone signed in or out. Workspaces waiting for a sign-in retry now;
   * those whose relay was signed out of forget their relay token and stop
   * (status: error, signed out), so a signed-out device syncs nothing.
   */
  accountsChanged(): void {
    for (const [id, active] of this.active) {
      const link = this.deps.registry.relays.getLink(id);
      if (!link) continue;
      if (!this.deps.registry.relays.getAccount(link.relayUrl)) {
        active.tokens.invalidate();
        this.deps.secrets.delete(id, RELAY_TOKEN_KEY).catch((err: unknown) => this.deps.log('warn', `cannot forget the relay token of ${id}`, err));
        active.sync.reconnectNow();
      } else if (active.sync.summary().reasonCode === 'signed-out') {
        active.sync.reconnectNow();
      }
      this.statusChanged(id);
    }
  }

  /** The status of every workspace on this device. */
  status(): WorkspaceSyncStatus[] {
    return this.deps.registry.listWorkspaces(true).map((ws) => this.statusOf(ws.id));
  }

  /** The status of workspace `id`. */
  statusOf(id: string): WorkspaceSyncStatus {
    const link = this.deps.registry.relays.getLink(id);
    if (!link) {
      return { workspaceId: id, state: 'local-only', reasonCode: null, reason: null, pending: 0, relayUrl: null, accountEmail: null, role: null };
    }
    const active = this.active.get(id);
    const { erasedAt, ...summary } = active
      ? active.sync.summary()
      : { state: 'offline' as const, reasonCode: 'not-connected' as const, reason: 'Not connected to the relay', erasedAt: null };
    return {
      workspaceId: id,
      ...summary,
      ...(summary.reasonCode === 'removed' ? { erasedAt: erasedAt == null ? null : new Date(erasedAt).toISOString() } : {}),
      pending: this.pendingCount(id),
      relayUrl: link.relayUrl,
      accountEmail: link.accountEmail,
      role: link.role,
    };
  }

  /**
   * Resolves once every workspace of `ids` is settled (synced, offline after a
   * failed attempt, in error, or not syncing), or after `timeoutMs`. Returns
   * whether they all settled.
   */
  waitUntilSettled(ids: readonly string[], timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const settled = (): boolean => ids.every((id) => this.isSettled(id));
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        // Settled includes the registry: settings that just arrived are applied now, not in a moment.
        this.flushAdoptions();
        resolve(settled());
      };
      const check = (): void => {
        if (settled()) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Stops every connection. */
  async close(): Promise<void> {
    // Settings that arrived must reach the registry even when the process ends now (the CLI).
    this.flushAdoptions();
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.closed = true;
    this.stopObserving();
    const stopping = [...this.active.values()].map(({ sync, tokens }) => {
      tokens.stop();
      return sync.stop();
    });
    this.active.clear();
    await Promise.all(stopping);
    for (const waiter of [...this.waiters]) waiter();
  }

  private flushAdoptions(): void {
    for (const [key, { timer, run }] of [...this.timers]) {
      if (!key.startsWith('adopt:')) continue;
      clearTimeout(timer);
      this.timers.delete(key);
      run();
    }
  }

  private isSettled(id: string): boolean {
    const active = this.active.get(id);
    if (!active) return true;
    const { state } = active.sync.summary();
    return state === 'synced' || state === 'offline' || state === 'error';
  }

  /** Wires an open handle of a linked workspace: pending tracking and remote settings. Idempotent. */
  private prepare(handle: WorkspaceHandle, link: WorkspaceLink): SyncPendingStore {
    return handle.scoped(PENDING, () => this.wire(handle, link));
  }

  private wire(handle: WorkspaceHandle, link: WorkspaceLink): SyncPendingStore {
    const pending = new SyncPendingStore(handle.storage.db, (acks) => {
      for (const listener of this.ackListeners) {
        try {
          listener(handle.id, acks);
        } catch (err) {
          this.deps.log('error', `a reaction to acknowledgements of ${handle.id} failed`, err);
        }
      }
    });
    this.setPendingTracking(handle, link.role);
    handle.docs.onChange((change) => {
      if (change.docName === 'meta' && change.origin.source === 'remote') this.later(`adopt:${handle.id}`, () => this.adopt(handle.id));
    });
    return pending;
  }

  private setPendingTracking(handle: WorkspaceHandle, role: RelayRoleName): void {
    // A guest's changes never reach the relay (it drops them): counting them would never end.
    handle.docs.setPendingFilter(role === 'guest' ? null : (docName) => handle.layout.isSynced(docName));
  }


  private applyRole(id: string, role: RelayRoleName): void {
    const link = this.deps.registry.relays.getLink(id);
    if (!link || link.role === role) return;
    this.deps.registry.relays.setLinkRole(id, role);
    const handle = this.deps.workspaces.openHandle(id);
    if (handle) this.setPendingTracking(handle, role);
    this.statusChanged(id);
  }

  private adopt(id: string): void {
    if (this.closed || !this.deps.registry.hasWorkspace(id) || !this.deps.workspaces.openHandle(id)) return;
    try {
      this.deps.workspaces.adoptSyncedSettings(id);
    } catch (err) {
      this.deps.log('error', `cannot apply the synced settings of ${id}`, err);
    }
  }

  private pendingCount(id: string): number {
    try {
      const handle = this.deps.workspaces.openHandle(id) ?? this.deps.workspaces.handle(id);
      // Counting needs no wiring: a linked workspace's prepared store and this one read the same table.
      return handle.scoped(PENDING_COUNT, (h) => new SyncPendingStore(h.storage.db)).count();
    } catch (err) {
      this.deps.log('error', `cannot count the pending changes of ${id}`, err);
      return 0;
    }
  }

  private statusChanged(id: string): void {
    for (const waiter of [...this.waiters]) waiter();
    this.later(`status:${id}`, () => {
      if (!this.deps.registry.hasWorkspace(id)) return;
      const status = this.statusOf(id);
      const key = JSON.stringify(status);
      if (this.lastEmitted.get(id) === key) return;
      this.lastEmitted.set(id, key);
      this.deps.emit(status);
    });
  }

  /** Runs `fn` once after a short delay, however many times it is asked for meanwhile. */
  private later(key: string, fn: () => void): void {
    if (this.closed || this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if (!this.closed) fn();
    }, STATUS_COALESCE_MS);
    timer.unref();
    this.timers.set(key, { timer, run: fn });
  }
}
