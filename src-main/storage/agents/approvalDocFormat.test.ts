import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { APPROVALS_MAP, APPROVAL_DECISIONS_MAP, readApprovalDecision, readSyncedApproval, writeApprovalDecision, writeSyncedApproval, type SyncedApproval } from './approvalDocFormat';

const held: SyncedApproval = {
  id: 'a1',
  dhId: 'dh1',
  requestedFor: 'ada',
  holder: 'laptop-1',
  tool: 'post_message',
  arguments: '{"room":"#random","text":"hi"}',
  reasons: ['messages'],
  replyId: 'r1',
  threadRootId: null,
  state: 'pending',
  result: null,
  createdAt: 5,
  decidedAt: null,
};

describe('approvalDocFormat', () => {
  it('reads back what it writes, and cuts long arguments', () => {
    const doc = new Y.Doc();
    writeSyncedApproval(doc, held);
    expect(readSyncedApproval('a1', doc.getMap(APPROVALS_MAP).get('a1'))).toEqual(held);
    writeSyncedApproval(doc, { ...held, arguments: 'x'.repeat(10_000) });
    expect(readSyncedApproval('a1', doc.getMap(APPROVALS_MAP).get('a1'))?.arguments).toHaveLength(4_000);
    writeApprovalDecision(doc, 'a1', { decision: 'approve', by: 'ada', device: 'phone-1', at: 9 });
    expect(readApprovalDecision(doc, 'a1')).toEqual({ decision: 'approve', by: 'ada', device: 'phone-1', at: 9 });
  });

  it('refuses what a peer could write that does not read as a held call or a decision', () => {
    const value = { ...held } as Record<string, unknown>;
    for (const broken of [
      { ...value, requestedFor: 'not an id' },
      { ...value, state: 'run-it-twice' },
      { ...value, tool: '' },
      { ...value, holder: 42 },
      { ...value, createdAt: 'yesterday' },
      ['a', 'list'],
      null,
    ]) {
      expect(readSyncedApproval('a1', broken)).toBeNull();
    }
    expect(readSyncedApproval('bad key!', value)).toBeNull();
    const doc = new Y.Doc();
    doc.getMap(APPROVAL_DECISIONS_MAP).set('a1', { decision: 'maybe', by: 'ada', device: 'phone-1', at: 1 });
    doc.getMap(APPROVAL_DECISIONS_MAP).set('a2', { decision: 'deny', by: '', device: 'phone-1', at: 1 });
    expect(readApprovalDecision(doc, 'a1')).toBeNull();
    expect(readApprovalDecision(doc, 'a2')).toBeNull();
    expect(readApprovalDecision(doc, 'a3')).toBeNull();
  });
});
