import enData from 'emojibase-data/en/compact.json';
import enMessages from 'emojibase-data/en/messages.json';
import frData from 'emojibase-data/fr/compact.json';
import frMessages from 'emojibase-data/fr/messages.json';
import { describe, expect, it } from 'vitest';
import { buildCatalog, searchEmojis, withSkinTone } from './emojiCatalog';

const en = buildCatalog(enData, enMessages);
const fr = buildCatalog(frData, frMessages);

describe('emojiCatalog', () => {
  it('holds the whole data set by group, without the skin-tone swatches', () => {
    const all = en.flatMap((g) => g.emojis);
    expect(all.length).toBeGreaterThan(1800);
    expect(en.map((g) => g.key)).not.toContain('component');
    expect(en[0]!.key).toBe('smileys-emotion');
    expect(all.some((e) => e.emoji === '🏽')).toBe(false);
  });

  it('finds emoji by name and keyword in English and in French, accents ignored', () => {
    expect(searchEmojis(en, 'thumbs up')[0]!.label).toBe('thumbs up');
    expect(searchEmojis(en, 'tada').map((e) => e.label)).toContain('party popper');
    expect(searchEmojis(fr, 'pouce').map((e) => e.label)).toContain('pouce vers le haut');
    expect(searchEmojis(fr, 'fete').length).toBeGreaterThan(0);
    expect(searchEmojis(en, '')).toEqual([]);
    expect(searchEmojis(en, 'zzzqqq')).toEqual([]);
  });

  it('applies a skin tone only to emoji that have one', () => {
    const thumbs = searchEmojis(en, 'thumbs up')[0]!;
    expect(withSkinTone(thumbs, 0)).toBe(thumbs.emoji);
    expect(withSkinTone(thumbs, 5)).toBe('👍🏿');
    const rocket = searchEmojis(en, 'rocket')[0]!;
    expect(withSkinTone(rocket, 3)).toBe(rocket.emoji);
  });
});
