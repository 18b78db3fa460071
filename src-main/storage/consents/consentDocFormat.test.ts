import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CONSENTS_MAP, declinedMembers, readConsentRecord, readConsents, writeConsentRecord } from './consentDocFormat';

describe('consent doc format', () => {
  it('reads back what it writes', () => {
    const doc = new Y.Doc();
    const map = doc.getMap(CONSENTS_MAP);
    map.set('ines', writeConsentRecord({ dhRead: false, at: 5 }));
    map.set('tom', writeConsentRecord({ dhRead: true, at: 6 }));
    expect([...readConsents(map)]).toEqual([
      ['ines', { dhRead: false, at: 5 }],
      ['tom', { dhRead: true, at: 6 }],
    ]);
    expect([...declinedMembers(map)]).toEqual(['ines']);
  });

  it("ignores what a peer wrote wrong: a bad key, a missing or mistyped field, a nested type", () => {
    expect(readConsentRecord('ines', { dhRead: 'no', at: 1 })).toBeNull();
    expect(readConsentRecord('ines', { dhRead: false })).toBeNull();
    expect(readConsentRecord('ines', { dhRead: false, at: -1 })).toBeNull();
    expect(readConsentRecord('../x', { dhRead: false, at: 1 })).toBeNull();
    expect(readConsentRecord('ines', null)).toBeNull();
    const doc = new Y.Doc();
    const map = doc.getMap(CONSENTS_MAP);
    map.set('ines', new Y.Map());
    map.set('bad key', { dhRead: false, at: 1 });
    expect(declinedMembers(map).size).toBe(0);
  });
});
