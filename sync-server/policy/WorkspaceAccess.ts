/**
 * The relay's per-workspace view for its access rules: the `meta` and
 * `governance` docs it holds (loaded before any room doc of the workspace
 * answers, and kept loaded while one is), the member ids of each account
 * (MemberIds.ts, read before any doc of the workspace answers), who may read a room doc (workspaceRules.ts), and the
 * sweep that makes a change of membership take effect on open sockets:
 * after an update to `meta` or `governance`, every open connection to a
 * doc of that workspace is checked again and closed if its user may no
 * longer read it (4424 for a private room; 4403 for a guest whose access
 * ended, which is also checked when a socket opens and on each of its
 * frames). The sweep runs once per burst of updates (setImmediate), never
 * per update. A guest's end date also takes effect on its own: one timer per
 * workspace for the nearest expiry (GuestExpiryTimers.ts), re-armed on every
 * governance change, runs the same sweep when it is reached.
 */
import type * as Y from 'yjs';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import type { Logger } from '../../src-main/common/Logger';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import type { DocKey } from '../persistence/DocPersistence';
import { HeldFrames } from '../ws/HeldFrames';
import type { RelayConnection } from '../ws/RelayConnection';
import type { RelayDoc } from '../ws/RelayDoc';
import type { PolicyWriter } from './checkRoomUpdate';
import { DOC_POLICIES } from './docPolicies';
import { GuestExpiryTimers } from './GuestExpiryTimers';
import type { MemberIds } from './MemberIds';
import { actorCan, guestAccessEnded, mayReadRoom, type WorkspaceFacts } from './workspaceRules';

/** What the access view needs of the doc manager. */
export interface AccessDocs {
  acquire(key: DocKey, policy: (typeof DOC_POLICIES)[keyof typeof DOC_POLICIES]): RelayDoc;
  peek(key: DocKey): RelayDoc | null;
  release(doc: RelayDoc): void;
  all(): Iterable<RelayDoc>;
}

const VIEW_DOCS = ['meta', 'governance'] as const;

export class WorkspaceAccess {
  private docs: AccessDocs | null = null;
  private readonly facts = new Map<string, WorkspaceFacts>();
  private readonly sweeps = new Set<string>();
  private readonly writers = new WeakMap<RelayConnection, PolicyWriter>();
  /** Workspaces whose governance changed since their last sweep: their expiry timer is re-armed after it. */
  private readonly governanceChanged = new Set<string>();
  /** One timer per workspace for its nearest guest expiry. */
  readonly expiries = new GuestExpiryTimers((workspaceId) => this.expiryDue(workspaceId));
  /** Frames of connections whose update waits for a member id lookup (at most `maxHeldBytes` each). */
  readonly held: HeldFrames;

  constructor(
    private readonly memberIds: MemberIds,
    private readonly metrics: RelayMetrics,
    private readonly logger: Logger,
    maxHeldBytes: number,
  ) {
    this.held = new HeldFrames(maxHeldBytes, { metrics, logger });
  }

  /** Gives the view its doc manager (built after it). */
  attach(docs: AccessDocs): void {
    this.docs = docs;
  }

  /** What the rules read about `workspaceId`. */
  factsOf(workspaceId: string): WorkspaceFacts {
    let facts = this.facts.get(workspaceId);
    if (!facts) {
      // Keys made once: the rules read these docs on every checked update.
      const metaKey = { workspaceId, docName: 'meta' };
      const governanceKey = { workspaceId, docName: 'governance' };
      const held = (key: DocKey): Y.Doc | null => {
        const doc = this.docs?.peek(key);
        return doc?.loaded ? doc.ydoc : null;
      };
      facts = { memberIds: this.memberIds, meta: () => held(metaKey), governance: () => held(governanceKey) };
      this.facts.set(workspaceId, facts);
    }
    return facts;
  }

  /** The member ids of account `userId` in `workspaceId` (the account id first), its bindings read first if this node has not yet. */
  async memberIdsOf(workspaceId: string, userId: string): Promise<string[]> {
    await this.memberIds.load(workspaceId);
    return this.memberIds.idsOf(workspaceId, userId);
  }

  /** The writer of an update on `conn`, for the write policies (one object per connection, not one per update). */
  writer(conn: RelayConnection): PolicyWriter {
    let writer = this.writers.get(conn);
    if (!writer) {
      // Facts hold no state of their own (they look the docs up on each call), so a kept one stays right.
      writer = { userId: conn.userId, role: conn.role, workspaceId: conn.workspaceId, docName: conn.docName, facts: this.factsOf(conn.workspaceId) };
      this.writers.set(conn, writer);
    }
    return writer;
  }

