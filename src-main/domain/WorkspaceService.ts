/**
 * Workspaces: the isolated tenants of the app.
 *
 * The registry in app.db lists them (so the rail never opens 50 files); each
 * one's own settings also live in its `meta` doc, the synced truth. Opening a
 * workspace opens its own database file; nothing is shared between two.
 */
import { ConfirmationMismatchError, ValidationError, WorkspaceDamagedError } from '../common/AppError';
import { colorSchema, iconSchema, workspaceKindSchema, workspaceNameSchema, type Workspace, type WorkspaceKind } from '../common/contract';
import type { WorkspacePatch } from '../storage/AppRegistry';
import type { SecretStore } from '../secrets/SecretStore';
import type { AppRegistry } from '../storage/AppRegistry';
import type { WorkspaceSchema } from '../storage/WorkspaceSchema';
import { isCorruptionError } from '../storage/backups/dbFileDamage';
import { removeWorkspaceFiles } from '../storage/WorkspaceDb';
import { assertWorkspaceId } from '../storage/workspacePaths';
import { txOrigin } from '../sync/TxOrigin';
import { openWorkspaceHandle, type WorkspaceHandle } from './WorkspaceHandle';
import { pickWorkspaceColor } from './workspaceColors';

export interface WorkspaceServiceDeps {
  dataDir: string;
  registry: AppRegistry;
  secrets: SecretStore;
  /** The docs and migrations of every workspace database (from the feature modules). */
  schema: WorkspaceSchema;
  now: () => number;
  newId: () => string;
  /** Called after every change to the list, with the full list. */
  onListChanged: (workspaces: Workspace[]) => void;
  nativeBinding?: string;
  compactEvery?: number;
  onError?: (err: unknown) => void;
  /** Called when a workspace is found damaged and closed, with the message to show. */
  onDamaged?: (id: string, message: string) => void;
}

/** Why and when a workspace was marked damaged on this device. */
export interface DamageMark {
  reason: string;
  at: number;
}

export interface CreateWorkspaceInput {
  name: string;
  kind: WorkspaceKind;
  color?: string;
  icon?: string | null;
}

/** Told when a workspace's database opens and before it closes (the sync layer attaches to it). */
export interface HandleObserver {
  opened(handle: WorkspaceHandle): void;
  closing(id: string): void;
}

const ACTIVE_KEY = 'activeWorkspaceId';
const DAMAGED_KEY = 'damagedWorkspaces';
/** Shown until the synced settings of a joined workspace arrive. */
const JOINED_PLACEHOLDER_NAME = 'Shared workspace';

export class WorkspaceService {
  private readonly open = new Map<string, WorkspaceHandle>();
  private readonly observers = new Set<HandleObserver>();
  private firstLaunch: Workspace | null = null;

  constructor(private readonly deps: WorkspaceServiceDeps) {}

  /**
   * On first launch, creates the solo "Personal" workspace and makes it
   * active; returns it (null on later launches) so the features listed after
   * workspaces can add their own first-launch content to it.
   */
  ensureDefaults(): Workspace | null {
    if (this.deps.registry.countWorkspaces() > 0) return null;
    const personal = this.create({ name: 'Personal', kind: 'solo' });
    this.deps.registry.setSetting(ACTIVE_KEY, personal.id);
    this.firstLaunch = personal;
    return personal;
  }

  /** The workspace this launch created as the first one on the device, or null. */
  firstLaunchWorkspace(): Workspace | null {
    return this.firstLaunch;
  }

  list(includeArchived = false): Workspace[] {
    return this.deps.registry.listWorkspaces(includeArchived);
  }

  /** The docs and migrations every workspace database of this build has. */
  get schema(): WorkspaceSchema {
    return this.deps.schema;
  }

  get(id: string): Workspace {
    assertWorkspaceId(id);
    return this.deps.registry.getWorkspace(id);
  }

  /** The id of the workspace the user last opened, when it still exists. */
  activeId(): string | null {
    const id = this.deps.registry.getSetting(ACTIVE_KEY);
    return typeof id === 'string' && this.deps.registry.hasWorkspace(id) ? id : null;
  }

  create(input: CreateWorkspaceInput): Workspace {
    const ws = this.newWorkspace(this.deps.newId(), input);
    return this.register(ws, (handle) =>
      handle.docs.transact('meta', txOrigin('local'), (doc) => {
        const settings = doc.getMap('settings');
        settings.set('name', ws.name);
        settings.set('kind', ws.kind);
        settings.set('color', ws.color);
        settings.set('icon', ws.icon);
        settings.set('createdAt', ws.createdAt);
      }),
    );
  }

