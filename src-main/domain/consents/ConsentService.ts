/**
 * Consents (docs/consents.md): each member records, per workspace, whether
 * digital humans may read and remember what they write. The choice is the
 * member's own entry of the `consents` map of the synced `governance` doc
 * (consentDocFormat.ts); the relay lets nobody else write it. A member who
 * declined has their messages kept out of every model request and every
 * memory (the agent runtime asks `declined` before each turn), and saying
 * "no" forgets what digital humans learnt from their messages: memories
 * whose sources are their messages, on this device at once and, as the
 * memories sync, everywhere. A device that sees a member newly declined
 * (the choice was made on another device) forgets the same way before its
 * next turn, so a memory learnt meanwhile elsewhere goes too.
 */
import type { ConsentView } from '../../common/contract';
import type { Logger } from '../../common/Logger';
import { CONSENTS_MAP, readConsentRecord, readConsents, writeConsentRecord, type ConsentRecord } from '../../storage/consents/consentDocFormat';
import { learntAmong, memoriesLearntFrom } from '../../storage/consents/learntFromQueries';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { GOVERNANCE_DOC_NAME } from '../../storage/governance/quotaDocFormat';
import { MEMORIES_MAP } from '../../storage/memory/memoryDocFormat';
import { txOrigin } from '../../sync/TxOrigin';
import type { AuditInput } from '../audit/AuditService';
import type { MemoryService } from '../memory/MemoryService';
import type { WorkspaceService } from '../WorkspaceService';

export interface ConsentDeps {
  workspaces: WorkspaceService;
  memory: MemoryService;
  /** The local person's current id. */
  userId: () => string;
  /** Every id of the local person in a workspace (current first). */
  myIds: (workspaceId: string) => readonly string[];
  /** Earlier ids of members of a workspace → the member they are now. */
  aliases: (workspaceId: string) => ReadonlyMap<string, string>;
  /** The digital humans of a workspace (whose memories are checked). */
  dhIds: (workspaceId: string) => readonly string[];
  audit: (workspaceId: string, input: AuditInput) => void;
  log: Logger;
  now: () => number;
}

export class ConsentService {
  /** Per workspace, the members already known to have declined (whose memories were swept on this device). */
  private readonly swept = new Map<string, Set<string>>();

  constructor(private readonly deps: ConsentDeps) {}

  /** The local member's choice in `workspaceId` (no entry: digital humans may read). */
  get(workspaceId: string): ConsentView {
    const memberId = this.deps.userId();
    // The newest choice made under any of the local person's ids (one made before their profile was linked counts too).
    const map = this.map(workspaceId);
    let record: ConsentRecord | null = null;
    for (const id of this.deps.myIds(workspaceId)) {
      const r = readConsentRecord(id, map.get(id));
      if (r && (!record || r.at > record.at)) record = r;
    }
    return { memberId, dhRead: record?.dhRead ?? true, at: record?.at ?? null, forgotten: 0 };
  }

  /** Records the local member's choice; "no" forgets what digital humans learnt from their messages. */
  set(workspaceId: string, dhRead: boolean): ConsentView {
    const memberId = this.deps.userId();
    const handle = this.deps.workspaces.handle(workspaceId);
    handle.docs.transact(GOVERNANCE_DOC_NAME, txOrigin('local', memberId), (doc) => {
      doc.getMap(CONSENTS_MAP).set(memberId, writeConsentRecord({ dhRead, at: this.deps.now() }));
    });
    const forgotten = dhRead ? 0 : this.forget(workspaceId, this.deps.myIds(workspaceId));
    if (!dhRead) this.sweptIn(workspaceId).add(memberId);
    this.deps.audit(workspaceId, {
      actorKind: 'member',
      actorId: memberId,
      onBehalfOf: null,
      action: 'consent.set',
      resource: `consents/${memberId}`,
      outcome: 'allowed',
      detail: dhRead ? 'digital humans may read and remember' : `digital humans may not read nor remember; ${forgotten} memor${forgotten === 1 ? 'y' : 'ies'} forgotten`,
    });
    return { ...this.get(workspaceId), forgotten };
  }

