/**
 * What the extractors make of a file, and what the chunker cuts: its text
 * as a sequence of headings and paragraphs, each with the page it is on
 * (PDF) so a passage can say where it comes from.
 */

/** A heading (level 1 = outermost) or a paragraph of body text. */
export type TextBlock = { kind: 'heading'; level: number; text: string; page: number | null } | { kind: 'paragraph'; text: string; page: number | null };

/** The text of a file. */
export interface ExtractedDocument {
  /** The title the file gives itself (Markdown's first level-1 heading, HTML's <title>, a PDF's metadata), or null. */
  title: string | null;
  blocks: TextBlock[];
  /** Pages of a PDF; null for other files. */
  pages: number | null;
}
