/**
 * The relay's file blob routes (docs/files.md, sync-server/blobs/blobRoutes.ts),
 * as the core calls them: where an upload stands, one chunk up, and a
 * download resumed from a byte offset into a file. JSON answers are parsed
 * with zod; failures are RelayApi's errors (unreachable, refused with the
 * relay's message, or protocol), and a quota refusal says so.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { AppError, RelayProtocolError, RelayRefusedError, RelayUnreachableError } from '../common/AppError';
import type { RelayApi } from './RelayApi';

const stateSchema = z.object({ received: z.number().int().min(0), complete: z.boolean() });
const statusSchema = stateSchema.extend({ usedBytes: z.number().int().min(0), quotaBytes: z.number().int().min(0) });
const errorSchema = z.object({ error: z.object({ code: z.string().max(100), message: z.string().max(2000) }) });

export type BlobUploadState = z.output<typeof stateSchema>;

export class RelayBlobApi {
  constructor(
    private readonly api: RelayApi,
    private readonly deviceToken: string,
  ) {}

  private path(workspaceId: string, hash: string, suffix = ''): string {
    return `/v1/workspaces/${encodeURIComponent(workspaceId)}/blobs/${hash}${suffix}`;
  }

  async status(workspaceId: string, roomId: string, hash: string): Promise<z.output<typeof statusSchema>> {
    return this.api.request('GET', `${this.path(workspaceId, hash, '/upload')}?room=${encodeURIComponent(roomId)}`, statusSchema, { deviceToken: this.deviceToken });
  }

  /** Sends `chunk`, the bytes of the file from `offset`, of a file of `size` bytes. */
  async upload(workspaceId: string, roomId: string, hash: string, offset: number, size: number, chunk: Uint8Array): Promise<BlobUploadState> {
    const url = `${this.api.relayUrl}${this.path(workspaceId, hash)}?room=${encodeURIComponent(roomId)}&offset=${offset}&size=${size}`;
    const response = await this.fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: new Blob([chunk as Uint8Array<ArrayBuffer>]) });
    const parsed = stateSchema.safeParse(await response.json().catch(() => null));
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
    if (response.status >= 500) throw new RelayUnreachableError(`The relay at ${this.api.relayUrl} had a problem (${response.status}); try again later`);
    if (response.status >= 400) {
      const body = errorSchema.safeParse(await response.json().catch(() => null));
      const message = body.success ? cleanText(body.data.error.message) : `The relay refused the request (${response.status})`;
      if (response.status === 413) throw new AppError('QUOTA_EXCEEDED', message);
      throw new RelayRefusedError(response.status, body.success ? body.data.error.code : null, message);
    }
    return response;
  }
}

/** A relay's message on one line, without control characters, at a readable length. */
function cleanText(text: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('').replace(/\s+/g, ' ').trim().slice(0, 300);
}
