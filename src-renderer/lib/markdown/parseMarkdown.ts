/**
 * GitHub-flavoured Markdown for messages, knowledge and digital-human
 * replies, parsed by markdown-it into its token stream (never into HTML):
 * tables, strikethrough, task lists, autolinks and fenced code. Raw HTML is
 * off, so `<b>` is the text "<b>"; images are off (a message never loads a
 * remote resource); a link whose target fails `safeUrl` keeps its label and
 * loses its target. A single newline is a line break, as in every chat app.
 */
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Parser, Token } from 'markdown-it';
import { safeUrl } from './safeUrl';
import { taskListRule } from './taskListRule';

export type { Token };

/** Quotes and lists nested deeper than this stop being parsed as such. */
const MAX_NESTING = 20;

function createParser(): Parser {
  const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false, maxNesting: MAX_NESTING });
  md.disable(['image']);
  // Only scheme-qualified links: `example.com` and `a@b.example` stay text.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  md.validateLink = (url: string): boolean => safeUrl(url) !== null;
  md.core.ruler.after('inline', 'task_lists', taskListRule);
  return md;
}

const parser = createParser();

/** The block tokens of `text` (inline content in each `inline` token's children). */
export function parseMarkdown(text: string): Token[] {
  return parser.parse(text, {});
}
