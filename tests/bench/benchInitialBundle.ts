/**
 * `renderer_initial_js_kb_gzip`: the JavaScript the built renderer needs for
 * its first screen (the entry script and every module `index.html` preloads),
 * gzip-compressed at level 9, in kB. Chunks loaded on demand (the code
 * highlighter, settings, tasks, knowledge, memory, dialogs) do not count.
 * Reads `out/renderer` (run `npm run build` first).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const renderer = path.resolve(fileURLToPath(new URL('../../out/renderer', import.meta.url)));

export interface InitialBundle {
  kbGzip: number;
  files: { file: string; bytes: number; gzipBytes: number }[];
}

export function measureInitialBundle(dir = renderer): InitialBundle {
  const indexFile = path.join(dir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`${indexFile} is missing: run \`npm run build\` first`);
  const html = fs.readFileSync(indexFile, 'utf8');
  const scripts = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
  if (scripts.length === 0) throw new Error('index.html loads no script');
  const files = scripts.map((file) => {
    const bytes = fs.readFileSync(path.join(dir, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  return { kbGzip: files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024, files };
}
