/**
 * The memory form's state and what it sends: a draft holds the fields as
 * the user types them (tags as one comma-separated line, importance as
 * 0-10 on the slider), and is turned into the input of `memory.add` or the
 * patch of `memory.update` (only the fields that changed, so a teammate's
 * edit of another field at the same time stays).
 */
import type { ChannelInput, Memory, MemoryKind } from '../../../src-main/common/contract';

/** The kinds of memory, in the order the UI offers them. */
export const MEMORY_KINDS: readonly MemoryKind[] = ['fact', 'preference', 'event', 'instruction'];

/** Steps of the importance slider: 0 to 10 stand for 0 to 1. */
export const IMPORTANCE_STEPS = 10;

export interface MemoryDraft {
  text: string;
  kind: MemoryKind;
  /** As typed: tags separated by commas. */
  tags: string;
  /** 0 to IMPORTANCE_STEPS. */
  importance: number;
}

type MemoryFields = Omit<ChannelInput<'memory.add'>, 'workspaceId' | 'dhId'>;
type MemoryChanges = Omit<ChannelInput<'memory.update'>, 'workspaceId' | 'dhId' | 'id'>;

/** An empty draft for a new memory (a fact of middling importance, like the core's default). */
export function emptyDraft(): MemoryDraft {
  return { text: '', kind: 'fact', tags: '', importance: IMPORTANCE_STEPS / 2 };
}

/** The draft that edits `memory`. */
export function draftOf(memory: Memory): MemoryDraft {
  return { text: memory.text, kind: memory.kind, tags: memory.tags.join(', '), importance: toSteps(memory.importance) };
}

/** Importance 0..1 as a slider step, rounded. */
export function toSteps(importance: number): number {
  return Math.round(Math.min(1, Math.max(0, importance)) * IMPORTANCE_STEPS);
}

/**
 * The tags typed in the field: split on commas and new lines, trimmed,
 * blanks and repeats (ignoring case) dropped. The core folds each one
 * (lowercase, inner spaces as "-").
 */
export function parseTags(value: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of value.split(/[,\n]/)) {
    const tag = part.trim();
    const key = tag.toLowerCase();
    if (tag.length === 0 || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/** What `memory.add` takes for `draft`. */
export function inputOf(draft: MemoryDraft): MemoryFields {
  return { text: draft.text.trim(), kind: draft.kind, tags: parseTags(draft.tags), importance: draft.importance / IMPORTANCE_STEPS };
}

/** The fields of `draft` that differ from `memory` (empty when nothing changed). */
export function changesOf(memory: Memory, draft: MemoryDraft): MemoryChanges {
  const out: MemoryChanges = {};
  const text = draft.text.trim();
  if (text !== memory.text) out.text = text;
  if (draft.kind !== memory.kind) out.kind = draft.kind;
  const tags = parseTags(draft.tags);
  const folded = tags.map((tag) => tag.toLowerCase().replace(/\s+/g, '-'));
  if (folded.length !== memory.tags.length || folded.some((tag, i) => tag !== memory.tags[i])) out.tags = tags;
  if (draft.importance !== toSteps(memory.importance)) out.importance = draft.importance / IMPORTANCE_STEPS;
  return out;
}
