import { describe, expect, it } from 'vitest';
import { fuzzyScore, rankItems } from './fuzzyScore';

describe('fuzzyScore', () => {
  it('matches characters in order, ignoring case and accents', () => {
    expect(fuzzyScore('gnrl', '#general')).not.toBeNull();
    expect(fuzzyScore('GEN', '#general')).not.toBeNull();
    expect(fuzzyScore('zoe', 'Zoé Durand')).not.toBeNull();
    expect(fuzzyScore('lrg', '#general')).toBeNull();
  });

  it('prefers exact substrings at a word start, then tight subsequences', () => {
    const labels = ['Mark all as read', '#marketing', 'Create a channel', '#random-marks'];
    expect(rankItems(labels, 'mark', (l) => l)).toEqual(['Mark all as read', '#marketing', '#random-marks']);
    expect(rankItems(['#design-review', '#dev'], 'dev', (l) => l)).toEqual(['#dev', '#design-review']);
  });

  it('keeps the original order for an empty query', () => {
    expect(rankItems(['b', 'a', 'c'], '', (l) => l)).toEqual(['b', 'a', 'c']);
  });
});
