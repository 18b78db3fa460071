/**
 * A rough token count (about 4 characters a token, plus a few per message)
 * for servers that report no usage: token usage and daily quotas still see
 * the order of magnitude of what was spent.
 */
import type { ChatMessage } from './LlmClient';

export function estimateTokens(messages: readonly ChatMessage[]): number {
  let chars = 0;
  for (const m of messages) {
    chars += (m.content ?? '').length + (m.name ?? '').length;
    for (const call of m.toolCalls ?? []) chars += call.name.length + call.arguments.length;
  }
  return Math.ceil(chars / 4) + 3 * messages.length;
}
