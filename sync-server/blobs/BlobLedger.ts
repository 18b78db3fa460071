/**
 * The bytes an S3 blob store counts against each workspace's quota, and its
 * per-upload leases. Items are `data/<hash>` (a kept blob, its size) and
 * `partial/<uploader>.<hash>` (an upload in progress, reserved at the file's
 * full size from its first chunk, so two nodes never both hand out the last
 * bytes of a quota). On one node they live in memory, read once per
 * workspace from the bucket (MemoryBlobLedger, here); with several nodes in
 * PostgreSQL, one transaction per reservation (PgBlobLedger.ts), so every
 * node checks against the same numbers.
 */

export interface BlobLedger {
  /** Bytes of the kept blobs of `workspaceId`. */
  stored(workspaceId: string): Promise<number>;
  /**
   * Reserves `bytes` for `item` unless every other item of the workspace plus `bytes` would pass
   * `quota`; `stored` is the kept bytes (for the refusal's message).
   */
  reserve(workspaceId: string, item: string, bytes: number, quota: number): Promise<{ fits: boolean; stored: number }>;
  /** Replaces reservation `from` by kept blob `to` (or drops it when `to` is null). */
  settle(workspaceId: string, from: string, to: { item: string; bytes: number } | null): Promise<void>;
  /** Drops `data/<hash>` and every `partial/*.<hash>` of the workspace. */
  dropHash(workspaceId: string, hash: string): Promise<void>;
  dropWorkspace(workspaceId: string): Promise<void>;
  /** Takes the lease `key` for `ms` (one connection per upload at a time); null when another holds it. */
  lease(key: string, ms: number): Promise<(() => Promise<void>) | null>;
  close(): Promise<void>;
}

/** What the bucket holds of a workspace, read once by the memory ledger. */
export type LedgerScan = (workspaceId: string) => Promise<Map<string, number>>;

export class MemoryBlobLedger implements BlobLedger {
  private readonly items = new Map<string, Promise<Map<string, number>>>();
  private readonly leases = new Set<string>();

  constructor(private readonly scan: LedgerScan) {}

  async stored(workspaceId: string): Promise<number> {
    return storedOf(await this.of(workspaceId));
  }

  async reserve(workspaceId: string, item: string, bytes: number, quota: number): Promise<{ fits: boolean; stored: number }> {
    const items = await this.of(workspaceId);
    let others = 0;
    for (const [name, n] of items) if (name !== item) others += n;
    const fits = others + bytes <= quota;
    if (fits) items.set(item, bytes);
    return { fits, stored: storedOf(items) };
  }

  async settle(workspaceId: string, from: string, to: { item: string; bytes: number } | null): Promise<void> {
    const items = await this.of(workspaceId);
    items.delete(from);
    if (to) items.set(to.item, to.bytes);
  }

  async dropHash(workspaceId: string, hash: string): Promise<void> {
    const items = await this.of(workspaceId);
    for (const name of [...items.keys()]) if (name === `data/${hash}` || (name.startsWith('partial/') && name.endsWith(`.${hash}`))) items.delete(name);
  }

  dropWorkspace(workspaceId: string): Promise<void> {
    this.items.delete(workspaceId);
    return Promise.resolve();
  }

  lease(key: string): Promise<(() => Promise<void>) | null> {
    if (this.leases.has(key)) return Promise.resolve(null);
    this.leases.add(key);
    return Promise.resolve(() => {
      this.leases.delete(key);
      return Promise.resolve();
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private of(workspaceId: string): Promise<Map<string, number>> {
    let items = this.items.get(workspaceId);
    if (!items) {
      items = this.scan(workspaceId);
      this.items.set(workspaceId, items);
      // A bucket that did not answer is asked again next time.
      items.catch(() => this.items.delete(workspaceId));
    }
    return items;
  }
}

function storedOf(items: Map<string, number>): number {
  let total = 0;
  for (const [name, n] of items) if (name.startsWith('data/')) total += n;
  return total;
}
