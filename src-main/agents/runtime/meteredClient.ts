/**
 * A model client that adds what each request uses to a turn's meter, and
 * asks before each request whether the daily token quota allows it: the
 * turn's replies, its tool steps and its memory extraction are all counted
 * and all stopped at the limit. Counts are what the server reported, or an
 * estimate (about four characters a token) when it reported nothing.
 */
import type { ChatEvent, ChatMessage, ChatRequest, LlmClient } from '../../llm/LlmClient';
import { estimateTokens } from '../../llm/estimateTokens';
import type { UsageCounts } from '../../storage/governance/usageRecordFormat';

export function meteredClient(client: LlmClient, meter: UsageCounts, beforeRequest: () => void): LlmClient {
  const answer = (text: string, calls: { name: string; arguments: string }[]): ChatMessage[] => [{ role: 'assistant', content: text, toolCalls: calls.map((c, i) => ({ id: String(i), ...c })) }];
  return {
    model: client.model,
    async *chat(req: ChatRequest): AsyncIterable<ChatEvent> {
      beforeRequest();
      let text = '';
      let calls: { name: string; arguments: string }[] = [];
      for await (const event of client.chat(req)) {
        if (event.type === 'text') text += event.delta;
        if (event.type === 'tool_calls') calls = event.calls;
        if (event.type === 'done') {
          meter.tokens += event.usage ? event.usage.promptTokens + event.usage.completionTokens : estimateTokens(req.messages) + estimateTokens(answer(text, calls));
        }
        yield event;
      }
    },
    async complete(req: ChatRequest) {
      beforeRequest();
      const result = await client.complete(req);
      meter.tokens += result.usage ? result.usage.promptTokens + result.usage.completionTokens : estimateTokens(req.messages) + estimateTokens(answer(result.text, result.toolCalls));
      return result;
    },
  };
}
