import { describe, expect, it } from 'vitest';
import { snippetExcerpt } from './snippetExcerpt';

const render = (segments: { text: string; match: boolean }[]): string => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

describe('snippetExcerpt', () => {
  it('marks the query’s words, whatever their case, accents or endings', () => {
    expect(render(snippetExcerpt('Travel costs are Refunded within 14 days; the café pays.', 'refund cafe'))).toBe('Travel costs are [Refunded] within 14 days; the [café] pays.');
  });

  it('shows the part of a long passage where the query’s words are, on word boundaries', () => {
    const text = `${'intro words here. '.repeat(40)}The wifi password is in the office guide. ${'closing words. '.repeat(40)}`;
    const out = render(snippetExcerpt(text, 'wifi password', 120));
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('The [wifi] [password] is in the office guide.');
    expect(out.length).toBeLessThan(130);
  });

  it('starts at the beginning when no word matches', () => {
    expect(render(snippetExcerpt('Nothing in common here', 'zebra'))).toBe('Nothing in common here');
  });
});
