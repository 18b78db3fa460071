import { describe, expect, it } from 'vitest';
import { readMessageRecord, writeMessageRecord, type MessageRecord } from '../rooms/roomDocFormat';
import { MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE, readFileRef, readFileRefs } from './fileRefFormat';

const HASH = 'a'.repeat(64);
const good = { hash: HASH, name: 'plan.pdf', size: 1234, type: 'application/pdf' };

describe('file references read from a peer', () => {
  it('keeps a well-formed reference and nothing more', () => {
    expect(readFileRef({ ...good, extra: 'x' })).toEqual(good);
  });

  it.each([
    ['a short hash', { ...good, hash: 'abc' }],
    ['an uppercase hash', { ...good, hash: 'A'.repeat(64) }],
    ['a name with a folder', { ...good, name: '../../etc/passwd' }],
    ['a name with a backslash', { ...good, name: 'a\\b' }],
    ['a name with a control character', { ...good, name: 'a\nb' }],
    ['a name reversing its direction', { ...good, name: 'invoice\u202efdp.exe' }],
    ['an empty name', { ...good, name: '' }],
    ['a name of 256 characters', { ...good, name: 'x'.repeat(256) }],
    ['a negative size', { ...good, size: -1 }],
    ['a size beyond the limit', { ...good, size: MAX_FILE_BYTES + 1 }],
    ['a fractional size', { ...good, size: 1.5 }],
    ['a type that is not a MIME type', { ...good, type: 'pdf' }],
    ['a type with a space', { ...good, type: 'text/html; charset=utf-8' }],
    ['not an object', 'file'],
  ])('drops %s', (_, value) => {
    expect(readFileRef(value)).toBeNull();
  });

  it('keeps each hash once and at most the per-message limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...good, hash: i.toString(16).padStart(64, '0') }));
    expect(readFileRefs([good, good, { ...good, name: 'again.pdf' }])).toEqual([good]);
    expect(readFileRefs(many)).toHaveLength(MAX_FILES_PER_MESSAGE);
    expect(readFileRefs('not a list')).toEqual([]);
  });

  it('round-trips through a message record, and a deleted message names no file', () => {
    const record: MessageRecord = { id: 'm1', authorId: 'u1', text: 'see attached', createdAt: 1, editedAt: null, deleted: false, threadRootId: null, mentions: [], files: [good] };
    expect(readMessageRecord('m1', writeMessageRecord(record))?.files).toEqual([good]);
    expect(writeMessageRecord({ ...record, deleted: true })).not.toHaveProperty('files');
    expect(readMessageRecord('m1', { ...writeMessageRecord(record), deleted: true })?.files).toEqual([]);
    expect(writeMessageRecord({ ...record, files: [] })).not.toHaveProperty('files');
  });
});
