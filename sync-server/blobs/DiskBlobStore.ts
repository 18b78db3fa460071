/**
 * The relay's own disk as a BlobStore (BlobStore.ts): RelayBlobStore keeps
 * every rule of the files on disk; this adds the reads the routes used to
 * make on its paths, so they serve a disk and a bucket the same way.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { BlobAppendInput, BlobStore, UploadState } from './BlobStore';
import { RelayBlobStore } from './RelayBlobStore';

export class DiskBlobStore implements BlobStore {
  readonly kind = 'disk';
  readonly disk: RelayBlobStore;

  constructor(root: string, quotaBytes: number) {
    this.disk = new RelayBlobStore(root, quotaBytes);
  }

  inRoom(workspaceId: string, roomId: string, hash: string): boolean {
    return this.disk.inRoom(workspaceId, roomId, hash);
  }

  bytesUsed(workspaceId: string): number {
    return this.disk.bytesUsed(workspaceId);
  }

  state(workspaceId: string, roomId: string, userId: string, hash: string): UploadState {
    return this.disk.state(workspaceId, roomId, userId, hash);
  }

  append(input: BlobAppendInput): Promise<UploadState> {
    return this.disk.append(input);
  }

  blobSize(workspaceId: string, hash: string): number {
    return fs.statSync(this.disk.dataPath(workspaceId, hash)).size;
  }

  openBlob(workspaceId: string, hash: string, start: number): Readable {
    return fs.createReadStream(this.disk.dataPath(workspaceId, hash), { start });
  }

  remove(workspaceId: string, hash: string): boolean {
    return this.disk.remove(workspaceId, hash);
  }

  removeWorkspace(workspaceId: string): number {
    return this.disk.removeWorkspace(workspaceId);
  }

  sweepPartial(before: number): Promise<{ uploads: number; bytes: number }> {
    return Promise.resolve(this.disk.sweepPartial(before));
  }

  problem(): Promise<string | null> {
    return Promise.resolve(null);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
