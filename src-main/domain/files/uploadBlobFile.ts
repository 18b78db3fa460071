/**
 * Sends one blob of this device to the workspace's relay (docs/files.md):
 * asks where the upload stands, then sends the rest of the file from that
 * byte, streamed from the disk (RelayBlobApi.uploadFile). The core's
 * FileTransfer and the upload bench both go through here.
 *
 * Why requests of growing size rather than fixed chunks: each request is a
 * round trip and the relay's checks, and the relay gives a request at most
 * 30 s. The first request carries 16 MB; each next one as much as about
 * 10 s of the throughput seen so far, up to the rest of the file or what
 * the relay takes in one request (its status says; 16 MB when it does not). A fast
 * link sends a file in one or two requests; a slow one stays well within
 * the relay's limit. A request cut short loses nothing: the relay keeps the
 * bytes that came, and the next attempt starts from where it stands.
 */
import { BLOB_CHUNK_BYTES } from '../../common/contract/fileChannels';
import { RelayProtocolError } from '../../common/AppError';
import type { BlobUploadState, RelayBlobApi } from '../../sync/RelayBlobApi';

/** Bytes of the first request of an upload. */
export const FIRST_REQUEST_BYTES = 16 * 1024 * 1024;
/** Seconds of the throughput seen so far that a next request carries. */
const REQUEST_SECONDS = 10;

export interface BlobUpload {
  workspaceId: string;
  roomId: string;
  hash: string;
  /** The blob's bytes on this device. */
  file: string;
  size: number;
}

/** Uploads `blob` from where the relay stands; `onBytes` hears the bytes of the file sent so far. Returns the requests made. */
export async function uploadBlobFile(relay: RelayBlobApi, blob: BlobUpload, onBytes: (sent: number) => void = () => undefined): Promise<number> {
  const { workspaceId, roomId, hash, file, size } = blob;
  const status = await relay.status(workspaceId, roomId, hash);
  const most = status.maxChunkBytes ?? BLOB_CHUNK_BYTES;
  let state: BlobUploadState = status;
  let requests = 0;
  let next = FIRST_REQUEST_BYTES;
  while (!state.complete) {
    const offset = state.received;
    const end = Math.min(size, offset + Math.min(next, most));
    const started = performance.now();
    state = await relay.uploadFile(workspaceId, roomId, hash, { file, offset, end, size }, onBytes);
    requests++;
    if (!state.complete && state.received <= offset) throw new RelayProtocolError(`The relay took none of a file's bytes (it holds ${state.received} of ${size})`);
    const seconds = Math.max(0.001, (performance.now() - started) / 1000);
    next = Math.max(FIRST_REQUEST_BYTES, Math.floor(((state.received - offset) / seconds) * REQUEST_SECONDS));
  }
  onBytes(size);
  return requests;
}
