/**
 * The relay's file blob routes (docs/files.md, sync-server/blobs/blobRoutes.ts),
 * as the core calls them: where an upload stands, a piece of a file sent up
 * in one request streamed from the disk (node:http, not fetch: fetch copied
 * the piece into a Blob and read it back in small slices, which cost more
 * CPU than the relay's work on the bytes), and a download resumed from a
 * byte offset into a file. JSON answers are parsed
 * with zod; failures are RelayApi's errors (unreachable, refused with the
 * relay's message, or protocol), and a quota refusal says so.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { AppError, RelayProtocolError, RelayRefusedError, RelayUnreachableError } from '../common/AppError';
import type { RelayApi } from './RelayApi';

const stateSchema = z.object({ received: z.number().int().min(0), complete: z.boolean() });
// `maxChunkBytes`: the most one request may carry; relays that do not say take BLOB_CHUNK_BYTES.
const statusSchema = stateSchema.extend({ usedBytes: z.number().int().min(0), quotaBytes: z.number().int().min(0), maxChunkBytes: z.number().int().min(1).optional() });
const errorSchema = z.object({ error: z.object({ code: z.string().max(100), message: z.string().max(2000) }) });

export type BlobUploadState = z.output<typeof stateSchema>;

/** An upload with no byte moving for this long is given up (and resumes later). */
const UPLOAD_IDLE_MS = 60_000;
/** The file is read in pieces of this size (fewer, larger socket writes). */
const READ_BYTES = 1024 * 1024;

export class RelayBlobApi {
  constructor(
    private readonly api: RelayApi,
    private readonly deviceToken: string,
  ) {}

  private path(workspaceId: string, hash: string, suffix = ''): string {
    return `/v1/workspaces/${encodeURIComponent(workspaceId)}/blobs/${hash}${suffix}`;
  }

  async status(workspaceId: string, roomId: string, hash: string): Promise<z.output<typeof statusSchema>> {
    const ask = () => this.api.request('GET', `${this.path(workspaceId, hash, '/upload')}?room=${encodeURIComponent(roomId)}`, statusSchema, { deviceToken: this.deviceToken });
    // A kept-alive connection, idle while the file went up on another one, may be closed by the relay just as it is
    // reused: that fails at once, and asking again is safe (a read).
    return ask().catch((err: unknown) => (err instanceof RelayUnreachableError && err.message.includes('ECONNRESET') ? ask() : Promise.reject(err)));
  }

  /**
   * Sends bytes `offset` to `end` (exclusive) of `file`, blob `hash` of `size` bytes, in one request
   * streamed from the disk; `onBytes` hears how many bytes of the file the relay has been sent so far.
   */
  async uploadFile(
    workspaceId: string,
    roomId: string,
    hash: string,
    piece: { file: string; offset: number; end: number; size: number },
    onBytes: (sent: number) => void = () => undefined,
  ): Promise<BlobUploadState> {
    const { file, offset, end, size } = piece;
    const url = new URL(`${this.api.relayUrl}${this.path(workspaceId, hash)}?room=${encodeURIComponent(roomId)}&offset=${offset}&size=${size}`);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const unreachable = (err: unknown) =>
        reject(new RelayUnreachableError(`The upload of a file to ${this.api.relayUrl} was cut; it resumes where the relay stands: ${err instanceof Error ? err.message : String(err)}`, { cause: err }));
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(end - offset), Authorization: `Bearer ${this.deviceToken}` },
        // Idle, not total: a large piece on a slow link takes as long as it takes while bytes move.
        timeout: UPLOAD_IDLE_MS,
      });
      let source: fs.ReadStream | null = null;
      request.on('timeout', () => request.destroy(new Error('no progress in time')));
      request.on('error', (err) => {
        source?.destroy();
        unreachable(err);
      });
      request.on('response', (response) => {
        // An early answer (a refusal before the body was read): stop sending.
        source?.destroy();
        const parts: Buffer[] = [];
        let length = 0;
        response.on('data', (part: Buffer) => {
          length += part.length;
          if (length <= 1_000_000) parts.push(part);
        });
        response.on('error', unreachable);
        response.on('close', () => {
          if (!response.complete) unreachable(new Error('the answer was cut'));
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
      });
      if (end === offset) {
        request.end();
        return;
      }
      source = fs.createReadStream(file, { start: offset, end: end - 1, highWaterMark: READ_BYTES });
      let sent = offset;
      source.on('data', (part) => {
        sent += part.length;
        if (!request.write(part)) source?.pause();
        onBytes(sent);
      });
      request.on('drain', () => source?.resume());
      source.on('end', () => request.end());
      source.on('error', (err) => request.destroy(err));
    });
    const body = parseJson(answer.text);
    if (answer.status >= 400) this.refused(answer.status, body);
    const parsed = stateSchema.safeParse(body);
    if (!parsed.success) throw new RelayProtocolError(`The relay at ${this.api.relayUrl} sent an unexpected answer to a file upload`);
    return parsed.data;
  }

  /** Appends the file's bytes from `file`'s current length to its end (a resumed download asks only for the rest). */
  async download(workspaceId: string, roomId: string, hash: string, file: string, onBytes: (held: number) => void = () => undefined): Promise<void> {
    const start = fs.existsSync(file) ? fs.statSync(file).size : 0;
    const url = `${this.api.relayUrl}${this.path(workspaceId, hash)}?room=${encodeURIComponent(roomId)}`;
    const response = await this.fetch(url, { method: 'GET', headers: start > 0 ? { Range: `bytes=${start}-` } : {} }, 10 * 60_000);
    if (!response.body) throw new RelayProtocolError(`The relay at ${this.api.relayUrl} sent no bytes for a file`);
    // 200 when the relay ignored the range: start over.
    const out = fs.createWriteStream(file, { flags: response.status === 206 ? 'a' : 'w' });
    try {
      let held = response.status === 206 ? start : 0;
      const counted = Readable.fromWeb(response.body as WebReadableStream);
      counted.on('data', (chunk: Buffer) => onBytes((held += chunk.length)));
      await pipeline(counted, out);
    } catch (err) {
      throw new RelayUnreachableError(`The download of a file from ${this.api.relayUrl} was cut; it resumes where it stopped`, { cause: err });
    }
  }

  private async fetch(url: string, init: RequestInit, timeoutMs = 120_000): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${this.deviceToken}` }, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new RelayUnreachableError(`Cannot reach the relay at ${this.api.relayUrl}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (response.status >= 400) this.refused(response.status, response.status >= 500 ? null : await response.json().catch(() => null));
    return response;
  }

  /** Throws the error of a refused request (status 400 or more) whose JSON answer is `json`. */
  private refused(status: number, json: unknown): never {
    if (status >= 500) throw new RelayUnreachableError(`The relay at ${this.api.relayUrl} had a problem (${status}); try again later`);
    const body = errorSchema.safeParse(json);
    const message = body.success ? cleanText(body.data.error.message) : `The relay refused the request (${status})`;
    if (status === 413) throw new AppError('QUOTA_EXCEEDED', message);
    throw new RelayRefusedError(status, body.success ? body.data.error.code : null, message);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: the schema check that follows reports it.
    return null;
  }
}

/** A relay's message on one line, without control characters, at a readable length. */
function cleanText(text: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('').replace(/\s+/g, ' ').trim().slice(0, 300);
}
