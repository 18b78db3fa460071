/**
 * Every emoji of the maintained Emojibase data set, in its groups, with its
 * name and keywords in the person's language and its skin tones, and a
 * search over them. The data (about 80 kB gzipped) loads only when a picker
 * first opens, so it is never part of the first screen.
 */
import type { CompactEmoji, MessagesDataset } from 'emojibase';
import type { Locale } from '../../../lib/i18n/i18n';

export interface EmojiEntry {
  emoji: string;
  label: string;
  /** Lower-case words to search: the label's words and the data set's tags. */
  words: string[];
  /** The five skin-tone variants (light to dark), or null. */
  skins: string[] | null;
}

export interface EmojiGroup {
  key: string;
  label: string;
  emojis: EmojiEntry[];
}

/** The group of skin-tone swatches themselves: not something to pick. */
const COMPONENT_GROUP = 2;

function wordsOf(text: string): string[] {
  return text
    .toLocaleLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .split(/[^\p{L}\p{N}+]+/u)
    .filter(Boolean);
}

/** Groups the data set's emoji (components and ungrouped ones left out), in its order. */
export function buildCatalog(data: readonly CompactEmoji[], messages: MessagesDataset): EmojiGroup[] {
  const groups = new Map<number, EmojiGroup>();
  for (const g of messages.groups) if (g.order !== COMPONENT_GROUP) groups.set(g.order, { key: g.key, label: g.message, emojis: [] });
  const sorted = [...data].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  for (const e of sorted) {
    if (e.group === undefined) continue;
    const group = groups.get(e.group);
    if (!group) continue;
    const skins = e.skins && e.skins.length >= 5 ? e.skins.slice(0, 5).map((s) => s.unicode) : null;
    group.emojis.push({ emoji: e.unicode, label: e.label, words: [...new Set([...wordsOf(e.label), ...(e.tags ?? []).flatMap(wordsOf)])], skins });
  }
  return [...groups.values()].filter((g) => g.emojis.length > 0);
}

/**
 * The emoji whose words start with every word of `query` (accents and case
 * ignored), those whose label starts with the query first. Empty query: [].
 */
export function searchEmojis(groups: readonly EmojiGroup[], query: string, limit = 120): EmojiEntry[] {
  const terms = wordsOf(query);
  if (terms.length === 0) return [];
  const whole = terms.join(' ');
  const hits: { entry: EmojiEntry; rank: number }[] = [];
  for (const group of groups) {
    for (const entry of group.emojis) {
      if (!terms.every((t) => entry.words.some((w) => w.startsWith(t)))) continue;
      const label = wordsOf(entry.label).join(' ');
      hits.push({ entry, rank: label === whole ? 0 : label.startsWith(whole) ? 1 : 2 });
    }
  }
  // Stable: within a rank, the data set's order.
  return hits
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((h) => h.entry);
}

/** `emoji` in skin tone `tone` (0: none, 1-5: light to dark) when it has one. */
export function withSkinTone(entry: EmojiEntry, tone: number): string {
  return tone > 0 && entry.skins ? (entry.skins[tone - 1] ?? entry.emoji) : entry.emoji;
}

const loaded = new Map<Locale, Promise<EmojiGroup[]>>();

/** The catalog in `locale`, loaded once. */
export function loadCatalog(locale: Locale): Promise<EmojiGroup[]> {
  let pending = loaded.get(locale);
  if (!pending) {
    pending =
      locale === 'fr'
        ? Promise.all([import('emojibase-data/fr/compact.json'), import('emojibase-data/fr/messages.json')]).then(([d, m]) => buildCatalog(d.default, m.default))
        : Promise.all([import('emojibase-data/en/compact.json'), import('emojibase-data/en/messages.json')]).then(([d, m]) => buildCatalog(d.default, m.default));
    // A failed load is retried on the next open.
    pending.catch(() => loaded.delete(locale));
    loaded.set(locale, pending);
  }
  return pending;
}
