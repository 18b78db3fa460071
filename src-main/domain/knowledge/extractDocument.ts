/**
 * Which kind of file an import is (Markdown, text, HTML or PDF), and its
 * text as blocks. The kind comes from the file's own bytes when they say
 * (a PDF starts with `%PDF-`), else from its name's extension, else from
 * the type the file picker reported; anything else is refused with a
 * message naming what is accepted.
 */
import { ValidationError } from '../../common/AppError';
import { KNOWLEDGE_FILE_MAX_BYTES, type KnowledgeMime } from '../../common/contract/knowledgeChannels';
import { decodeText } from './decodeText';
import { extractHtml } from './extractHtml';
import { extractMarkdown, extractPlainText } from './extractMarkdown';
import { extractPdf } from './extractPdf';
import type { ExtractedDocument } from './TextBlock';

const BY_EXTENSION: Record<string, KnowledgeMime> = {
  md: 'text/markdown',
  markdown: 'text/markdown',
  mdown: 'text/markdown',
  txt: 'text/plain',
  text: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'text/html',
  pdf: 'application/pdf',
};

const BY_MIME: Record<string, KnowledgeMime> = {
  'text/markdown': 'text/markdown',
  'text/x-markdown': 'text/markdown',
  'text/plain': 'text/plain',
  'text/html': 'text/html',
  'application/xhtml+xml': 'text/html',
  'application/pdf': 'application/pdf',
};

/** Refused file types, with what is accepted. */
const ACCEPTED = 'Markdown (.md), text (.txt), HTML (.html) or PDF (.pdf)';

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The kind of `bytes` named `fileName`; ValidationError when it is not one the knowledge base reads. */
export function detectKnowledgeMime(fileName: string, mime: string | undefined, bytes: Uint8Array): KnowledgeMime {
  // A PDF may have a few bytes of junk before its header: readers accept it within the first kilobyte.
  const head = bytes.subarray(0, 1024);
  const pdfAt = Buffer.from(head.buffer, head.byteOffset, head.byteLength).indexOf('%PDF-');
  if (pdfAt >= 0) return 'application/pdf';
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const byName = BY_EXTENSION[extension];
  const reported = mime ? BY_MIME[mime.split(';')[0]!.trim().toLowerCase()] : undefined;
  const kind = byName ?? reported;
  if (!kind) throw new ValidationError(`${fileName}: this type of file cannot be imported; use ${ACCEPTED}`);
  if (kind === 'application/pdf') throw new ValidationError(`${fileName} is damaged or is not a PDF`);
  if (startsWith(bytes, 'PK\u0003\u0004') || startsWith(bytes, '\u00d0\u00cf\u0011\u00e0')) {
    throw new ValidationError(`${fileName} is an office document, not ${kind === 'text/html' ? 'HTML' : 'text'}: save it as PDF, Markdown or text first`);
  }
  return kind;
}

/**
 * The text of a file, as blocks; ValidationError when it is empty, too large,
 * unsupported or damaged. `readPdf` reads a PDF (extractPdfOffThread.ts: on a
 * worker thread); none: on this thread.
 */
export async function extractDocument(
  fileName: string,
  mime: string | undefined,
  bytes: Uint8Array,
  readPdf: (bytes: Uint8Array, fileName: string) => Promise<ExtractedDocument> = extractPdf,
): Promise<{ mime: KnowledgeMime; document: ExtractedDocument }> {
  if (bytes.length === 0) throw new ValidationError(`${fileName} is empty`);
  if (bytes.length > KNOWLEDGE_FILE_MAX_BYTES) throw new ValidationError(`${fileName} is larger than 20 MB`);
  const kind = detectKnowledgeMime(fileName, mime, bytes);
  if (kind === 'application/pdf') return { mime: kind, document: await readPdf(bytes, fileName) };
  const text = decodeText(bytes, fileName);
  const document = kind === 'text/html' ? extractHtml(text) : kind === 'text/markdown' ? extractMarkdown(text) : extractPlainText(text);
  return { mime: kind, document };
}
