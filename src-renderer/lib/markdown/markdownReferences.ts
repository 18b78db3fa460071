/** How a Markdown view resolves `@handle` and `#room` references; all optional. */

/** Someone an `@handle` names. */
export interface MentionTarget {
  label: string;
  /** True when the handle names the local user (drawn more prominently). */
  self: boolean;
  digitalHuman: boolean;
}

/** A room a `#name` names. */
export interface RoomTarget {
  id: string;
  name: string;
}

export interface MarkdownReferences {
  mention?(handle: string): MentionTarget | null;
  room?(name: string): RoomTarget | null;
  onOpenRoom?(id: string): void;
}
