/**
 * Per-room memory of the timeline's scroll position and row heights, kept
 * for the session so switching rooms and coming back lands exactly where
 * the user left off (a room seen for the first time opens at the bottom).
 */
import type { ScrollMemory } from '../../../lib/virtual/useVirtualScroll';

const memories = new Map<string, ScrollMemory>();
/** Rooms remembered; the least recently visited beyond this are forgotten. */
const MAX_ROOMS = 60;

/** The memory of a timeline (created at the bottom on first visit). */
export function scrollMemoryFor(listKey: string): ScrollMemory {
  let memory = memories.get(listKey);
  if (memory) memories.delete(listKey);
  else memory = { anchor: 'bottom', heights: new Map() };
  memories.set(listKey, memory);
  if (memories.size > MAX_ROOMS) {
    const oldest = memories.keys().next().value;
    if (oldest !== undefined) memories.delete(oldest);
  }
  return memory;
}
