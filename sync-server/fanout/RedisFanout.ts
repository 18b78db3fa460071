/**
 * `DocFanout` over Redis Streams, for several relay nodes (`RELAY_REDIS_URL`).
 *
 * One stream per doc, `qwanyx:doc:<workspaceId>/<docName>`; each entry is
 * one message: `n` the publishing node, `k` kind (`u` update, `a` awareness),
 * `e` the update's id across nodes (`<node>-<n>`, n counting up from 1 on
 * each node), `p` the payload, and `d` the node's durable mark: every update
 * of that node numbered up to `d` is committed (empty until the first).
 * A node publishes with
 * XADD (trimming entries older than `RETAIN_MS`; an idle stream expires) and
 * delivers to its own listeners at once; one connection per node reads every
 * stream it listens to with a blocking XREAD and delivers what other nodes
 * published. A stream is read from its oldest retained entry when a node
 * starts listening, so a node that loads a doc from PostgreSQL also gets the
 * updates forwarded but not yet committed when it loaded (applying one twice
 * changes nothing), including those of a node that died before committing:
 * the node that applies them stores them too.
 *
 * Durable marks: a node stores the updates it applies from other nodes so
 * that one dying before its commit loses nothing; those copies wait for a
 * group commit (UpdateBatcher's copies wait up to 1 s), and by then the
 * node that took the update has nearly always committed it and said so in
 * the `d` of a later entry. A copy its node marked is not stored again: a
 * doc open on two nodes costs PostgreSQL one insert per update, not two
 * (the second met the first's row, `(doc_id, entry_id)` unique). A mark
 * only grows, is published only once every update up to it is committed
 * (a node that failed to store one of its own stops publishing marks), and
 * a node that dies before its mark covers an update leaves the copies to
 * be stored; marks of nodes not heard from in MARK_TTL_MS are forgotten.
 * A doc whose last update of this node is committed but was published
 * before the mark covering it (a burst that ended: no later message would
 * carry it) gets a mark-only entry (`k` = `m`, empty `p`) within
 * MARK_FLUSH_MS; readers of an older build skip that kind.
 *
 * Unlike y-redis, the stream is only the bus, not the log: every update is
 * committed to PostgreSQL by the node that took it before its writer is
 * acknowledged (no lazy persistence), and clients sync by state vector (no
 * full doc on every sync). When the bus fails (Redis unreachable, a reply
 * lost), the node's docs are told to `resync`: they reload and their clients
 * reconnect, so nothing diverges silently.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../src-main/common/Logger';
import type { DocFanout, FanoutListener, FanoutMessage } from './DocFanout';
import { InProcessFanout } from './InProcessFanout';

/** Stream entries are kept this long: far longer than a commit takes. */
const RETAIN_MS = 60_000;
/** Entries read per stream per call. */
const READ_COUNT = 1000;
/** Longest block of one XREAD (a new stream to read interrupts it sooner). */
const BLOCK_MS = 2000;
const STREAM_PREFIX = 'qwanyx:doc:';
/** Field names and kinds of a stream entry, as the bytes a reply holds them in. */
const FIELD_NODE = 0x6e; // n
const FIELD_KIND = 0x6b; // k
const FIELD_ENTRY = 0x65; // e
const FIELD_PAYLOAD = 0x70; // p
const FIELD_MARK = 0x64; // d
/** Marks of nodes not heard from this long are dropped (a node's id changes with each start). */
const MARK_TTL_MS = 10 * 60_000;
const KIND_UPDATE = 0x75; // u
const KIND_AWARENESS = 0x61; // a
/** Longest delay between a commit and the mark-only entries it calls for (copies wait 1 s). */
const MARK_FLUSH_MS = 50;

const EMPTY = Buffer.alloc(0);

/** The number of an update id `<node>-<n>`. */
function entryNumber(entryId: string): number {
  return Number(entryId.slice(entryId.lastIndexOf('-') + 1));
}

function streamOf(docKey: string): string {
  return STREAM_PREFIX + docKey.replace('\u0000', '/');
}

/** A fresh id for a relay node (one per process start). */
export function newNodeId(): string {
  return randomBytes(6).toString('base64url');
}

export class RedisFanout implements DocFanout {
  private readonly local = new InProcessFanout();
  /** Stream → id of the last entry read. */
  private readonly cursors = new Map<string, string>();
  private readonly docKeys = new Map<string, string>();
  /** Stream → when its expiry was last pushed back (once per half retention, not on every publish). */
  private readonly expiresSet = new Map<string, number>();
  private counter = 0;
  /** This node's durable mark, as published (`d`), '' before the first. */
  private ownMark = '';
  /** Other nodes' durable marks: node id → highest number committed, and when last heard. */
  private readonly marks = new Map<string, { upTo: number; at: number }>();
  /** Stream → number of this node's last update published on it, and the mark that entry (or a later one) carried. */
  private readonly published = new Map<string, { last: number; marked: number }>();
  private markFlush: NodeJS.Timeout | null = null;
  private readonly nodeIdBytes: Buffer;
  private minIdSecond = -1;
  private minIdText = '';
  private stopped = false;
  private blocked = false;
  private wakeUp: (() => void) | null = null;
  private readonly reading: Promise<void>;

