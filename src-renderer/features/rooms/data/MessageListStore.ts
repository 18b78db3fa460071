/**
 * The messages of one room's timeline (or of one thread) that the renderer
 * has loaded: a contiguous run, oldest first, grown page by page with the
 * core's `message.list` cursors, replaced by `message.around` when jumping
 * to a message, and kept current by `messages.changed`.
 *
 * Stores outlive the views (see `messageListStore`), so going back to a room
 * shows what was there at once. Every update makes a new snapshot object, so
 * React reads it with `useSyncExternalStore`.
 */
import type { Message, MessagePage } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';

export interface MessageListSnapshot {
  messages: readonly Message[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  loadingOlder: boolean;
  loadingNewer: boolean;
  error: unknown;
  /** Grows each time the run is replaced rather than extended (a jump): views re-anchor. */
  epoch: number;
}

export interface MessageListKey {
  workspaceId: string;
  roomId: string;
  /** Null for the room's timeline, else the thread's root message. */
  threadRootId: string | null;
}

/** Page size: the core's maximum, so a long scroll makes few round trips. */
const PAGE = 200;
/** Messages refetched one by one after a change; more than this reloads the page instead. */
const MAX_SINGLE_REFRESH = 30;

const INITIAL: MessageListSnapshot = {
  messages: [],
  hasMoreBefore: false,
  hasMoreAfter: false,
  phase: 'idle',
  loadingOlder: false,
  loadingNewer: false,
  error: null,
  epoch: 0,
};

function byTime(a: Message, b: Message): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class MessageListStore {
  private snapshot: MessageListSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly ids = new Set<string>();
  /** Loads that would be stale after a jump check this. */
  private generation = 0;

  constructor(readonly key: MessageListKey) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): MessageListSnapshot => this.snapshot;

