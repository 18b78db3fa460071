/**
 * Routes of file blobs (docs/files.md), with the device token like every
 * account route:
 *
 * - `GET  /v1/workspaces/:id/blobs/:hash/upload?room=R` → `{received, complete, usedBytes, quotaBytes, maxChunkBytes}`:
 *   where an upload stands (to resume it);
 * - `POST /v1/workspaces/:id/blobs/:hash?room=R&offset=N&size=S`, body the
 *   bytes from `offset` (application/octet-stream, at most `maxChunkBytes`, 256 MB, which the
 *   upload status gives; the bytes are hashed as they arrive and the blob
 *   flushed to disk once, when complete)
 *   → `{received, complete}`; a wrong offset is 409 with the one to resume from;
 * - `GET  /v1/workspaces/:id/blobs/:hash?room=R`, with `Range: bytes=N-` to
 *   resume → the bytes (200 or 206).
 *
 * Each asks that the caller be a member of the workspace and may read room
 * R under the same rule as the room's doc (policy/workspaceRules.ts
 * mayReadRoom: a private room or DM to its members only); a download also
 * asks that the blob was uploaded to R. The store is the relay's disk or an
 * S3-compatible bucket (BlobStore.ts), picked at start.
 */
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ENTITY_ID_PATTERN } from '../../src-main/common/ids';
import { HASH_PATTERN } from '../../src-main/common/contract/fileChannels';
import type { WorkspaceService } from '../accounts/WorkspaceService';
import type { AuthService } from '../auth/AuthService';
import type { HttpRoute, RouteContext } from '../http/HttpRoute';
import { parseInput } from '../http/readJsonBody';
import { workspaceIdParam } from '../http/relaySchemas';
import { mayReadRoom } from '../policy/workspaceRules';
import type { WorkspaceAccess } from '../policy/WorkspaceAccess';
import { ForbiddenError, RelayError, RelayNotFoundError } from '../RelayError';
import type { BlobStore } from './BlobStore';

export interface BlobRouteDeps {
  auth: AuthService;
  workspaces: WorkspaceService;
  access: WorkspaceAccess;
  blobs: BlobStore;
  quotaBytes: number;
  maxChunkBytes: number;
}

const hashParam = z.string().regex(HASH_PATTERN, 'must be 64 lowercase hex digits (SHA-256)');
const roomQuery = z.string().regex(ENTITY_ID_PATTERN, 'must be a room id');
const count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export function blobRoutes(deps: BlobRouteDeps): HttpRoute[] {
  const { blobs } = deps;

  /** The caller, workspace, room and hash of a request, once the caller may read the room. */
  const allowed = async (ctx: RouteContext, writing = false) => {
    const user = await deps.auth.authenticate(ctx.req.headers.authorization);
    const workspaceId = parseInput(workspaceIdParam, ctx.params.id, 'workspace id');
    const hash = parseInput(hashParam, ctx.params.hash, 'file hash');
    const query = new URL(ctx.req.url ?? '/', 'http://relay').searchParams;
    const roomId = parseInput(roomQuery, query.get('room') ?? '', 'room (?room=<roomId>)');
    // A guest reads only: their messages are not accepted, so neither are their files.
    const role = await deps.workspaces.requireRole(user, workspaceId, writing ? ['owner', 'admin', 'member'] : undefined);
    await deps.access.ready({ workspaceId, docName: `room/${roomId}` });
    if (!mayReadRoom(deps.access.factsOf(workspaceId), { userId: user.id, role, workspaceId }, roomId)) {
      throw new ForbiddenError('You may not read this room, so not its files either.');
    }
    return { user, workspaceId, roomId, hash, query };
  };

  return [
    {
      method: 'GET',
      path: '/v1/workspaces/:id/blobs/:hash/upload',
      handle: async (ctx) => {
        const { user, workspaceId, roomId, hash } = await allowed(ctx);
        return { status: 200, body: { ...(await blobs.state(workspaceId, roomId, user.id, hash)), usedBytes: await blobs.bytesUsed(workspaceId), quotaBytes: deps.quotaBytes, maxChunkBytes: deps.maxChunkBytes } };
      },
    },
    {
      method: 'POST',
      path: '/v1/workspaces/:id/blobs/:hash',
      handle: async (ctx) => {
        const { user, workspaceId, roomId, hash, query } = await allowed(ctx, true);
        const offset = parseInput(count, query.get('offset') ?? '', 'offset (?offset=<bytes already sent>)');
        const size = parseInput(count, query.get('size') ?? '', 'size (?size=<file bytes>)');
        const state = await blobs.append({ workspaceId, roomId, userId: user.id, hash, offset, size, body: ctx.req, maxChunk: deps.maxChunkBytes });
        return { status: 200, body: state };
      },
    },
    {
      method: 'GET',
      path: '/v1/workspaces/:id/blobs/:hash',
      handle: async (ctx) => {
        const { workspaceId, roomId, hash } = await allowed(ctx);
        if (!(await blobs.inRoom(workspaceId, roomId, hash))) throw new RelayNotFoundError('No such file in this room on the relay (it may not be uploaded yet).');
        const size = await blobs.blobSize(workspaceId, hash);
        const start = rangeStart(ctx.req.headers.range, size);
        const status = start > 0 ? 206 : 200;
        // Opened before the head is written: a bucket that does not answer is still an error reply.
        const bytes = size - start === 0 ? null : await blobs.openBlob(workspaceId, hash, start);
        ctx.res.writeHead(status, {
          'content-type': 'application/octet-stream',
          'content-length': String(size - start),
          'accept-ranges': 'bytes',
          'cache-control': 'no-store',
          ...(start > 0 ? { 'content-range': `bytes ${start}-${size - 1}/${size}` } : {}),
        });
        if (bytes === null) ctx.res.end();
        // A client gone mid-way ends the stream; there is nothing left to answer.
        else await pipeline(bytes, ctx.res).catch(() => ctx.res.destroy());
        return { status, streamed: true };
      },
    },
  ];
}

/** The first byte asked by `Range: bytes=N-` (0 without one); other shapes are refused. */
function rangeStart(header: string | undefined, size: number): number {
  if (header === undefined) return 0;
  const match = /^bytes=(\d{1,16})-$/.exec(header.trim());
  const start = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(start) || start > size) throw new RelayError('VALIDATION', `Range must be "bytes=N-" with N at most ${size}.`);
  return start;
}
