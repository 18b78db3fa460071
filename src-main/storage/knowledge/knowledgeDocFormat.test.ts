import { describe, expect, it } from 'vitest';
import {
  knowledgePartKey,
  readKnowledgeDocument,
  readKnowledgeKey,
  readKnowledgePart,
  writeKnowledgeDocument,
  writeKnowledgePart,
  type KnowledgeDocumentRecord,
  type KnowledgePartRecord,
} from './knowledgeDocFormat';

const doc: KnowledgeDocumentRecord = {
  id: 'd1',
  title: 'Handbook',
  fileName: 'handbook.pdf',
  mime: 'application/pdf',
  size: 1234,
  pages: 3,
  chunkCount: 2,
  partCount: 1,
  importedBy: 'u1',
  importedAt: 1_700_000_000_000,
};
const part: KnowledgePartRecord = {
  documentId: 'd1',
  part: 0,
  at: 1_700_000_000_000,
  chunks: [
    { ord: 0, text: 'First passage', headings: ['Intro'], page: 1, pageEnd: 2 },
    { ord: 1, text: 'Second passage', headings: [], page: null, pageEnd: null },
  ],
};

describe('knowledge doc format', () => {
  it('reads back what it writes', () => {
    expect(readKnowledgeDocument('d1', writeKnowledgeDocument(doc))).toEqual(doc);
    expect(readKnowledgePart(knowledgePartKey('d1', 0), writeKnowledgePart(part))).toEqual(part);
    expect(readKnowledgeKey('d1')).toEqual({ kind: 'document', documentId: 'd1' });
    expect(readKnowledgeKey('d1:12')).toEqual({ kind: 'part', documentId: 'd1', part: 12 });
    expect(readKnowledgeKey('d1:x')).toBeNull();
    expect(readKnowledgeKey('../d1')).toBeNull();
  });

  it('refuses records a peer could have broken, and repairs what it can', () => {
    const written = writeKnowledgeDocument(doc);
    expect(readKnowledgeDocument('d/1', written)).toBeNull();
    expect(readKnowledgeDocument('d1', { ...written, mime: 'application/x-msdownload' })).toBeNull();
    expect(readKnowledgeDocument('d1', { ...written, chunkCount: -1 })).toBeNull();
    expect(readKnowledgeDocument('d1', { ...written, fileName: '   ' })).toBeNull();
    expect(readKnowledgeDocument('d1', [written])).toBeNull();
    expect(readKnowledgeDocument('d1', { ...written, title: `A\u0000${'x'.repeat(500)}`, importedBy: '../x', size: 'big' })).toMatchObject({
      title: `A ${'x'.repeat(298)}`,
      importedBy: 'unknown',
      size: 0,
    });
    // A part must name its own document and number, under its own key.
    expect(readKnowledgePart('d1:1', writeKnowledgePart(part))).toBeNull();
    expect(readKnowledgePart('d2:0', writeKnowledgePart(part))).toBeNull();
    const mixed = readKnowledgePart('d1:0', {
      ...writeKnowledgePart(part),
      chunks: [{ ord: 0, text: 'ok', headings: ['H', 7, '\u0007bell'], page: 2, pageEnd: 1 }, { ord: 0, text: 'duplicate' }, { ord: 1, text: ' ' }, { ord: 1.5, text: 'x' }, null],
    });
    expect(mixed?.chunks).toEqual([{ ord: 0, text: 'ok', headings: ['H', 'bell'], page: 2, pageEnd: 2 }]);
  });
});
