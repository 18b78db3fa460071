/**
 * The syntax tree of chat Markdown. Parsing produces only these plain
 * objects (text stays text), and `MarkdownView` turns them into React
 * elements: there is no path from message text to HTML.
 */

/** A run of inline content. */
export type InlineNode =
  | { kind: 'text'; text: string }
  | { kind: 'break' }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: InlineNode[] }
  | { kind: 'em'; children: InlineNode[] }
  | { kind: 'strike'; children: InlineNode[] }
  /** `href` has passed `safeUrl`: http, https or mailto only. */
  | { kind: 'link'; href: string; children: InlineNode[] }
  /** `@handle`, kept as written; the view decides whether it names someone. */
  | { kind: 'mention'; handle: string }
  /** `#room-name`, kept as written; the view decides whether the room exists. */
  | { kind: 'room'; name: string };

/** A block of a message. */
export type BlockNode =
  | { kind: 'paragraph'; children: InlineNode[] }
  | { kind: 'code'; language: string; text: string }
  | { kind: 'quote'; children: BlockNode[] }
  | { kind: 'list'; ordered: boolean; start: number; items: BlockNode[][] };
