/**
 * How an S3 blob store (S3BlobStore.ts) names and reads the pieces of the
 * uploads in progress: the uploader's part of a key, the pieces that follow
 * each other from byte 0, and which key belongs to which upload (for the
 * sweep of abandoned uploads).
 */
import { createHash } from 'node:crypto';

/** A key under a workspace's `partial/`: the workspace, then `<uploader>.<hash>` (a piece, or the joined `.whole`). */
export const UPLOAD_KEY = /^([^/]+)\/partial\/([0-9a-f]{32}\.[0-9a-f]{64})(?:\/|\.whole$)/;

export interface S3Listed {
  key: string;
  size: number;
  /** LastModified, ms. */
  modified: number;
}

export interface Piece {
  key: string;
  offset: number;
  size: number;
}

/** The uploader's part of a key: the user id hashed, so whatever it holds never shapes a key. */
export function uploaderOf(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 32);
}

/** The pieces that follow each other from byte 0, and the bytes they hold. */
export function contiguous(pieces: Piece[]): { chain: Piece[]; held: number } {
  const chain: Piece[] = [];
  let held = 0;
  for (const piece of pieces) {
    if (piece.offset !== held) continue;
    chain.push(piece);
    held += piece.size;
  }
  return { chain, held };
}
