/**
 * Puts streamed tool calls back together. A server streams each call as
 * fragments keyed by `index`: the first carries the id and the function
 * name, the next ones pieces of the JSON arguments. Some servers send a
 * whole call in one fragment, omit the index or the id; all of those end
 * up as complete calls, in order.
 */
import type { ToolCall } from './LlmClient';

/** One `delta.tool_calls` entry as servers send it. */
export interface ToolCallFragment {
  index?: number;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
}

export class ToolCallAssembler {
  private readonly calls: { id: string; name: string; arguments: string }[] = [];

  add(fragments: readonly ToolCallFragment[]): void {
    for (const fragment of fragments) {
      const index = this.indexOf(fragment);
      const call = (this.calls[index] ??= { id: '', name: '', arguments: '' });
      if (fragment.id) call.id = fragment.id;
      // The name comes whole (servers that repeat it on every fragment repeat the same name).
      if (fragment.function?.name) call.name = fragment.function.name;
      if (fragment.function?.arguments) call.arguments += fragment.function.arguments;
    }
  }

  /** The calls so far, with ids made up where the server gave none and `{}` for empty arguments. */
  result(): ToolCall[] {
    return this.calls
      .filter((c) => c !== undefined && c.name !== '')
      .map((c, i) => ({ id: c.id || `call_${i}`, name: c.name, arguments: c.arguments.trim() === '' ? '{}' : c.arguments }));
  }

  private indexOf(fragment: ToolCallFragment): number {
    if (typeof fragment.index === 'number' && Number.isInteger(fragment.index) && fragment.index >= 0 && fragment.index < 128) return fragment.index;
    if (fragment.id) {
      const existing = this.calls.findIndex((c) => c?.id === fragment.id);
      return existing >= 0 ? existing : this.calls.length;
    }
    return Math.max(0, this.calls.length - 1);
  }
}
