/**
 * Words as FTS5's `unicode61 remove_diacritics 2` tokenizer sees them
 * (letters, digits, private-use characters; case and accents folded), so the
 * UI's highlights match what the index matched.
 */

const TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;

/** Folds case and accents the way the index does. */
export function foldToken(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The folded tokens of `text`. */
export function searchTokens(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((m) => foldToken(m[0])).filter((t) => t.length > 0);
}

/** Each token of `text` with where it sits, unfolded. */
export function tokenSpans(text: string): { start: number; end: number; folded: string }[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: foldToken(m[0]) }));
}
