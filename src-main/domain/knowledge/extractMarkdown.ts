/**
 * Markdown and plain text to blocks. Markdown keeps its text as written
 * (a model reads Markdown well) and gives its structure: ATX (`## Title`)
 * and setext (underlined) headings, paragraphs separated by blank lines,
 * fenced code kept whole, YAML front matter left out. Plain text is
 * paragraphs only.
 */
import type { ExtractedDocument, TextBlock } from './TextBlock';

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT_1 = /^ {0,3}=+[ \t]*$/;
const SETEXT_2 = /^ {0,3}-+[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** Inline Markdown reduced to its words, for a heading's text. */
function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Blocks of a Markdown text. */
export function extractMarkdown(text: string): ExtractedDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: TextBlock[] = [];
  let start = 0;
  // Front matter: a first line of `---` up to the next `---` or `...`.
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
    if (end > 0) start = end + 1;
  }
  let paragraph: string[] = [];
  const flush = (): void => {
    const body = paragraph.join('\n').trim();
    if (body.length > 0) blocks.push({ kind: 'paragraph', text: body, page: null });
    paragraph = [];
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1]!;
      const code = [line];
      for (i++; i < lines.length; i++) {
        code.push(lines[i]!);
        if (lines[i]!.trim().startsWith(marker[0]!.repeat(marker.length))) break;
      }
      blocks.push({ kind: 'paragraph', text: code.join('\n').trim(), page: null });
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush();
      const heading = plainInline(atx[2] ?? '');
      if (heading.length > 0) blocks.push({ kind: 'heading', level: atx[1]!.length, text: heading, page: null });
      continue;
    }
    // A one-line paragraph underlined by === or --- is a heading.
    if (paragraph.length === 1 && (SETEXT_1.test(line) || SETEXT_2.test(line))) {
      const heading = plainInline(paragraph[0]!);
      paragraph = [];
      if (heading.length > 0) blocks.push({ kind: 'heading', level: SETEXT_1.test(line) ? 1 : 2, text: heading, page: null });
      continue;
    }
    if (line.trim().length === 0 || RULE.test(line)) flush();
    else paragraph.push(line);
  }
  flush();
  const h1 = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  return { title: h1?.text ?? null, blocks, pages: null };
}

/** Blocks of a plain text: paragraphs separated by blank lines. */
export function extractPlainText(text: string): ExtractedDocument {
  const blocks: TextBlock[] = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => ({ kind: 'paragraph', text: p, page: null }));
  return { title: null, blocks, pages: null };
}