  /**
   * Registers workspace `id`, which exists on a relay, without writing its
   * settings: they arrive with its `meta` doc (see `adoptSyncedSettings`).
   */
  createJoined(id: string): Workspace {
    assertWorkspaceId(id);
    return this.register(this.newWorkspace(id, { name: JOINED_PLACEHOLDER_NAME, kind: 'team' }), () => undefined);
  }

  private newWorkspace(id: string, input: CreateWorkspaceInput): Workspace {
    return {
      id,
      name: input.name,
      kind: input.kind,
      color: input.color ?? pickWorkspaceColor(this.deps.registry.countWorkspaces()),
      icon: input.icon ?? null,
      archived: false,
      createdAt: this.deps.now(),
      lastOpenedAt: null,
    };
  }

  /** Creates the workspace's files, runs `init` on them, then lists it; on failure nothing of it remains. */
  private register(ws: Workspace, init: (handle: WorkspaceHandle) => void): Workspace {
    const handle = this.handle(ws.id, true);
    try {
      init(handle);
      this.deps.registry.insertWorkspace(ws);
    } catch (err) {
      this.closeHandle(ws.id);
      removeWorkspaceFiles(this.deps.dataDir, ws.id);
      throw err;
    }
    this.changed();
    return ws;
  }

  /**
   * Copies the settings of the `meta` doc (the synced truth) into the
   * registry row, after a teammate's change arrived. Values that do not pass
   * the same rules as local input are ignored: a relay is not trusted.
   */
  adoptSyncedSettings(id: string): Workspace {
    const current = this.get(id);
    const settings = this.handle(id).docs.doc('meta').getMap('settings');
    const patch: WorkspacePatch = {};
    const name = workspaceNameSchema.safeParse(settings.get('name'));
    if (name.success && name.data !== current.name) patch.name = name.data;
    const color = colorSchema.safeParse(settings.get('color'));
    if (color.success && color.data !== current.color) patch.color = color.data;
    const icon = iconSchema.nullable().safeParse(settings.get('icon'));
    if (settings.has('icon') && icon.success && icon.data !== current.icon) patch.icon = icon.data;
    const kind = workspaceKindSchema.safeParse(settings.get('kind'));
    if (kind.success && kind.data !== current.kind) patch.kind = kind.data;
    if (Object.keys(patch).length === 0) return current;
    const ws = this.deps.registry.updateWorkspace(id, patch);
    this.changed();
    return ws;
  }

