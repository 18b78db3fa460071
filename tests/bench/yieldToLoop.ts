/** Lets the event loop run timers and I/O before the caller continues. */

/** Resolves on the next check phase (after pending timers such as scheduled compactions). */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