  private set(patch: Partial<MessageListSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  private list(cursor: { before?: string; after?: string }, limit = PAGE): Promise<MessagePage> {
    const { workspaceId, roomId, threadRootId } = this.key;
    return api.invoke('message.list', { workspaceId, roomId, limit, ...cursor, ...(threadRootId ? { threadRootId } : {}) });
  }

  private replace(page: MessagePage): void {
    this.ids.clear();
    for (const m of page.messages) this.ids.add(m.id);
    this.set({
      messages: page.messages,
      hasMoreBefore: page.hasMoreBefore,
      hasMoreAfter: page.hasMoreAfter,
      phase: 'ready',
      error: null,
      epoch: this.snapshot.epoch + 1,
    });
  }

  /** Loads the latest page the first time (or after a failure). */
  ensureLoaded(): void {
    const { phase } = this.snapshot;
    if (phase === 'ready' || phase === 'loading') return;
    void this.loadLatest();
  }

  /** Replaces the run by the latest page. */
  async loadLatest(): Promise<void> {
    const generation = ++this.generation;
    this.set({ phase: this.snapshot.phase === 'ready' ? 'ready' : 'loading' });
    try {
      const page = await this.list({});
      if (generation === this.generation) this.replace(page);
    } catch (error) {
      if (generation === this.generation) this.set({ phase: 'failed', error });
      throw error;
    }
  }

  /** Prepends the page before the oldest loaded message. */
  async loadOlder(): Promise<void> {
    const { messages, hasMoreBefore, loadingOlder } = this.snapshot;
    const first = messages[0];
    if (!first || !hasMoreBefore || loadingOlder) return;
    const generation = this.generation;
    this.set({ loadingOlder: true });
    try {
      const page = await this.list({ before: first.id });
      if (generation !== this.generation) return;
      const older = page.messages.filter((m) => !this.ids.has(m.id));
      for (const m of older) this.ids.add(m.id);
      this.set({ messages: [...older, ...this.snapshot.messages], hasMoreBefore: page.hasMoreBefore });
    } finally {
      if (generation === this.generation) this.set({ loadingOlder: false });
    }
  }

  /** Appends the page after the newest loaded message (after a jump into the past). */
  async loadNewer(): Promise<void> {
    const { messages, hasMoreAfter, loadingNewer } = this.snapshot;
    const last = messages.at(-1);
    if (!last || !hasMoreAfter || loadingNewer) return;
    const generation = this.generation;
    this.set({ loadingNewer: true });
    try {
      const page = await this.list({ after: last.id });
      if (generation === this.generation) this.append(page);
    } finally {
      if (generation === this.generation) this.set({ loadingNewer: false });
    }
  }

  private append(page: MessagePage): void {
    const newer = page.messages.filter((m) => !this.ids.has(m.id));
    for (const m of newer) this.ids.add(m.id);
    this.set({ messages: [...this.snapshot.messages, ...newer], hasMoreAfter: page.hasMoreAfter });
  }

  /** Makes sure `messageId` is loaded, loading the page around it if it is not. */
  async jumpTo(messageId: string): Promise<void> {
    if (this.ids.has(messageId)) return;
    const generation = ++this.generation;
    const { workspaceId, roomId } = this.key;
    const page = await api.invoke('message.around', { workspaceId, roomId, messageId, limit: PAGE });
    if (generation === this.generation) this.replace(page);
  }

  /** True when `messageId` is in the loaded run. */
  has(messageId: string): boolean {
    return this.ids.has(messageId);
  }

  /** Puts a message the core just returned (posted, edited, reacted…) in place. */
  upsert(message: Message): void {
    if (message.threadRootId !== this.key.threadRootId) return;
    const { messages, hasMoreAfter } = this.snapshot;
    if (this.ids.has(message.id)) {
      this.set({ messages: messages.map((m) => (m.id === message.id ? message : m)) });
    } else if (!hasMoreAfter) {
      this.ids.add(message.id);
      this.set({ messages: [...messages, message].sort(byTime) });
    }
  }

  /** Brings the changed messages up to date, and fetches new ones when the run reaches the present. */
  async refresh(messageIds: readonly string[]): Promise<void> {
    if (this.snapshot.phase !== 'ready') return;
    const known = messageIds.filter((id) => this.ids.has(id));
    const unknown = messageIds.length - known.length;
    if (known.length > MAX_SINGLE_REFRESH) {
      if (!this.snapshot.hasMoreAfter) await this.loadLatest();
      return;
    }
    const { workspaceId, roomId } = this.key;
    const fresh = await Promise.all(
      known.map((messageId) =>
        api.invoke('message.around', { workspaceId, roomId, messageId, limit: 3 }).then((page) => page.messages.find((m) => m.id === messageId)),
      ),
    );
    for (const message of fresh) if (message) this.upsert(message);
    if (unknown > 0 && !this.snapshot.hasMoreAfter) {
      const last = this.snapshot.messages.at(-1);
      const page = await this.list(last ? { after: last.id } : {});
      this.append(page);
    }
  }
}

const stores = new Map<string, MessageListStore>();
/** Stores kept for quick return; the least recently used beyond this are dropped. */
const MAX_STORES = 40;

/** The shared store of a timeline or thread (created on first use). */
export function messageListStore(key: MessageListKey): MessageListStore {
  const id = `${key.workspaceId}/${key.roomId}/${key.threadRootId ?? ''}`;
  let store = stores.get(id);
  if (store) {
    stores.delete(id);
  } else {
    store = new MessageListStore(key);
  }
  stores.set(id, store);
  if (stores.size > MAX_STORES) {
    const oldest = stores.keys().next().value;
    if (oldest !== undefined) stores.delete(oldest);
  }
  return store;
}

/** Drops every store of a workspace whose file was replaced (a restored snapshot, a rebuild): what they hold may be gone. */
export function dropStoresOf(workspaceId: string): void {
  for (const [id, store] of stores) if (store.key.workspaceId === workspaceId) stores.delete(id);
}

/** Every loaded store, whatever its workspace. */
export function loadedStores(): MessageListStore[] {
  return [...stores.values()].filter((s) => s.getSnapshot().phase === 'ready');
}

/** The stores of a room that are loaded (its timeline and open threads). */
export function loadedStoresOf(workspaceId: string, roomId: string): MessageListStore[] {
  return [...stores.values()].filter((s) => s.key.workspaceId === workspaceId && s.key.roomId === roomId);
}
