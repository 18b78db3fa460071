import { describe, expect, it } from 'vitest';
import type { DocSyncStatus } from './RelayDocConnection';
import { summarizeDocStates } from './WorkspaceSync';

function doc(state: DocSyncStatus['state'], reasonCode: DocSyncStatus['reasonCode'] = null): DocSyncStatus {
  return { state, reasonCode, reason: reasonCode ? `because ${reasonCode}` : null, inFlight: 0 };
}

describe('the sync state of a workspace', () => {
  it('is the worst state among its docs', () => {
    expect(summarizeDocStates([doc('synced'), doc('synced')])).toEqual({ state: 'synced', reasonCode: null, reason: null });
    expect(summarizeDocStates([doc('synced'), doc('syncing')]).state).toBe('syncing');
    expect(summarizeDocStates([doc('connecting'), doc('syncing')]).state).toBe('connecting');
    expect(summarizeDocStates([doc('offline', 'unreachable'), doc('connecting')])).toEqual({
      state: 'offline',
      reasonCode: 'unreachable',
      reason: 'because unreachable',
    });
    expect(summarizeDocStates([doc('offline', 'unreachable'), doc('error', 'no-access'), doc('synced')])).toMatchObject({
      state: 'error',
      reasonCode: 'no-access',
    });
    expect(summarizeDocStates([doc('idle')])).toMatchObject({ state: 'offline', reasonCode: 'not-connected' });
  });
});
