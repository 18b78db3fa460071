/**
 * Builds the relay's access view (WorkspaceAccess.ts) on its stores: the
 * member id bindings (SQLite `member-ids.db`, or PostgreSQL next to the
 * accounts) and the accounts, whose ids are never bound to anyone else.
 */
import type { Logger } from '../../src-main/common/Logger';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import type { AccountStore } from '../storage/AccountStore';
import type { MemberIdStore } from '../storage/MemberIdStore';
import { MemberIds } from './MemberIds';
import { WorkspaceAccess } from './WorkspaceAccess';

/** The access view and the bindings it reads (bindings from other nodes go to `memberIds.learn`). */
export interface OpenedAccess {
  view: WorkspaceAccess;
  memberIds: MemberIds;
}

/** `maxHeldBytes`: what a connection may send while its update waits for a member id lookup. */
export function openWorkspaceAccess(stores: { accounts: AccountStore; memberIds: MemberIdStore }, metrics: RelayMetrics, logger: Logger, maxHeldBytes: number): OpenedAccess {
  const memberIds = new MemberIds(stores.memberIds, { isAccount: async (id) => (await stores.accounts.userById(id)) !== null });
  return { view: new WorkspaceAccess(memberIds, metrics, logger, maxHeldBytes), memberIds };
}
