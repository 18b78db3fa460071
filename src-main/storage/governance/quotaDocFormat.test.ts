import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readQuotaRecord, readQuotas, writeQuotaRecord } from './quotaDocFormat';
import { readUsageDetail, writeUsageDetail } from './usageRecordFormat';

describe('quota records', () => {
  it('round-trips a record and reads what a hostile peer wrote as no limit, never as a number it is not', () => {
    const record = { tokens: 50_000, toolCalls: null, messages: 10, updatedAt: 5, updatedBy: 'u1' };
    expect(readQuotaRecord('workspace', writeQuotaRecord(record))).toEqual(record);
    expect(readQuotaRecord('member:u_2', { tokens: -1, toolCalls: 1.5, messages: '9', updatedAt: 1, updatedBy: 'x' })).toEqual({ tokens: null, toolCalls: null, messages: null, updatedAt: 1, updatedBy: 'x' });
    expect(readQuotaRecord('member:../x', writeQuotaRecord(record))).toBeNull();
    expect(readQuotaRecord('everyone', writeQuotaRecord(record))).toBeNull();
    expect(readQuotaRecord('dh:d1', 'not a record')).toBeNull();
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>('quotas');
    map.set('dh', writeQuotaRecord(record));
    map.set('bogus scope', writeQuotaRecord(record));
    expect([...readQuotas(map).keys()]).toEqual(['dh']);
  });

  it('reads usage details strictly', () => {
    expect(readUsageDetail(writeUsageDetail({ tokens: 12.4, toolCalls: 1, messages: 2 }))).toEqual({ tokens: 12, toolCalls: 1, messages: 2 });
    expect(readUsageDetail('{"tokens":-5,"toolCalls":0,"messages":0}')).toBeNull();
    expect(readUsageDetail('{"tokens":1e99,"toolCalls":0,"messages":0}')).toBeNull();
    expect(readUsageDetail('tokens: 5')).toBeNull();
  });
});
