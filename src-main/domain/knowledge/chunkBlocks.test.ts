import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../tests/fixtures/seededRandom';
import { chunkBlocks, splitLongText } from './chunkBlocks';
import type { TextBlock } from './TextBlock';

function paragraph(text: string, page: number | null = null): TextBlock {
  return { kind: 'paragraph', text, page };
}
function heading(level: number, text: string, page: number | null = null): TextBlock {
  return { kind: 'heading', level, text, page };
}
function sentences(random: () => number, count: number, tag: string): string {
  const words = ['budget', 'invoice', 'client', 'server', 'report', 'meeting', 'deadline', 'design', 'review', 'plan'];
  return Array.from({ length: count }, (_, i) => {
    const n = 6 + Math.floor(random() * 8);
    const body = Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ');
    return `${tag}${i} ${body}.`;
  }).join(' ');
}

describe('chunking', () => {
  it('cuts long sections into ~800-token passages with overlap, keeping every sentence', () => {
    const rng = seededRandom(7);
    const random = (): number => rng.next();
    const blocks = [heading(1, 'Guide'), heading(2, 'Setup'), ...Array.from({ length: 12 }, (_, i) => paragraph(sentences(random, 8, `S${i}x`)))];
    const chunks = chunkBlocks(blocks);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(3200 + 400);
      expect(c.headings).toEqual(['Guide', 'Setup']);
    }
    // Every sentence is in some passage, and consecutive passages share their seam.
    const all = chunks.map((c) => c.text).join('\n');
    for (const block of blocks) if (block.kind === 'paragraph') for (const s of block.text.split(/(?<=\.) /)) expect(all).toContain(s);
    for (let i = 1; i < chunks.length; i++) {
      const lastOfPrevious = chunks[i - 1]!.text.split(/(?<=\.)\s+/).at(-1)!;
      expect(chunks[i]!.text).toContain(lastOfPrevious);
    }
  });

  it('starts a passage at a heading once the current one stands alone, merging small sections', () => {
    const long = 'word '.repeat(200).trim();
    const chunks = chunkBlocks([
      heading(1, 'FAQ'),
      heading(2, 'Billing'),
      paragraph('Invoices go out monthly.'),
      heading(2, 'Support'),
      paragraph('Write to the help desk.'),
      heading(2, 'Security'),
      paragraph(long),
      heading(2, 'Privacy'),
      paragraph('We keep data in the EU.'),
    ]);
    expect(chunks.map((c) => c.headings)).toEqual([
      ['FAQ', 'Billing'],
      ['FAQ', 'Privacy'],
    ]);
    expect(chunks[0]!.text).toContain('Support\n\nWrite to the help desk.');
    expect(chunks[1]!.text).toBe('Privacy\n\nWe keep data in the EU.');
  });

  it('records the pages a passage spans', () => {
    const chunks = chunkBlocks([paragraph('On page one.', 1), paragraph('On page two.', 2)]);
    expect(chunks).toEqual([{ text: 'On page one.\n\nOn page two.', headings: [], page: 1, pageEnd: 2 }]);
  });

  it('splits a paragraph longer than a passage between sentences, or words as a last resort', () => {
    const pieces = splitLongText('One two three. Four five six. Seven eight nine.', 20);
    expect(pieces).toEqual(['One two three.', 'Four five six.', 'Seven eight nine.']);
    const words = splitLongText('x'.repeat(10) + ' ' + 'y'.repeat(30), 20);
    expect(words.every((p) => p.length <= 20)).toBe(true);
    expect(words.join('').replace(/\s/g, '')).toBe('x'.repeat(10) + 'y'.repeat(30));
  });

  it('makes no passage of headings alone', () => {
    expect(chunkBlocks([heading(1, 'Title'), heading(2, 'Empty')])).toEqual([]);
  });
});