  private constructor(
    readonly nodeId: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly subId: number,
    private readonly logger: Logger,
  ) {
    this.nodeIdBytes = Buffer.from(nodeId);
    this.reading = this.readLoop();
  }

  /** Connects to `url` (two connections: publish, read) as node `nodeId`; throws when Redis does not answer. */
  static async open(url: string, logger: Logger, nodeId = newNodeId()): Promise<RedisFanout> {
    const options = { lazyConnect: true, enableAutoPipelining: true, maxRetriesPerRequest: 3 };
    const pub = new Redis(url, options);
    const sub = new Redis(url, { ...options, enableAutoPipelining: false });
    for (const conn of [pub, sub]) conn.on('error', (err: Error) => logger('warn', 'fanout.redis_error', { err }));
    try {
      await Promise.all([pub.connect(), sub.connect()]);
      const subId = Number(await sub.client('ID'));
      return new RedisFanout(nodeId, pub, sub, subId, logger);
    } catch (err) {
      pub.disconnect();
      sub.disconnect();
      throw err;
    }
  }

  subscribe(docKey: string, listener: FanoutListener): () => void {
    const stop = this.local.subscribe(docKey, listener);
    const stream = streamOf(docKey);
    if (!this.cursors.has(stream)) {
      this.cursors.set(stream, '0');
      this.docKeys.set(stream, docKey);
      this.wake();
    }
    return () => {
      stop();
      if (this.local.has(docKey)) return;
      this.cursors.delete(stream);
      this.docKeys.delete(stream);
      this.expiresSet.delete(stream);
      this.published.delete(stream);
    };
  }

  publish(docKey: string, message: FanoutMessage): void {
    if (message.kind === 'resync') return this.local.publish(docKey, message);
    // To the bus first: its write goes out with the next flush of the connection, while this node forwards to its own sockets.
    this.toBus(docKey, message);
    this.local.publish(docKey, message);
  }

  private toBus(docKey: string, message: FanoutMessage): void {
    const stream = streamOf(docKey);
    const payload = Buffer.from(message.payload.buffer, message.payload.byteOffset, message.payload.byteLength);
    this.xadd(docKey, stream, message.kind === 'update' ? 'u' : 'a', message.entryId ?? '', payload);
    const own = this.published.get(stream);
    const last = message.entryId ? entryNumber(message.entryId) : (own?.last ?? 0);
    const marked = Number(this.ownMark || 0);
    if (own) {
      own.last = last;
      own.marked = marked;
    } else if (last > 0) this.published.set(stream, { last, marked });
  }

  private xadd(docKey: string, stream: string, kind: 'u' | 'a' | 'm', entryId: string, payload: Buffer): void {
    const now = Date.now();
    this.pub
      .xadd(stream, 'MINID', '~', this.minId(now), '*', 'n', this.nodeId, 'k', kind, 'e', entryId, 'p', payload, 'd', this.ownMark)
      .catch((err: unknown) => this.lost(docKey, err));
    if (now - (this.expiresSet.get(stream) ?? 0) > RETAIN_MS / 2) {
      this.expiresSet.set(stream, now);
      this.pub.pexpire(stream, RETAIN_MS * 2).catch(() => undefined);
    }
  }

  nextEntryId(): string {
    this.counter += 1;
    return `${this.nodeId}-${this.counter}`;
  }

  markStored(entryId: string): void {
    const at = entryId.lastIndexOf('-');
    if (entryId.slice(0, at) !== this.nodeId) return;
    const upTo = entryId.slice(at + 1);
    if (Number(upTo) <= Number(this.ownMark || 0)) return;
    this.ownMark = upTo;
    if (!this.markFlush && !this.stopped) {
      this.markFlush = setTimeout(this.flushMarks, MARK_FLUSH_MS);
      this.markFlush.unref();
    }
  }

  /** Mark-only entries for the docs whose last update of this node is committed and was published unmarked. */
  private readonly flushMarks = (): void => {
    this.markFlush = null;
    if (this.stopped) return;
    const mark = Number(this.ownMark || 0);
    for (const [stream, own] of this.published) {
      if (own.last > mark || own.marked >= own.last) continue;
      const docKey = this.docKeys.get(stream);
      if (docKey === undefined) continue;
      this.xadd(docKey, stream, 'm', '', EMPTY);
      own.marked = mark;
    }
  };

  storedElsewhere(entryId: string): boolean {
    const mark = this.marks.get(entryId.slice(0, entryId.lastIndexOf('-')));
    return mark !== undefined && entryNumber(entryId) <= mark.upTo;
  }

