import { describe, expect, it } from 'vitest';
import { buildFtsMatch } from './buildFtsMatch';
import { highlightSegments } from './highlightSegments';
import { parseSearchQuery, startOfLocalDay } from './parseSearchQuery';

describe('search syntax', () => {
  it('separates words, phrases and filters', () => {
    expect(parseSearchQuery('budget "next quarter" from:ada in:#general has:mention before:2024-03-31 after:2024-01-01 esti')).toEqual({
      terms: [
        { text: 'budget', phrase: false },
        { text: 'next quarter', phrase: true },
        { text: 'esti', phrase: false },
      ],
      prefixLast: true,
      from: ['ada'],
      in: ['general'],
      hasMention: true,
      before: '2024-03-31',
      after: '2024-01-01',
    });
    expect(parseSearchQuery('from:"Ada Veyra" in:design ').from).toEqual(['Ada Veyra']);
    expect(parseSearchQuery('word ').prefixLast).toBe(false);
    expect(parseSearchQuery('"phrase"').prefixLast).toBe(false);
  });

  it('keeps filters it cannot use as plain text', () => {
    const parsed = parseSearchQuery('before:2024-02-30 has:attachment text:foo from:');
    expect(parsed.terms.map((t) => t.text)).toEqual(['before:2024-02-30', 'has:attachment', 'text:foo', 'from:']);
    expect(parsed.before).toBeNull();
  });

  it('quotes every term, so FTS5 syntax is only ever text', () => {
    const match = (q: string): string | null => {
      const parsed = parseSearchQuery(q);
      return buildFtsMatch(parsed.terms, parsed.prefixLast);
    };
    expect(match('NEAR(a b) col:x AND OR NOT ^start')).toBe('"near a" "b" "col x" "start"*');
    expect(match('"unbalanced')).toBe('"unbalanced"');
    expect(match('" * ( ) :')).toBeNull();
    expect(match('Café-crème e')).toBe('"cafe creme" "e"');
    expect(match('abc')).toBe('"abc"*');
    expect(match('ab')).toBe('"ab"');
  });

  it('cuts the text into highlight segments, never HTML', () => {
    expect(highlightSegments('Le café <b>est</b> prêt', new Set(['cafe', 'b']), 'pre')).toEqual([
      { text: 'Le ', match: false },
      { text: 'café', match: true },
      { text: ' <', match: false },
      { text: 'b', match: true },
      { text: '>est</', match: false },
      { text: 'b', match: true },
      { text: '> ', match: false },
      { text: 'prêt', match: true },
    ]);
    const long = `${'filler '.repeat(100)}needle ${'tail '.repeat(100)}`;
    const segments = highlightSegments(long, new Set(['needle']), null);
    expect(segments[0]!.text.startsWith('…filler')).toBe(true);
    expect(segments.find((s) => s.match)?.text).toBe('needle');
    expect(segments.map((s) => s.text).join('').length).toBeLessThan(260);
  });

  it('reads dates as local days', () => {
    expect(startOfLocalDay('2024-03-31')).toBe(new Date(2024, 2, 31).getTime());
    expect(startOfLocalDay('2024-12-31', 1)).toBe(new Date(2025, 0, 1).getTime());
  });
});

describe('stopwords', () => {
  it('leaves common words out beside others, keeps them alone and in phrases, never expands them', () => {
    expect(buildFtsMatch([{ text: 'the', phrase: false }, { text: 'budget', phrase: false }], false)).toBe('"budget"');
    expect(buildFtsMatch([{ text: 'the', phrase: false }], false)).toBe('"the"');
    expect(buildFtsMatch([{ text: 'the budget', phrase: true }], false)).toBe('"the budget"');
    expect(buildFtsMatch([{ text: 'budget', phrase: false }, { text: 'the', phrase: false }], true)).toBe('"budget"');
    expect(buildFtsMatch([{ text: 'the', phrase: false }], true)).toBe('"the"');
    expect(buildFtsMatch([{ text: 'budget', phrase: false }, { text: 'thei', phrase: false }], true)).toBe('"budget" "thei"*');
  });
});
