/**
 * The awareness state a device announces in a workspace (write/read pair;
 * a reader never trusts a peer):
 *
 *   { v: 1, userId, status: 'active' | 'away', typing: { roomId, threadRootId } | null }
 */
import { ENTITY_ID_PATTERN } from '../../common/ids';
import type { PresenceStatus, TypingPlace } from '../../common/contract';

/** What one device says about its user. */
export interface PresenceState {
  userId: string;
  status: PresenceStatus;
  typing: TypingPlace | null;
}

/** The awareness state to set for `state`. */
export function writePresenceState(state: PresenceState): Record<string, unknown> {
  return { v: 1, userId: state.userId, status: state.status, typing: state.typing ? { ...state.typing } : null };
}

/** Reads a peer's awareness state; null when it is not a presence state this build understands. */
export function readPresenceState(value: unknown): PresenceState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.v !== 1 || typeof v.userId !== 'string' || !ENTITY_ID_PATTERN.test(v.userId)) return null;
  if (v.status !== 'active' && v.status !== 'away') return null;
  return { userId: v.userId, status: v.status, typing: readTyping(v.typing) };
}

function readTyping(value: unknown): TypingPlace | null {
  if (typeof value !== 'object' || value === null) return null;
  const t = value as Record<string, unknown>;
  if (typeof t.roomId !== 'string' || !ENTITY_ID_PATTERN.test(t.roomId)) return null;
  const thread = t.threadRootId;
  if (thread !== null && (typeof thread !== 'string' || !ENTITY_ID_PATTERN.test(thread))) return null;
  return { roomId: t.roomId, threadRootId: thread };
}