  /**
   * The member ids (earlier ids included) whose messages digital humans may
   * not read nor remember. A member seen declined for the first time on this
   * device has what was learnt from them forgotten first.
   */
  declined(workspaceId: string): Set<string> {
    const records = readConsents(this.map(workspaceId));
    if (records.size === 0) return new Set();
    // A person's earlier and current ids go together: their newest choice, under whichever id, is theirs.
    const aliases = this.deps.aliases(workspaceId);
    const newest = new Map<string, ConsentRecord>();
    for (const [id, record] of records) {
      const person = aliases.get(id) ?? id;
      const known = newest.get(person);
      if (!known || record.at > known.at) newest.set(person, record);
    }
    const persons = new Set([...newest].filter(([, r]) => !r.dhRead).map(([person]) => person));
    const declined = new Set(persons);
    for (const [alias, person] of aliases) if (persons.has(person)) declined.add(alias);
    const swept = this.sweptIn(workspaceId);
    // Someone who said yes again is swept again the next time they say no.
    for (const id of swept) if (!persons.has(id)) swept.delete(id);
    const fresh = [...persons].filter((id) => !swept.has(id));
    if (fresh.length > 0) {
      try {
        this.forget(workspaceId, [...declined]);
        for (const id of fresh) swept.add(id);
      } catch (err) {
        // Recall still keeps those memories out of every request (learntAmong); the sweep is tried again next turn.
        this.deps.log('warn', `forgetting what was learnt from members who declined failed in ${workspaceId}`, err);
      }
    }
    return declined;
  }

  /** Of the memories `memoryIds` of `dhId`, those learnt from messages of `members`. */
  learntAmong(workspaceId: string, dhId: string, memoryIds: readonly string[], members: ReadonlySet<string>): Set<string> {
    return learntAmong(this.deps.workspaces.handle(workspaceId).storage.db, dhId, memoryIds, [...members]);
  }

  /** Forgets every memory learnt from messages of `memberIds`; returns how many. */
  private forget(workspaceId: string, memberIds: readonly string[]): number {
    const handle = this.deps.workspaces.handle(workspaceId);
    // The projections read below must hold every message and memory this device has.
    for (const room of handle.storage.db.prepare('SELECT id FROM rooms').pluck().all() as string[]) handle.projections.ensureDocFresh(`room/${room}`);
    for (const dhId of this.deps.dhIds(workspaceId)) this.deps.memory.stores.forDh(workspaceId, dhId);
    const byDh = new Map<string, string[]>();
    for (const m of memoriesLearntFrom(handle.storage.db, memberIds)) {
      const list = byDh.get(m.dhId);
      if (list) list.push(m.id);
      else byDh.set(m.dhId, [m.id]);
    }
    let count = 0;
    for (const [dhId, ids] of byDh) {
      // One transaction per digital human (any number of memories), then its doc compacted, so the forgotten texts leave this device's history.
      handle.docs.transact(dhDocName(dhId), txOrigin('local', this.deps.userId()), (doc) => {
        const memories = doc.getMap(MEMORIES_MAP);
        for (const id of ids) {
          if (!memories.has(id)) continue;
          memories.delete(id);
          count += 1;
        }
      });
      handle.docs.compact(dhDocName(dhId));
    }
    return count;
  }

  private map(workspaceId: string) {
    return this.deps.workspaces.handle(workspaceId).docs.doc(GOVERNANCE_DOC_NAME).getMap(CONSENTS_MAP);
  }

  private sweptIn(workspaceId: string): Set<string> {
    let set = this.swept.get(workspaceId);
    if (!set) this.swept.set(workspaceId, (set = new Set()));
    return set;
  }
}