  /** Subscribes to workspace databases opening and closing. */
  observeHandles(observer: HandleObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** The handle of `id` when its database is open, else null (opens nothing). */
  openHandle(id: string): WorkspaceHandle | null {
    return this.open.get(id) ?? null;
  }

  /** Makes `id` the active workspace and opens its database. */
  openWorkspace(id: string): Workspace {
    this.get(id);
    this.handle(id, false);
    const ws = this.deps.registry.updateWorkspace(id, { lastOpenedAt: this.deps.now() });
    this.deps.registry.setSetting(ACTIVE_KEY, id);
    this.changed();
    return ws;
  }

  rename(id: string, name: string): Workspace {
    this.get(id);
    this.writeMeta(id, { name });
    const ws = this.deps.registry.updateWorkspace(id, { name });
    this.changed();
    return ws;
  }

  setAppearance(id: string, appearance: { color?: string; icon?: string | null }): Workspace {
    this.get(id);
    this.writeMeta(id, appearance);
    const ws = this.deps.registry.updateWorkspace(id, appearance);
    this.changed();
    return ws;
  }

  /** Archiving hides a workspace from the rail on this device; its data stays. */
  setArchived(id: string, archived: boolean): Workspace {
    this.get(id);
    const ws = this.deps.registry.updateWorkspace(id, { archived });
    if (archived && this.activeId() === id) this.deps.registry.setSetting(ACTIVE_KEY, this.firstOtherId(id));
    this.changed();
    return ws;
  }

  /**
   * Deletes a workspace for good: closes it (which stops its sync, so nothing
   * writes a new relay token meanwhile), then keychain entries (so a keychain
   * error leaves its data in place), then the registry row, then the folder.
   */
  async delete(id: string, confirmName: string): Promise<void> {
    const ws = this.get(id);
    if (confirmName !== ws.name) {
      throw new ConfirmationMismatchError(`Type the workspace name exactly ("${ws.name}") to delete it`);
    }
    this.closeHandle(id);
    const status = await this.deps.secrets.status();
    if (status.available) await this.deps.secrets.deleteNamespace(id);
    this.closeHandle(id);
    this.deps.registry.deleteWorkspace(id);
    this.clearDamaged(id);
    removeWorkspaceFiles(this.deps.dataDir, id);
    if (this.activeId() === null) this.deps.registry.setSetting(ACTIVE_KEY, this.firstOtherId(id));
    this.changed();
  }

  /** The open handle of workspace `id` (opening it if needed). */
  handle(id: string, create = false): WorkspaceHandle {
    const existing = this.open.get(id);
    if (existing) return existing;
    if (!create && !this.deps.registry.hasWorkspace(id)) throw new ValidationError(`No workspace with id ${id}`);
    if (!create && this.damage(id)) throw this.damagedError(id);
    let handle: WorkspaceHandle;
    try {
      handle = openWorkspaceHandle(this.deps.dataDir, id, {
        create,
        schema: this.deps.schema,
        ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
        ...(this.deps.compactEvery !== undefined ? { compactEvery: this.deps.compactEvery } : {}),
        onError: (err) => {
          // Background work that meets a damaged file closes the workspace once the current call is over.
          if (isCorruptionError(err)) queueMicrotask(() => this.markDamaged(id, err));
          this.deps.onError?.(err);
        },
      });
    } catch (err) {
      if (!create && isCorruptionError(err)) throw this.markDamaged(id, err);
      throw err;
    }
    this.open.set(id, handle);
    for (const observer of this.observers) observer.opened(handle);
    return handle;
  }

  /**
   * Marks workspace `id` damaged because of `cause` (a corruption error):
   * closes it, remembers it in app.db (so it stays closed until restored or
   * checked sound) and returns the error to throw. Its files are left as they are.
   */
  markDamaged(id: string, cause: unknown): WorkspaceDamagedError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    if (!this.damage(id)) {
      this.closeHandle(id);
      this.deps.registry.setSetting(DAMAGED_KEY, { ...this.damageMarks(), [id]: { reason, at: this.deps.now() } });
      const err = this.damagedError(id);
      this.deps.onDamaged?.(id, err.message);
    }
    return this.damagedError(id, cause);
  }

  /** Why workspace `id` is marked damaged, or null when it is not. */
  damage(id: string): DamageMark | null {
    return this.damageMarks()[id] ?? null;
  }

  /** Lifts the damaged mark of `id` (after a restore, or a check that found it sound). */
  clearDamaged(id: string): void {
    const marks = this.damageMarks();
    if (!(id in marks)) return;
    delete marks[id];
    this.deps.registry.setSetting(DAMAGED_KEY, marks);
  }

  /** Closes workspace `id` if it is open (before its files are replaced); it opens again on next use. */
  release(id: string): void {
    this.closeHandle(id);
  }

  private damageMarks(): Record<string, DamageMark> {
    const marks = this.deps.registry.getSetting(DAMAGED_KEY);
    return marks !== null && typeof marks === 'object' ? { ...(marks as Record<string, DamageMark>) } : {};
  }

  private damagedError(id: string, cause?: unknown): WorkspaceDamagedError {
    const mark = this.damage(id);
    const name = this.deps.registry.hasWorkspace(id) ? `“${this.deps.registry.getWorkspace(id).name}”` : id;
    const message =
      `Workspace ${name} is damaged and was closed: ${mark?.reason ?? 'its file cannot be read'}. ` +
      `Your other workspaces are not affected and the damaged file is kept. ` +
      `To restore its latest snapshot, run: qwanyx backup restore --workspace ${id}`;
    return new WorkspaceDamagedError(id, message, cause !== undefined ? { cause } : undefined);
  }

  /** Closes every open workspace. */
  close(): void {
    for (const id of [...this.open.keys()]) this.closeHandle(id);
  }

  private writeMeta(id: string, values: Record<string, unknown>): void {
    this.handle(id).docs.transact('meta', txOrigin('local'), (doc) => {
      const settings = doc.getMap('settings');
      for (const [key, value] of Object.entries(values)) if (value !== undefined) settings.set(key, value);
    });
  }

  private closeHandle(id: string): void {
    if (this.open.has(id)) for (const observer of this.observers) observer.closing(id);
    this.open.get(id)?.close();
    this.open.delete(id);
  }

  private firstOtherId(id: string): string | null {
    return this.list(false).find((w) => w.id !== id)?.id ?? null;
  }

  private changed(): void {
    this.deps.onListChanged(this.list(true));
  }
}
