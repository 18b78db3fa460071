/**
 * Reads a PDF's text layer on a worker thread: PDF.js parses a 500-page
 * file for seconds, and the core's thread must keep answering meanwhile.
 * The worker loads the same unpdf the core depends on (resolved here, so it
 * is found however the app was started), reads each page's text items and
 * the title of the file's metadata, exactly as extractPdf.ts does on its own
 * thread, and answers them; the layout into headings and paragraphs (quick)
 * is the same code as the knowledge import's, done a few pages at a time
 * (`pdfDocumentYielding`). The worker is stopped after TIMEOUT_MS whatever
 * happens, and its heap is capped.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ValidationError } from '../../common/AppError';
import { pdfDocumentYielding, pdfFailure, type PdfOpenFailure, type PdfText } from './extractPdf';
import type { ExtractedDocument } from './TextBlock';

const TIMEOUT_MS = 120_000;
/** Heap of the worker: a hostile file that makes PDF.js balloon stops the worker, never the core. */
const WORKER_HEAP_MB = 1024;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  let pdf = null;
  try {
    const { getDocumentProxy } = require(workerData.unpdf);
    try {
      pdf = await getDocumentProxy(workerData.bytes, { verbosity: 0, isEvalSupported: false, enableXfa: false, stopAtErrors: false });
    } catch (err) {
      parentPort.postMessage({ failure: err && err.name === 'PasswordException' ? 'password' : 'damaged' });
      return;
    }
    const pages = [];
    for (let page = 1; page <= pdf.numPages; page++) {
      const content = await (await pdf.getPage(page)).getTextContent();
      pages.push(content.items.filter((i) => 'str' in i).map((i) => ({ str: i.str, transform: i.transform, height: i.height, hasEOL: i.hasEOL })));
    }
    let title = null;
    try {
      const info = (await pdf.getMetadata()).info;
      title = info && typeof info.Title === 'string' ? info.Title : null;
    } catch {
      title = null;
    }
    parentPort.postMessage({ text: { pages, title } });
  } catch {
    parentPort.postMessage({ failure: 'unreadable' });
  } finally {
    if (pdf) await pdf.destroy().catch(() => undefined);
  }
})();
`;

type Answer = { text: PdfText } | { failure: PdfOpenFailure };

/** Blocks of a PDF's text layer, read on a worker; ValidationError for a damaged, encrypted, image-only or too slow file. */
export async function extractPdfOffThread(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument> {
  const unpdf = createRequire(import.meta.url).resolve('unpdf');
  const answer = await new Promise<Answer | null>((resolve) => {
    // A copy: the worker takes it (PDF.js detaches the buffer it is given).
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { unpdf, bytes: new Uint8Array(bytes) }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const timer = setTimeout(() => void worker.terminate(), TIMEOUT_MS);
    let answered = false;
    const done = (value: Answer | null): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(value);
    };
    worker.once('message', (value: Answer) => done(value));
    worker.once('error', () => done(null));
    worker.once('exit', () => done(null));
  });
  if (answer === null) throw new ValidationError(`${fileName} could not be read: it takes too long (over ${TIMEOUT_MS / 1000} s) or too much memory`);
  if ('failure' in answer) throw pdfFailure(answer.failure, fileName);
  return pdfDocumentYielding(answer.text, fileName);
}
