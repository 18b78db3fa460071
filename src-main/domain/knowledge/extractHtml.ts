/**
 * HTML to blocks, by a small scanner over the markup: never a DOM, never a
 * script, never a fetch. What is not visible text is dropped with its
 * content (scripts, styles, templates, embedded SVG and math, forms'
 * option lists, the head but its <title>), comments and CDATA too; tags
 * are removed; headings <h1>…<h6> give the structure; block elements end a
 * paragraph; character references are decoded (numeric ones, the common
 * named ones); whitespace is collapsed except inside <pre>.
 */
import type { ExtractedDocument, TextBlock } from './TextBlock';

/** Elements whose content is not text to read. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'select', 'textarea', 'head']);
/** Elements that start or end a paragraph. */
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'tr', 'td', 'th', 'table', 'thead', 'tbody', 'tfoot', 'caption',
  'section', 'article', 'aside', 'header', 'footer', 'nav', 'main', 'blockquote', 'pre', 'hr', 'figure', 'figcaption',
  'address', 'details', 'summary', 'form', 'fieldset', 'legend', 'body', 'html', 'title',
]);

/** Latin-1 named references, in code point order from U+00A0. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo ' +
  'frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve ' +
  'Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ' +
  'ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
const NAMED = new Map<string, number>([
  ['amp', 38], ['lt', 60], ['gt', 62], ['quot', 34], ['apos', 39], ['OElig', 338], ['oelig', 339], ['ensp', 8194], ['emsp', 8195], ['thinsp', 8201],
  ['zwnj', 8204], ['zwj', 8205], ['ndash', 8211], ['mdash', 8212], ['lsquo', 8216], ['rsquo', 8217], ['sbquo', 8218], ['ldquo', 8220], ['rdquo', 8221],
  ['bdquo', 8222], ['dagger', 8224], ['bull', 8226], ['hellip', 8230], ['prime', 8242], ['lsaquo', 8249], ['rsaquo', 8250], ['euro', 8364], ['trade', 8482],
  ['larr', 8592], ['rarr', 8594], ['le', 8804], ['ge', 8805], ['ne', 8800],
  ...LATIN1.split(' ').map((name, i) => [name, 160 + i] as [string, number]),
]);

/** Decodes character references; an unknown or invalid one stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (whole, ref: string) => {
    let code: number | undefined;
    if (ref[0] === '#') code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    else code = NAMED.get(ref);
    if (code === undefined || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}

const TAG_NAME = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)/;

/**
 * Blocks of an HTML document. One pass, linear in the input's length
 * whatever it holds (no backtracking pattern runs over the markup).
 */
export function extractHtml(html: string): ExtractedDocument {
  const blocks: TextBlock[] = [];
  let title: string | null = null;
  let text = '';
  let heading: number | null = null;
  let pre = 0;
  const flush = (): void => {
    const body = pre > 0 ? text.replace(/^\n+|\s+$/g, '') : text.replace(/\s+/g, ' ').trim();
    text = '';
    if (body.length === 0) return;
    if (heading !== null) blocks.push({ kind: 'heading', level: heading, text: body.replace(/\s+/g, ' '), page: null });
    else blocks.push({ kind: 'paragraph', text: body, page: null });
  };
  const n = html.length;
  let i = 0;
  // The first '>' after the last '<' looked at: reused while we are before it, so a run of '<' without '>' is not rescanned.
  let gt = -1;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    text += decodeEntities(html.slice(i, lt));
    i = lt;
    const skipTo = (marker: string, from: number): number => {
      const end = html.indexOf(marker, from);
      return end < 0 ? n : end + marker.length;
    };
    if (html.startsWith('<!--', lt)) {
      i = skipTo('-->', lt + 4);
      continue;
    }
    if (html.startsWith('<![CDATA[', lt)) {
      i = skipTo(']]>', lt + 9);
      continue;
    }
    if (gt <= lt) gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    const m = TAG_NAME.exec(html.slice(lt, Math.min(gt + 1, lt + 80)));
    if (!m) {
      // A declaration or processing instruction is dropped; a lone '<' is text.
      if (html[lt + 1] === '!' || html[lt + 1] === '?') i = gt + 1;
      else {
        text += '<';
        i = lt + 1;
      }
      continue;
    }
    const tag = html.slice(lt, gt + 1);
    i = gt + 1;
    const name = m[2]!.toLowerCase();
    const closing = m[1] === '/';
    if (!closing && name === 'title' && title === null) {
      const end = findClose(html, 'title', i);
      title = decodeEntities(html.slice(i, end.start)).replace(/\s+/g, ' ').trim() || null;
      i = end.end;
      continue;
    }
    if (!closing && SKIPPED.has(name) && !tag.endsWith('/>')) {
      // Everything up to the matching close tag is dropped, unread (but a <head>'s title).
      const end = name === 'head' ? findHeadEnd(html, i) : findClose(html, name, i);
      if (name === 'head' && title === null) title = titleIn(html.slice(i, end.start));
      i = end.end;
      continue;
    }
    const level = /^h([1-6])$/.exec(name);
    if (level) {
      flush();
      heading = closing ? null : Number(level[1]);
      continue;
    }
    if (name === 'pre') {
      flush();
      pre = closing ? Math.max(0, pre - 1) : pre + 1;
      continue;
    }
    if (BLOCKS.has(name)) flush();
    else if (name === 'img' && !closing) text += altText(tag);
  }
  if (i < n) text += decodeEntities(html.slice(i));
  flush();
  const h1 = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  return { title: title ?? h1?.text ?? null, blocks, pages: null };
}

/** Where the close tag of `name` starts and ends, from `from` (the end of the text when missing). */
function findClose(html: string, name: string, from: number): { start: number; end: number } {
  const re = new RegExp(`</${name}\\s*>`, 'ig');
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? { start: m.index, end: re.lastIndex } : { start: html.length, end: html.length };
}

/** The end of a <head>: its close tag, or where <body> starts when the close tag is left out. */
function findHeadEnd(html: string, from: number): { start: number; end: number } {
  const re = /<\/head\s*>|<body\b/gi;
  re.lastIndex = from;
  const m = re.exec(html);
  if (!m) return { start: html.length, end: html.length };
  return m[0].toLowerCase().startsWith('<body') ? { start: m.index, end: m.index } : { start: m.index, end: re.lastIndex };
}

function titleIn(head: string): string | null {
  const lower = head.toLowerCase();
  const open = lower.indexOf('<title');
  const gt = open < 0 ? -1 : head.indexOf('>', open);
  if (gt < 0) return null;
  const close = lower.indexOf('</title', gt);
  return decodeEntities(head.slice(gt + 1, close < 0 ? head.length : close)).replace(/\s+/g, ' ').trim() || null;
}

function altText(tag: string): string {
  const m = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
  const alt = m ? decodeEntities(m[1] ?? m[2] ?? '').trim() : '';
  return alt.length > 0 ? ` ${alt} ` : ' ';
}
