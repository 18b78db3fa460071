/**
 * The core's events: what the shells are told (every event of the contract)
 * and what features react to in one another, on one bus. A feature never
 * holds a reference to a feature built after it; it reacts to that
 * feature's events instead (a new profile renames members in rooms, a new
 * model provider re-embeds memories), so the module list needs no late
 * binding.
 */
import type { EventName, EventPayload } from '../common/contract';

/** A shell's listener: every event, as it is sent over IPC. */
export type ShellListener = (event: EventName, payload: unknown) => void;

export class CoreBus {
  private readonly shells = new Set<ShellListener>();
  private readonly reactions = new Map<EventName, Set<(payload: never) => void>>();

  /** Tells the shells, then the features that react to `event`, in the order they subscribed. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.shells) listener(event, payload);
    for (const reaction of this.reactions.get(event) ?? []) (reaction as (p: EventPayload<E>) => void)(payload);
  }

  /** A shell subscribes to every event; the returned function unsubscribes. */
  listen(listener: ShellListener): () => void {
    this.shells.add(listener);
    return () => this.shells.delete(listener);
  }

  /** A feature reacts to `event` for the life of the core. */
  on<E extends EventName>(event: E, reaction: (payload: EventPayload<E>) => void): void {
    let set = this.reactions.get(event);
    if (!set) this.reactions.set(event, (set = new Set()));
    set.add(reaction);
  }

  /** Drops every listener and reaction (the core is closing). */
  clear(): void {
    this.shells.clear();
    this.reactions.clear();
  }
}
