import { describe, expect, it } from 'vitest';
import { porterStem } from './porterStem';

describe('porterStem', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['sing', 'sing'],
    ['conflated', 'conflat'],
    ['hopping', 'hop'],
    ['falling', 'fall'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['generalization', 'gener'],
    ['adoption', 'adopt'],
    ['adopting', 'adopt'],
    ['adopted', 'adopt'],
    ['hopefulness', 'hope'],
    ['electrical', 'electr'],
    ['controll', 'control'],
    ['youth', 'youth'],
    ['yelling', 'yell'],
    ['go', 'go'],
  ])('%s → %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });
});
