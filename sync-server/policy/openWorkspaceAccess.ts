/**
 * Builds the relay's access view (WorkspaceAccess.ts) on its stores: the
 * member id bindings in `<dataDir>/member-ids.db` and the accounts, whose
 * ids are never bound to anyone else.
 */
import path from 'node:path';
import type { Logger } from '../../src-main/common/Logger';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import type { AccountStore } from '../storage/AccountStore';
import { MemberIdStore } from '../storage/MemberIdStore';
import { MemberIds } from './MemberIds';
import { WorkspaceAccess } from './WorkspaceAccess';

/** The access view and how to close what it opened. */
export interface OpenedAccess {
  view: WorkspaceAccess;
  close(): void;
}

export function openWorkspaceAccess(dataDir: string, accounts: AccountStore, metrics: RelayMetrics, logger: Logger): OpenedAccess {
  const store = new MemberIdStore(path.join(dataDir, 'member-ids.db'));
  const memberIds = new MemberIds(store, { isAccount: (id) => accounts.userById(id) !== null });
  return { view: new WorkspaceAccess(memberIds, metrics, logger), close: () => store.close() };
}
