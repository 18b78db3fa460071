/**
 * The `qwanyx://app/` protocol that serves the built renderer (`out/renderer`)
 * in production. A custom standard, secure scheme gives the pages a real
 * origin of their own (storage, IndexedDB, fetch and CSP work as on the web)
 * without `file://`, which would let any page read any file on disk.
 *
 * Every response carries the app's Content-Security-Policy; requests that
 * leave the renderer folder are refused.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_SCHEME } from './appOrigin';
import type { Logger } from '../common/Logger';
import { RENDERER_INDEX, resolveRendererFile } from './resolveRendererFile';

/**
 * Policy of every app page: code and data only from the app itself; inline
 * styles allowed because React sets `style` attributes; nothing may frame it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Content types by extension, so module scripts never depend on sniffing. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Declares the scheme privileged. Electron accepts this only before the app
 * is ready, and only once, so main.ts calls it at module load.
 */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves `rendererDir` on `qwanyx://app/` in the default session; call once the app is ready. */
export function registerAppProtocol(rendererDir: string, log: Logger): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererFile(rendererDir, request, log));
}

async function serveRendererFile(rendererDir: string, request: Request, log: Logger): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');

  const requested = resolveRendererFile(rendererDir, request.url);
  if (requested === null) {
    log('warn', 'Refused an app protocol request outside the renderer', request.url);
    return plain(404, 'Not found');
  }

  try {
    const file = await existingFile(requested, rendererDir);
    if (file === null) return plain(404, 'Not found');
    const upstream = await net.fetch(pathToFileURL(file).toString());
    const headers = securityHeaders();
    headers.set(
      'Content-Type',
      CONTENT_TYPES[path.extname(file).toLowerCase()] ?? upstream.headers.get('Content-Type') ?? 'application/octet-stream',
    );
    return new Response(request.method === 'HEAD' ? null : upstream.body, { status: upstream.status, headers });
  } catch (err) {
    log('error', `Cannot serve ${request.url}`, err);
    return plain(500, 'Cannot read this file of the app');
  }
}

/**
 * The requested file, or the index page for a client-side route (a path
 * with no extension that is not a file), or null for a missing asset.
 */
async function existingFile(file: string, rendererDir: string): Promise<string | null> {
  if (await isFile(file)) return file;
  if (path.extname(file) !== '') return null;
  const index = path.join(rendererDir, RENDERER_INDEX);
  return (await isFile(index)) ? index : null;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw err;
  }
}

function securityHeaders(): Headers {
  return new Headers({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
}

function plain(status: number, text: string): Response {
  const headers = securityHeaders();
  headers.set('Content-Type', 'text/plain; charset=utf-8');
  return new Response(text, { status, headers });
}
