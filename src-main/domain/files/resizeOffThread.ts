/**
 * Decodes an image and scales it down on a worker thread: decoding a large
 * photo in pure JavaScript takes a while, and the core's thread must keep
 * answering meanwhile. The worker loads the same jimp the core depends on
 * (resolved here, so it is found however the app was started), answers one
 * PNG or null, and is stopped after TIMEOUT_MS whatever happens.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const TIMEOUT_MS = 20_000;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  try {
    const { Jimp } = require(workerData.jimp);
    const image = await Jimp.read(Buffer.from(workerData.bytes));
    if (image.width > workerData.edge || image.height > workerData.edge) image.scaleToFit({ w: workerData.edge, h: workerData.edge });
    const png = await image.getBuffer('image/png');
    parentPort.postMessage({ png, width: image.width, height: image.height });
  } catch {
    parentPort.postMessage(null);
  }
})();
`;

export interface Resized {
  png: Buffer;
  width: number;
  height: number;
}

/** `bytes` decoded and scaled to fit `edge` × `edge`, as a PNG; null when it cannot be decoded (or takes too long). */
export function resizeOffThread(bytes: Buffer, edge: number): Promise<Resized | null> {
  const jimp = createRequire(import.meta.url).resolve('jimp');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { jimp, bytes, edge } });
    const timer = setTimeout(() => void worker.terminate(), TIMEOUT_MS);
    let answered = false;
    const done = (value: Resized | null): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(value);
    };
    worker.once('message', (answer: { png: Uint8Array; width: number; height: number } | null) => done(answer ? { png: Buffer.from(answer.png), width: answer.width, height: answer.height } : null));
    worker.once('error', () => done(null));
    worker.once('exit', () => done(null));
  });
}
