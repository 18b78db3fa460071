/**
 * Initials shown on a workspace tile when it has no icon: the first letter of
 * the first two words ("Acme Corp" → "AC"), or of the only word ("Personal" → "P").
 * Works on grapheme clusters so accented letters and emoji stay whole.
 */

function graphemes(text: string): string[] {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...segmenter.segment(text)].map((s) => s.segment);
}

export function workspaceInitials(name: string): string {
  const words = name
    .split(/[\s\-_.,/&+]+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}\p{Extended_Pictographic}]+/u, ''))
    .filter((w) => w.length > 0);
  const letters = words.slice(0, 2).map((w) => graphemes(w)[0] ?? '');
  const initials = letters.join('').toLocaleUpperCase();
  return initials || '?';
}
