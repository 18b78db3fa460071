/**
 * The audit trail of a workspace: every action a digital human takes or is
 * refused (tool calls, replies, hand-offs) is appended to the synced `audit`
 * doc (format in storage/audit/auditDocFormat.ts), so every teammate's
 * device holds the same trail; reads come from its projection. Any change of
 * the doc, local or from the relay, is announced as `audit.changed` (once per
 * burst, after its transaction commits).
 *
 * Each entry names the user whose device wrote it (`by`), takes the next
 * place in this device's hash chain and is signed with this device's key
 * (AuditDeviceKeys), published in `devices` with the device's first entry;
 * `verify` checks every device's chain (verifyAuditChain.ts).
 */
import type * as Y from 'yjs';
import type { AuditVerification } from '../../common/contract';
import { AuditQueries, type ListedAuditRecord } from '../../storage/audit/AuditQueries';
import { changedRootKeys } from '../../storage/changedRootKeys';
import { readAuditRecord, writeAuditDevice, writeAuditRecord, clampAuditRecord, type AuditRecord } from '../../storage/audit/auditDocFormat';
import { txOrigin } from '../../sync/TxOrigin';
import { AfterCommitBatch } from '../AfterCommitBatch';
import { scopeKey } from '../ScopeKey';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';
import { auditPayload, payloadHash, signPayload, verifyPayload, type UnsignedAuditRecord } from './auditChain';
import type { AuditDeviceKeys, AuditSigner } from './AuditDeviceKeys';
import { verifyAuditChain } from './verifyAuditChain';

export interface AuditDeps {
  workspaces: WorkspaceService;
  keys: AuditDeviceKeys;
  /** The user this device writes as in a workspace (its relay account when linked, else the local profile). */
  userOf: (workspaceId: string) => string;
  now: () => number;
  newId: () => string;
  /** Tells the shells that a workspace's trail changed. */
  changed?: (workspaceId: string) => void;
}

/** What a caller says about an action; the id, time, writer and chain are added. */
export type AuditInput = Omit<AuditRecord, 'id' | 'at' | 'by' | 'link'>;

/** Where each of this device's chains ends in a workspace: device id → last sequence and its payload hash. */
const HEADS = scopeKey<Map<string, { seq: number; hash: string }>>('audit.heads');
/** Signatures already checked in a workspace (payload hash + signature → valid), so the badge re-checks only new entries. */
const CHECKED = scopeKey<Map<string, boolean>>('audit.checked');
const MAX_CHECKED = 200_000;

export class AuditService {
  private readonly due = new AfterCommitBatch<string>((ids) => {
    for (const id of ids) this.deps.changed?.(id);
  });
  private readonly stopObserving: () => void;

  constructor(private readonly deps: AuditDeps) {
    this.stopObserving = deps.workspaces.observeHandles({ opened: (handle) => this.watch(handle), closing: (id) => deps.keys.forget(id) });
  }

  close(): void {
    this.due.close();
    this.stopObserving();
  }

  private watch(handle: WorkspaceHandle): void {
    void this.deps.keys.load(handle.id);
    handle.docs.onChange((change) => {
      if (change.docName !== 'audit') return;
      // This device's entries written elsewhere (another process on the same data dir, a copy restored then synced) move its heads.
      const heads = handle.scoped(HEADS, () => new Map());
      if (heads.size > 0) {
        const entries = change.transaction.doc.getMap('entries');
        for (const key of changedRootKeys(change.transaction.doc, change.transaction).get('entries') ?? []) followHead(heads, readAuditRecord(key, entries.get(key)));
      }
      this.changedSoon(handle.id);
    });
  }

  private changedSoon(workspaceId: string): void {
    if (this.deps.changed) this.due.add(workspaceId);
  }

  /**
   * Appends a signed entry; durable when this returns. `alongside` runs
   * first inside the entry's SQLite transaction: what it writes to the
   * workspace's database commits with the entry, or neither does (a throw
   * rolls both back and nothing is appended).
   */
  record(workspaceId: string, input: AuditInput, alongside?: () => void): AuditRecord {
    const handle = this.deps.workspaces.handle(workspaceId);
    const by = this.deps.userOf(workspaceId);
    const signer = this.deps.keys.signer(workspaceId, by);
    const heads = handle.scoped(HEADS, () => new Map());
    // Another process on this data dir may have written this device's next entry.
    handle.docs.catchUp('audit');
    const before = heads.get(signer.device);
    try {
      return this.append(handle, input, by, signer, heads, alongside);
    } catch (err) {
      // A write the disk refused must not move the chain past what is stored (the doc reloads from disk).
      if (before) heads.set(signer.device, before);
      else heads.delete(signer.device);
      throw err;
    }
  }

