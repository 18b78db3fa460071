/**
 * `@handle` and `#room` inside a run of message text. A reference starts
 * after a non-word character (so `a@b.example` and `C#` stay text) and ends
 * before trailing dots or dashes (the end of a sentence, not of a handle).
 * Whether a reference names someone or something is the view's decision.
 */

export type TextPiece = { kind: 'text'; text: string } | { kind: 'mention'; handle: string } | { kind: 'room'; name: string };

const REFERENCE = /(?<![\p{L}\p{N}_.&])([@#])([\p{L}\p{N}_][\p{L}\p{N}_.-]*)/gu;

/** `text` split into plain runs and references, in order. */
export function splitReferences(text: string): TextPiece[] {
  if (!text.includes('@') && !text.includes('#')) return [{ kind: 'text', text }];
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    const sigil = match[1]!;
    // Room names have no dots; handles may (`@jane.doe`).
    const raw = sigil === '#' ? match[2]!.split('.')[0]! : match[2]!;
    const name = raw.replace(/[.-]+$/, '');
    if (name === '') continue;
    const start = match.index;
    if (start > last) pieces.push({ kind: 'text', text: text.slice(last, start) });
    pieces.push(sigil === '@' ? { kind: 'mention', handle: name } : { kind: 'room', name });
    last = start + 1 + name.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}
