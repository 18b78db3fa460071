/** `DocFanout` for a single relay node: listeners are called synchronously, in subscription order. */
import type { DocFanout, FanoutListener, FanoutMessage } from './DocFanout';

export class InProcessFanout implements DocFanout {
  private readonly listeners = new Map<string, FanoutListener[]>();

  subscribe(docKey: string, listener: FanoutListener): () => void {
    const list = this.listeners.get(docKey);
    if (list) list.push(listener);
    else this.listeners.set(docKey, [listener]);
    return () => {
      const current = this.listeners.get(docKey);
      if (!current) return;
      const rest = current.filter((l) => l !== listener);
      if (rest.length === 0) this.listeners.delete(docKey);
      else this.listeners.set(docKey, rest);
    };
  }

  publish(docKey: string, message: FanoutMessage): void {
    const list = this.listeners.get(docKey);
    if (!list) return;
    for (const listener of list) listener(message);
  }

  /** Whether `docKey` has a listener. */
  has(docKey: string): boolean {
    return this.listeners.has(docKey);
  }

  /** One node: there is no other node to tell. */
  markStored(): void {}

  /** One node: nothing is stored elsewhere. */
  storedElsewhere(): boolean {
    return false;
  }

  nextEntryId(): undefined {
    return undefined;
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
