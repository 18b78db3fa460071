/**
 * Presence and typing of each synced workspace, through Yjs awareness.
 *
 * One awareness per workspace, carried over its `meta` socket by the sync
 * (AwarenessBridge). This device announces its user, whether they are
 * active or away (the UI says when: after a while without input), and where
 * they are typing. Typing ends when the UI says so, or on its own a few
 * seconds after the last keystroke report, so a closed window never leaves
 * "is typing…" behind. Others' states come from the relay and vanish when
 * their socket closes (the relay says so) or when ours does.
 *
 * Nothing here is stored: presence is a fact about now.
 */
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { PresencePerson, PresenceStatus, Profile, TypingPlace, WorkspacePresence } from '../../common/contract';
import { readPresenceState, writePresenceState } from './readPresenceState';

export interface PresenceDeps {
  /** The local profile (its userId names us). */
  me: () => Profile;
  /** Checks that the workspace exists (throws NotFoundError otherwise). */
  requireWorkspace: (workspaceId: string) => void;
  /** Pushes a workspace's presence to the shells. */
  emit: (presence: WorkspacePresence) => void;
  /** Typing ends this long after the last report (default 6 s). */
  typingTimeoutMs?: number;
}

interface WorkspaceAwareness {
  awareness: Awareness;
  typing: TypingPlace | null;
  typingTimer: NodeJS.Timeout | null;
}

const DEFAULT_TYPING_TIMEOUT_MS = 6_000;

export class PresenceService {
  private readonly workspaces = new Map<string, WorkspaceAwareness>();
  private status: PresenceStatus = 'active';
  private readonly typingTimeoutMs: number;

  constructor(private readonly deps: PresenceDeps) {
    this.typingTimeoutMs = deps.typingTimeoutMs ?? DEFAULT_TYPING_TIMEOUT_MS;
  }

  /** The awareness of `workspaceId`, created with our state on first use (the sync carries it). */
  awarenessFor(workspaceId: string): Awareness {
    return this.entry(workspaceId).awareness;
  }

  /** Who is online in `workspaceId`, the local user included once their device is connected. */
  list(workspaceId: string): WorkspacePresence {
    this.deps.requireWorkspace(workspaceId);
    const entry = this.workspaces.get(workspaceId);
    return { workspaceId, people: entry ? this.people(entry.awareness) : [] };
  }

  /** Active or away, for every workspace. */
  setStatus(status: PresenceStatus): PresenceStatus {
    if (status !== this.status) {
      this.status = status;
      for (const entry of this.workspaces.values()) this.announce(entry);
    }
    return status;
  }

  /** Starts, refreshes or ends "typing" in a room (or a thread of it). */
  setTyping(workspaceId: string, roomId: string, threadRootId: string | null, typing: boolean): boolean {
    this.deps.requireWorkspace(workspaceId);
    const entry = this.entry(workspaceId);
    // Ending typing somewhere we are not typing (a late report from a room left behind) changes nothing.
    if (!typing && (entry.typing?.roomId !== roomId || entry.typing.threadRootId !== threadRootId)) return false;
    if (entry.typingTimer) clearTimeout(entry.typingTimer);
    entry.typingTimer = null;
    const next = typing ? { roomId, threadRootId } : null;
    if (typing) {
      entry.typingTimer = setTimeout(() => this.setTyping(workspaceId, roomId, threadRootId, false), this.typingTimeoutMs);
      entry.typingTimer.unref();
    }
    const same = next?.roomId === entry.typing?.roomId && next?.threadRootId === entry.typing?.threadRootId;
    entry.typing = next;
    if (!same) this.announce(entry);
    return typing;
  }

  /** The profile changed: announce the new identity. */
  profileChanged(): void {
    for (const entry of this.workspaces.values()) this.announce(entry);
  }

  /** Forgets a workspace (deleted): its awareness goes. */
  forget(workspaceId: string): void {
    const entry = this.workspaces.get(workspaceId);
    if (!entry) return;
    this.workspaces.delete(workspaceId);
    this.dispose(entry);
  }

  close(): void {
    for (const entry of this.workspaces.values()) this.dispose(entry);
    this.workspaces.clear();
  }

  private entry(workspaceId: string): WorkspaceAwareness {
    let entry = this.workspaces.get(workspaceId);
    if (entry) return entry;
    // Awareness only needs a doc for its client id: a fresh one keeps it apart from the stored docs' lifecycle.
    const awareness = new Awareness(new Y.Doc());
    entry = { awareness, typing: null, typingTimer: null };
    this.workspaces.set(workspaceId, entry);
    this.announce(entry);
    awareness.on('change', () => this.deps.emit({ workspaceId, people: this.people(awareness) }));
    return entry;
  }

  private announce(entry: WorkspaceAwareness): void {
    entry.awareness.setLocalState(writePresenceState({ userId: this.deps.me().userId, status: this.status, typing: entry.typing }));
  }

  /** Everyone's devices folded into one entry per person. */
  private people(awareness: Awareness): PresencePerson[] {
    const byUser = new Map<string, PresencePerson>();
    for (const value of awareness.getStates().values()) {
      const state = readPresenceState(value);
      if (!state) continue;
      let person = byUser.get(state.userId);
      if (!person) byUser.set(state.userId, (person = { userId: state.userId, status: 'away', typing: [] }));
      if (state.status === 'active') person.status = 'online';
      if (state.typing) person.typing.push(state.typing);
    }
    return [...byUser.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  }

  private dispose(entry: WorkspaceAwareness): void {
    if (entry.typingTimer) clearTimeout(entry.typingTimer);
    entry.awareness.destroy();
  }
}