  private append(handle: WorkspaceHandle, input: AuditInput, by: string, signer: AuditSigner, heads: Map<string, { seq: number; hash: string }>, alongside: (() => void) | undefined): AuditRecord {
    return handle.docs.transact('audit', txOrigin(input.actorKind === 'dh' ? 'agent' : 'system', input.actorId), (doc) => {
      alongside?.();
      const head = heads.get(signer.device) ?? headOf(doc.getMap('entries'), signer.device);
      const unsigned: UnsignedAuditRecord = {
        ...clampAuditRecord({ ...input, id: this.deps.newId(), at: this.deps.now(), by }),
        link: { device: signer.device, seq: head.seq + 1, prev: head.hash },
      };
      const payload = auditPayload(unsigned);
      const record: AuditRecord = { ...unsigned, link: { ...unsigned.link, sig: signPayload(signer.pair.privateKey, payload) } };
      const devices = doc.getMap('devices');
      if (!devices.has(signer.device)) devices.set(signer.device, writeAuditDevice({ id: signer.device, user: by, publicKey: signer.pair.publicKey, at: record.at }));
      doc.getMap('entries').set(record.id, writeAuditRecord(record));
      heads.set(signer.device, { seq: unsigned.link.seq, hash: payloadHash(payload) });
      return record;
    });
  }

  list(workspaceId: string, options: { limit?: number | undefined; beforeAt?: number | undefined; actorId?: string | undefined }): ListedAuditRecord[] {
    this.deps.workspaces.get(workspaceId);
    const handle = this.deps.workspaces.handle(workspaceId);
    handle.projections.ensureDocFresh('audit');
    return new AuditQueries(handle.storage.db).list(options.limit ?? 100, options.beforeAt ?? null, options.actorId ?? null);
  }

  /** Checks every device's chain of the workspace's trail, from the doc (not its projection). */
  verify(workspaceId: string): AuditVerification {
    this.deps.workspaces.get(workspaceId);
    const handle = this.deps.workspaces.handle(workspaceId);
    const checked = handle.scoped(CHECKED, () => new Map<string, boolean>());
    handle.docs.catchUp('audit');
    return verifyAuditChain(handle.docs.doc('audit'), (publicKey, payload, signature) => {
      const key = `${publicKey}:${payloadHash(payload)}:${signature}`;
      const known = checked.get(key);
      if (known !== undefined) return known;
      const valid = verifyPayload(publicKey, payload, signature);
      if (checked.size >= MAX_CHECKED) checked.clear();
      checked.set(key, valid);
      return valid;
    });
  }

  /** Resolves once this device's key of `workspaceId` is read from the keychain (opening the workspace starts it). */
  keyLoaded(workspaceId: string): Promise<void> {
    this.deps.workspaces.handle(workspaceId);
    return this.deps.keys.load(workspaceId);
  }

  /** Waits for new signing keys to be in the keychain. */
  flush(): Promise<void> {
    return this.deps.keys.flush();
  }
}

/** Moves the head of `record`'s device when `record` is past it (only devices this service writes with are followed). */
function followHead(heads: Map<string, { seq: number; hash: string }>, record: AuditRecord | null): void {
  if (!record?.link || record.by === null) return;
  const head = heads.get(record.link.device);
  if (!head || record.link.seq <= head.seq) return;
  heads.set(record.link.device, { seq: record.link.seq, hash: payloadHash(auditPayload({ ...record, by: record.by, link: record.link })) });
}

/** The end of `device`'s chain in `entries` (a scan, once per device and open workspace). */
function headOf(entries: Y.Map<unknown>, device: string): { seq: number; hash: string } {
  let last: AuditRecord | null = null;
  entries.forEach((value, key) => {
    const record = readAuditRecord(key, value);
    if (record?.link?.device === device && record.by !== null && (!last || record.link.seq > last.link!.seq)) last = record;
  });
  if (!last) return { seq: 0, hash: '' };
  const found = last as AuditRecord;
  return { seq: found.link!.seq, hash: payloadHash(auditPayload({ ...found, by: found.by!, link: found.link! })) };
}
