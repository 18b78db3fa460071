import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src-main/common/Logger';
import { RelayMetrics } from '../metrics/RelayMetrics';
import type { DocAppend, DocPersistence } from '../persistence/DocPersistence';
import type { RelayConnection } from './RelayConnection';
import { COPY_WAIT_MS, LAZY_WRITE_MS, UpdateBatcher, type BatchedDoc, type PendingWrite } from './UpdateBatcher';

/** A log whose commits the test settles one by one, in any order. */
class ControlledLog {
  readonly commits: { appends: DocAppend[]; resolve: () => void; reject: (err: Error) => void }[] = [];

  appendUpdates(appends: readonly DocAppend[]): Promise<void> {
    return new Promise((resolve, reject) => this.commits.push({ appends: [...appends], resolve, reject }));
  }
}

class FakeDoc implements BatchedDoc {
  writeSeq = 0;
  writable = true;
  readonly durable: number[] = [];
  failures = 0;
  constructor(readonly key: { workspaceId: string; docName: string }) {}
  onDurable(write: PendingWrite): void {
    this.durable.push(write.seq);
  }
  afterFlush(): void {}
  onWriteFailed(): void {
    this.failures += 1;
    this.writable = false;
  }
}

/** The part of a connection the batcher uses: counters and the ack. */
function fakeConn(): RelayConnection & { acks: number[] } {
  const conn = { userId: 'u1', durable: 0, acks: [] as number[], ackDurable: () => conn.acks.push(conn.durable) };
  return conn as unknown as RelayConnection & { acks: number[] };
}

const update = (n: number): Uint8Array => Uint8Array.of(n);
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const silent: Logger = () => undefined;

/** Durable marks as a test sees them: what this node marked, and which other nodes' ids count as committed. */
class FakeMarks {
  readonly marked: string[] = [];
  readonly elsewhere = new Set<string>();
  markStored(entryId: string): void {
    this.marked.push(entryId);
  }
  storedElsewhere(entryId: string): boolean {
    return this.elsewhere.has(entryId);
  }
}

function setup(): { log: ControlledLog; batcher: UpdateBatcher; marks: FakeMarks; metrics: RelayMetrics } {
  const log = new ControlledLog();
  const metrics = new RelayMetrics({ connections: () => 0, pendingAuth: () => 0, docsLoaded: () => 0 });
  const marks = new FakeMarks();
  return { log, batcher: new UpdateBatcher(log as unknown as DocPersistence, metrics, silent, marks), marks, metrics };
}