  async ping(): Promise<void> {
    await this.pub.ping();
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.markFlush) clearTimeout(this.markFlush);
    this.wake();
    await this.reading;
    await this.local.close();
    this.sub.disconnect();
    await this.pub.quit().catch(() => undefined);
  }

  /** Makes the reader take the streams it listens to now (a blocked XREAD is cut short). */
  private wake(): void {
    const waiting = this.wakeUp;
    this.wakeUp = null;
    waiting?.();
    if (!this.blocked) return;
    const unblock = (): void => void this.pub.client('UNBLOCK', this.subId).catch(() => undefined);
    unblock();
    // The XREAD may reach Redis after the first UNBLOCK: once more, a moment later.
    setTimeout(unblock, 5).unref();
  }

  private async readLoop(): Promise<void> {
    while (!this.stopped) {
      if (this.cursors.size === 0) {
        await new Promise<void>((resolve) => (this.wakeUp = resolve));
        continue;
      }
      const streams = [...this.cursors.keys()];
      const ids = streams.map((s) => this.cursors.get(s)!);
      let reply: [Buffer, [Buffer, Buffer[]][]][] | null;
      try {
        this.blocked = true;
        reply = (await this.sub.xreadBuffer('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...streams, ...ids)) as [Buffer, [Buffer, Buffer[]][]][] | null;
      } catch (err) {
        if (this.stopped) return;
        this.logger('error', 'fanout.read_failed', { err });
        for (const docKey of this.docKeys.values()) this.lost(docKey, err);
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      } finally {
        this.blocked = false;
      }
      if (reply) this.dispatch(reply);
    }
  }

  private dispatch(reply: [Buffer, [Buffer, Buffer[]][]][]): void {
    for (const [streamBuf, entries] of reply) {
      const stream = streamBuf.toString();
      const docKey = this.docKeys.get(stream);
      if (docKey === undefined || !this.cursors.has(stream)) continue;
      if (entries.length === 0) continue;
      this.cursors.set(stream, entries[entries.length - 1]![0].toString());
      for (const [, fields] of entries) {
        const message = this.readEntry(fields);
        if (message) this.local.publish(docKey, message);
      }
    }
  }

  /**
   * A stream entry of another node as a message, or null (ours, or not one we know). Read in one pass
   * over the raw field buffers, with no string made for an entry of our own: a node reads back every
   * entry it publishes, so on a node that holds docs alone that is nearly every entry.
   */
  private readEntry(fields: Buffer[]): FanoutMessage | null {
    // This node writes `n` first: one comparison of a few bytes skips its own entries.
    if (fields.length > 1 && fields[0]!.length === 1 && fields[0]![0] === FIELD_NODE && fields[1]!.equals(this.nodeIdBytes)) return null;
    let node: Buffer | undefined;
    let kind: Buffer | undefined;
    let entry: Buffer | undefined;
    let payload: Buffer | undefined;
    let mark: Buffer | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const name = fields[i]!;
      if (name.length !== 1) continue;
      const value = fields[i + 1];
      if (name[0] === FIELD_NODE) node = value;
      else if (name[0] === FIELD_KIND) kind = value;
      else if (name[0] === FIELD_ENTRY) entry = value;
      else if (name[0] === FIELD_PAYLOAD) payload = value;
      else if (name[0] === FIELD_MARK) mark = value;
    }
    if (node?.equals(this.nodeIdBytes)) return null;
    if (node && mark && mark.length > 0) this.learnMark(node.toString(), Number(mark.toString()));
    if (!payload || !kind || kind.length !== 1 || (kind[0] !== KIND_UPDATE && kind[0] !== KIND_AWARENESS)) return null;
    const entryId = entry && entry.length > 0 ? entry.toString() : undefined;
    return { kind: kind[0] === KIND_UPDATE ? 'update' : 'awareness', payload: new Uint8Array(payload), originId: 0, remote: true, ...(entryId ? { entryId } : {}) };
  }

  /** Another node's durable mark (it only grows; a value that is not a count is ignored). */
  private learnMark(nodeId: string, upTo: number): void {
    if (!Number.isSafeInteger(upTo) || upTo < 1) return;
    const now = Date.now();
    const known = this.marks.get(nodeId);
    if (known) {
      known.at = now;
      if (upTo > known.upTo) known.upTo = upTo;
      return;
    }
    for (const [id, { at }] of this.marks) if (now - at > MARK_TTL_MS) this.marks.delete(id);
    this.marks.set(nodeId, { upTo, at: now });
  }

  /** The `MINID` of a publish: entries older than RETAIN_MS, as one string per second (trimming is approximate anyway). */
  private minId(now: number): string {
    const second = Math.floor(now / 1000);
    if (second !== this.minIdSecond) {
      this.minIdSecond = second;
      this.minIdText = `${second * 1000 - RETAIN_MS}-0`;
    }
    return this.minIdText;
  }

  private lost(docKey: string, err: unknown): void {
    if (this.stopped) return;
    this.logger('warn', 'fanout.lost', { docKey: docKey.replace('\u0000', '/'), err });
    this.local.publish(docKey, { kind: 'resync', payload: new Uint8Array(0), originId: 0 });
  }
}