  /** Resolves once the workspace's member ids are read and its `meta` and `governance` are loaded (not awaited by those two docs themselves). */
  async ready(key: DocKey): Promise<void> {
    await this.memberIds.load(key.workspaceId);
    if (isViewDoc(key.docName) || !this.docs) return;
    for (const docName of VIEW_DOCS) {
      const docKey = { workspaceId: key.workspaceId, docName };
      let doc = this.docs.acquire(docKey, DOC_POLICIES[docName]);
      this.docs.release(doc);
      await doc.whenSettled;
      // A doc that failed to load is dropped by the manager; one more try, then the room doc fails too (clients retry).
      if (!doc.loaded) {
        doc = this.docs.acquire(docKey, DOC_POLICIES[docName]);
        this.docs.release(doc);
        await doc.whenSettled;
        if (!doc.loaded) throw new Error(`the ${docName} doc of ${key.workspaceId} did not load`);
      }
    }
  }

  /** Whether the manager should keep `doc` in memory although no one is connected: a view doc while its workspace has other docs loaded. */
  keepLoaded(doc: RelayDoc): boolean {
    if (!isViewDoc(doc.key.docName) || !this.docs) return false;
    for (const other of this.docs.all()) if (other.key.workspaceId === doc.key.workspaceId && !isViewDoc(other.key.docName)) return true;
    this.facts.delete(doc.key.workspaceId);
    if (doc.key.docName === 'governance') this.expiries.clear(doc.key.workspaceId);
    return false;
  }

  /**
   * Whether `conn` may be served `doc`: not a guest whose access ended, a
   * member of a private room, and for a digital human's own doc (its
   * memories, tasks, knowledge) someone allowed to use it (`dh.use`, which
   * guests do not hold and a custom role may limit to some digital humans).
   */
  mayRead(doc: RelayDoc, conn: RelayConnection): boolean {
    const { docName, workspaceId } = doc.key;
    const facts = this.factsOf(workspaceId);
    // The first guest served in a workspace whose governance doc is loaded arms its expiry timer; governance changes re-arm it.
    if (conn.role === 'guest' && !this.expiries.has(workspaceId)) {
      const governance = facts.governance();
      if (governance) this.expiries.arm(workspaceId, governance);
    }
    if (guestAccessEnded(facts, conn)) return false;
    if (docName.startsWith('dh/')) return actorCan(facts, conn, 'dh.use', docName.slice(3));
    if (!docName.startsWith('room/')) return true;
    return mayReadRoom(facts, conn, docName.slice(5));
  }

  /** Closes `conn` because it may not read its doc: 4403 for a guest whose access ended (do not retry), else 4424. */
  refuseRead(conn: RelayConnection): void {
    this.metrics.policyRefusal('not_readable');
    this.logger('info', 'ws.not_readable', { workspaceId: conn.workspaceId, docName: conn.docName, userId: conn.userId });
    if (guestAccessEnded(this.factsOf(conn.workspaceId), conn)) conn.close(RelayCloseCode.Forbidden, 'guest access ended; ask an owner or admin to extend it');
    else conn.close(RelayCloseCode.NotReadable, conn.docName.startsWith('dh/') ? 'not allowed to use this digital human' : 'not a member of this private room');
  }

  /** Whether `conn` is a guest whose access has ended (checked on each of its frames: the timer may run a little late). */
  guestEnded(conn: RelayConnection): boolean {
    return conn.role === 'guest' && guestAccessEnded(this.factsOf(conn.workspaceId), conn);
  }

  /** An update was applied to `doc`: when it is `meta` or `governance`, re-check the readers of the workspace's rooms. */
  changed(doc: RelayDoc): void {
    if (!isViewDoc(doc.key.docName)) return;
    const workspaceId = doc.key.workspaceId;
    if (doc.key.docName === 'governance') this.governanceChanged.add(workspaceId);
    if (this.sweeps.has(workspaceId)) return;
    this.sweeps.add(workspaceId);
    setImmediate(() => {
      this.sweeps.delete(workspaceId);
      this.sweep(workspaceId);
      if (this.governanceChanged.delete(workspaceId)) this.expiries.arm(workspaceId, this.factsOf(workspaceId).governance());
    });
  }

  /** A guest expiry of `workspaceId` is reached: close whoever it ended, then arm for the next one. */
  private expiryDue(workspaceId: string): void {
    this.sweep(workspaceId);
    this.expiries.arm(workspaceId, this.factsOf(workspaceId).governance());
  }

  private sweep(workspaceId: string): void {
    if (!this.docs) return;
    for (const doc of this.docs.all()) {
      if (doc.key.workspaceId !== workspaceId || !doc.loaded) continue;
      for (const conn of doc.conns) if (!conn.closed && !this.mayRead(doc, conn)) this.refuseRead(conn);
    }
  }
}

function isViewDoc(docName: string): boolean {
  return docName === 'meta' || docName === 'governance';
}