describe('UpdateBatcher', () => {
  it('starts the next group while the first commits, and acknowledges in order whatever order they commit in', async () => {
    const { log, batcher } = setup();
    const doc = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    const conn = fakeConn();
    batcher.add(doc, conn, update(1));
    batcher.add(doc, conn, update(2));
    await turn();
    expect(log.commits.map((c) => c.appends.length)).toEqual([2]);
    batcher.add(doc, conn, update(3));
    await turn();
    // Pipelined: the second group went to the log before the first answered.
    expect(log.commits.map((c) => c.appends.length)).toEqual([2, 1]);
    batcher.add(doc, conn, update(4));
    batcher.add(doc, conn, update(5));
    await turn();
    // At most two groups under way: the third waits, and grows.
    expect(log.commits).toHaveLength(2);
    log.commits[1]!.resolve();
    await turn();
    expect(conn.acks).toEqual([]);
    expect(doc.durable).toEqual([]);
    log.commits[0]!.resolve();
    await turn();
    expect(conn.acks).toEqual([3]);
    expect(doc.durable).toEqual([1, 2, 3]);
    expect(log.commits.map((c) => c.appends.map((a) => a.update[0]))).toEqual([[1, 2], [3], [4, 5]]);
    let flushed = false;
    void batcher.flushed().then(() => (flushed = true));
    await turn();
    expect(flushed).toBe(false);
    log.commits[2]!.resolve();
    await turn();
    expect(flushed).toBe(true);
    expect(conn.acks).toEqual([3, 5]);
  });

  it('acknowledges nothing of a doc after a group of it failed, even a later group that committed', async () => {
    const { log, batcher } = setup();
    const doc = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    const other = new FakeDoc({ workspaceId: 'w', docName: 'room/b' });
    const conn = fakeConn();
    const otherConn = fakeConn();
    batcher.add(doc, conn, update(1));
    await turn();
    batcher.add(doc, conn, update(2));
    batcher.add(other, otherConn, update(3));
    await turn();
    log.commits[1]!.resolve();
    log.commits[0]!.reject(new Error('disk full'));
    await turn();
    expect(doc.failures).toBe(1);
    expect(conn.acks).toEqual([]);
    expect(doc.durable).toEqual([]);
    expect(otherConn.acks).toEqual([1]);
    await batcher.flushed();
  });

  it('resolves a flush once abandoned writes are dropped', async () => {
    const { log, batcher } = setup();
    const doc = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    batcher.add(doc, fakeConn(), update(1));
    const flushed = batcher.flushed();
    batcher.abandon();
    await flushed;
    expect(log.commits).toHaveLength(0);
  });

  it("starts no group for another node's update before COPY_WAIT_MS, and lets it ride, in order, with the next prompt write", async () => {
    const { log, batcher } = setup();
    const doc = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    const conn = fakeConn();
    batcher.add(doc, null, update(1), 'n2-1', 'copy');
    batcher.add(doc, null, update(2), 'n2-2', 'copy');
    await turn();
    expect(log.commits).toHaveLength(0);
    batcher.add(doc, conn, update(3));
    await turn();
    expect(log.commits.map((c) => c.appends.map((a) => a.update[0]))).toEqual([[1, 2, 3]]);
    log.commits[0]!.resolve();
    await turn();
    expect(doc.durable).toEqual([1, 2, 3]);
    expect(conn.acks).toEqual([1]);
    // Alone, it goes once the delay is over; a stock client's write behind it brings it forward to its own.
    const started = performance.now();
    batcher.add(doc, null, update(4), 'n2-3', 'copy');
    while (log.commits.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(performance.now() - started).toBeGreaterThanOrEqual(COPY_WAIT_MS - 2);
    log.commits[1]!.resolve();
    await turn();
    expect(doc.durable).toEqual([1, 2, 3, 4]);
  });

  it('starts the lazy writes waiting when someone flushes (a doc about to be read from the log)', async () => {
    const { log, batcher } = setup();
    const doc = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    batcher.add(doc, null, update(1), undefined, 'lazy');
    let flushed = false;
    void batcher.flushed().then(() => (flushed = true));
    await turn();
    expect(log.commits.map((c) => c.appends.map((a) => a.update[0]))).toEqual([[1]]);
    expect(flushed).toBe(false);
    log.commits[0]!.resolve();
    await turn();
    expect(flushed).toBe(true);
    expect(doc.durable).toEqual([1]);
  });

  it('resolves a flush once abandoned lazy writes are dropped', async () => {
    const { log, batcher } = setup();
    const doc = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    batcher.add(doc, null, update(1), 'n2-1', 'copy');
    const flushed = batcher.flushed();
    batcher.abandon();
    await flushed;
    await new Promise((resolve) => setTimeout(resolve, LAZY_WRITE_MS + 5));
    expect(log.commits).toHaveLength(0);
  });

  it('does not start a group for lazy writes alone when a commit ends: they wait out their delay', async () => {
    const { log, batcher } = setup();
    const doc = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    batcher.add(doc, fakeConn(), update(1));
    await turn();
    expect(log.commits).toHaveLength(1);
    const queued = performance.now();
    batcher.add(doc, null, update(2), undefined, 'lazy');
    log.commits[0]!.resolve();
    await turn();
    await turn();
    // The commit under way ended: a lazy write alone does not follow it at once.
    expect(log.commits).toHaveLength(1);
    while (log.commits.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(performance.now() - queued).toBeGreaterThanOrEqual(LAZY_WRITE_MS - 2);
    expect(log.commits[1]!.appends.map((a) => a.update[0])).toEqual([2]);
  });

  it('resolves a flush once the writes queued before it are committed, whatever is queued after', async () => {
    const { log, batcher } = setup();
    const doc = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    const conn = fakeConn();
    batcher.add(doc, conn, update(1));
    let flushed = false;
    void batcher.flushed().then(() => (flushed = true));
    await turn();
    // A busy relay: more writes keep coming while the first group commits.
    batcher.add(doc, conn, update(2));
    await turn();
    expect(log.commits).toHaveLength(2);
    batcher.add(doc, conn, update(3));
    log.commits[0]!.resolve();
    await turn();
    expect(flushed).toBe(true);
    expect(doc.durable).toEqual([1]);
  });

  it("does not store a copy its node marked committed (still reported durable), and marks this node's own updates once committed", async () => {
    const { log, batcher, marks, metrics } = setup();
    const doc = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    const conn = fakeConn();
    marks.elsewhere.add('n2-1');
    batcher.add(doc, null, update(1), 'n2-1', 'copy');
    batcher.add(doc, null, update(2), 'n2-2', 'copy');
    batcher.add(doc, conn, update(3), 'n1-1');
    batcher.add(doc, conn, update(4), 'n1-2');
    await turn();
    // n2-1 was marked by its node: only n2-2 and this node's own go to the log.
    expect(log.commits.map((c) => c.appends.map((a) => a.entryId))).toEqual([['n2-2', 'n1-1', 'n1-2']]);
    expect(metrics.copiesSkipped).toBe(1);
    expect(marks.marked).toEqual([]);
    log.commits[0]!.resolve();
    await turn();
    expect(doc.durable).toEqual([1, 2, 3, 4]);
    expect(marks.marked).toEqual(['n1-2']);
  });

  it('marks nothing more once one of its own updates failed to commit (other nodes then keep storing their copies)', async () => {
    const { log, batcher, marks } = setup();
    const failing = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    const other = new FakeDoc({ workspaceId: 'w', docName: 'room/b' });
    batcher.add(failing, fakeConn(), update(1), 'n1-1');
    await turn();
    batcher.add(other, fakeConn(), update(2), 'n1-2');
    await turn();
    log.commits[0]!.reject(new Error('disk full'));
    log.commits[1]!.resolve();
    await turn();
    expect(other.durable).toEqual([1]);
    // n1-2 committed, but n1-1 did not: a mark up to n1-2 would cover it.
    expect(marks.marked).toEqual([]);
  });

  it("brings a copy's wait forward to a stock client's shorter one", async () => {
    const { log, batcher } = setup();
    const doc = new FakeDoc({ workspaceId: 'w', docName: 'room/a' });
    const started = performance.now();
    batcher.add(doc, null, update(1), 'n2-1', 'copy');
    batcher.add(doc, fakeConn(), update(2), undefined, 'lazy');
    while (log.commits.length < 1) await new Promise((resolve) => setTimeout(resolve, 1));
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(LAZY_WRITE_MS - 2);
    expect(waited).toBeLessThan(COPY_WAIT_MS);
    expect(log.commits[0]!.appends.map((a) => a.update[0])).toEqual([1, 2]);
  });
});
