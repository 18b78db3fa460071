/**
 * Turns a `ChatRequest` into the body of a streamed chat completion request
 * (the OpenAI wire format every compatible server accepts).
 */
import type OpenAI from 'openai';
import { ValidationError } from '../common/AppError';
import type { ProviderPresetId } from '../common/contract/providerChannels';
import type { ChatMessage, ChatRequest } from './LlmClient';
import { presetQuirks } from './providerPresets';

type MessageParam = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type StreamingParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

function toMessage(m: ChatMessage): MessageParam {
  const name = m.name ? { name: m.name } : {};
  switch (m.role) {
    case 'system':
      return { role: 'system', content: m.content ?? '', ...name };
    case 'user':
      return { role: 'user', content: m.content ?? '', ...name };
    case 'assistant':
      return {
        role: 'assistant',
        content: m.content,
        ...name,
        ...(m.toolCalls && m.toolCalls.length > 0
          ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) }
          : {}),
      };
    case 'tool':
      if (!m.toolCallId) throw new ValidationError('A tool message needs the id of the call it answers (toolCallId)');
      return { role: 'tool', content: m.content ?? '', tool_call_id: m.toolCallId };
    default:
      throw new ValidationError(`Unknown message role: ${String((m as { role: unknown }).role)}`);
  }
}

export function toOpenAiParams(req: ChatRequest, model: string, preset: ProviderPresetId): StreamingParams {
  const { maxTokensParam } = presetQuirks(preset);
  return {
    model,
    messages: req.messages.map(toMessage),
    stream: true,
    stream_options: { include_usage: true },
    ...(req.tools && req.tools.length > 0
      ? { tools: req.tools.map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.parameters } })) }
      : {}),
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.maxTokens !== undefined ? { [maxTokensParam]: req.maxTokens } : {}),
  };
}
