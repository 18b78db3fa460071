/**
 * The digital human's message that holds a reply, written into the room doc
 * as it streams, so teammates see it grow. Writes are throttled (a change
 * every `intervalMs` at most, the last one always written) and made with
 * origin `agent`. The message keeps its id across attempts: a reply that
 * waited in the outbox replaces its "queued" notice, never adds a second one.
 */
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { readMessageRecord, roomDocName, writeMessageRecord, type MessageRecord } from '../../storage/rooms/roomDocFormat';
import { txOrigin } from '../../sync/TxOrigin';

export interface ReplySlot {
  handle: WorkspaceHandle;
  roomId: string;
  messageId: string;
  dhId: string;
  /** The member whose device writes the reply (the relay checks it is the connected one). */
  postedBy: string;
  threadRootId: string | null;
  /** Member ids mentioned by the text. */
  mentionsOf: (text: string) => string[];
  now: () => number;
}

const MAX_TEXT = 40_000;

export class ReplyWriter {
  private lastWrite = 0;
  private pendingText: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly slot: ReplySlot,
    private readonly intervalMs = 80,
  ) {}

  /** Creates the message if it does not exist yet, with `text`. */
  ensure(text: string): void {
    const current = this.current();
    if (!current) this.write(text);
  }

  /** The text so far, while streaming (throttled). */
  stream(text: string): void {
    this.pendingText = text;
    const wait = this.lastWrite + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), wait);
      this.timer.unref();
    }
  }

  /** The final text (written now). */
  finish(text: string): void {
    this.pendingText = text;
    this.flush();
  }

  /** The text the message holds now. */
  text(): string {
    return this.current()?.text ?? '';
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const text = this.pendingText;
    this.pendingText = null;
    if (text !== null) this.write(text);
  }

  private current(): MessageRecord | null {
    const { handle, roomId, messageId } = this.slot;
    return readMessageRecord(messageId, handle.docs.doc(roomDocName(roomId)).getMap('messages').get(messageId));
  }

  private write(raw: string): void {
    const { handle, roomId, messageId, dhId, threadRootId, now } = this.slot;
    const text = raw.length > MAX_TEXT ? `${raw.slice(0, MAX_TEXT - 1)}…` : raw;
    const existing = this.current();
    const record: MessageRecord = {
      id: messageId,
      authorId: dhId,
      text,
      createdAt: existing?.createdAt ?? now(),
      editedAt: null,
      deleted: false,
      threadRootId,
      mentions: this.slot.mentionsOf(text),
      postedBy: this.slot.postedBy,
    };
    handle.docs.transact(roomDocName(roomId), txOrigin('agent', dhId), (doc) => {
      doc.getMap('messages').set(messageId, writeMessageRecord(record));
    });
    this.lastWrite = Date.now();
  }
}
