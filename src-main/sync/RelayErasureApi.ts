/**
 * The relay's erasure routes (docs/erasure.md), as the core calls them: an
 * owner asks the relay to erase a member, what is past the retention or the
 * whole workspace, or sets the retention. Answers are parsed (a relay is a remote party); the
 * relay's erasure record is read with the same reader as the synced one.
 * Errors are RelayApi's.
 */
import { z } from 'zod';
import { readErasureRecord, type ErasureRecord, type RetentionRecord } from '../common/erasure/erasureRecords';
import { RelayProtocolError } from '../common/AppError';
import { RelayApi } from './RelayApi';

/** An erasure of a large workspace rewrites its whole history: it may take much longer than a plain request. */
const ERASE_TIMEOUT_MS = 10 * 60_000;

const retentionAnswer = z.object({ retention: z.object({ days: z.number().int(), by: z.string(), at: z.number() }).nullable() });

const count = z.number().int().min(0);
const removalAnswer = z.object({ removed: z.object({ docs: count, blobs: count, members: count, invitations: count }) });

/** What the relay deleted when its workspace was erased from it. */
export type RelayWorkspaceRemoval = z.output<typeof removalAnswer>['removed'];

export class RelayErasureApi {
  private readonly slow: RelayApi;

  constructor(
    private readonly api: RelayApi,
    private readonly deviceToken: string,
  ) {
    this.slow = new RelayApi(api.relayUrl, { timeoutMs: ERASE_TIMEOUT_MS });
  }

  /** Erases member `memberId` (all their ids at the relay) from workspace `workspaceId`. */
  eraseMember(workspaceId: string, memberId: string): Promise<ErasureRecord> {
    return this.erase(workspaceId, { kind: 'member', memberId });
  }

  /** Erases the messages of `workspaceId` past its retention. */
  eraseExpired(workspaceId: string): Promise<ErasureRecord> {
    return this.erase(workspaceId, { kind: 'retention' });
  }

  /** Erases the whole workspace `workspaceId` from the relay: its docs, files, members and invitations (owners only). */
  async eraseWorkspace(workspaceId: string): Promise<RelayWorkspaceRemoval> {
    const answer = await this.slow.request('POST', `/v1/workspaces/${encodeURIComponent(workspaceId)}/erase`, removalAnswer, { deviceToken: this.deviceToken, body: { kind: 'workspace' } });
    return answer.removed;
  }

  /** Sets (days) or clears (null) how long `workspaceId` keeps its messages. */
  async setRetention(workspaceId: string, days: number | null): Promise<RetentionRecord | null> {
    const answer = await this.api.request('POST', `/v1/workspaces/${encodeURIComponent(workspaceId)}/retention`, retentionAnswer, { deviceToken: this.deviceToken, body: { days } });
    return answer.retention;
  }

  private async erase(workspaceId: string, body: Record<string, unknown>): Promise<ErasureRecord> {
    const answer = await this.slow.request('POST', `/v1/workspaces/${encodeURIComponent(workspaceId)}/erase`, z.record(z.string(), z.unknown()), { deviceToken: this.deviceToken, body });
    const record = readErasureRecord(typeof answer.id === 'string' ? answer.id : '', answer);
    if (!record) throw new RelayProtocolError(`The relay at ${this.api.relayUrl} sent an erasure record that does not read`);
    return record;
  }
}
