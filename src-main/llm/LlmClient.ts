/**
 * The chat client the agent runtime talks to: one OpenAI-compatible
 * endpoint and model, streaming text and tool calls as events.
 *
 * Every request streams (`stream: true`, with the usage chunk asked for);
 * `complete` is the same stream collected. Failures are classified (see
 * classifyProviderError): `ProviderUnreachableError` when the work can wait
 * and retry, `ProviderRefusedError` when a setting must change. Aborting
 * `signal` rejects with the signal's reason. Each completed request is
 * reported to `onUsage` once, just before its `done` event.
 */
import type OpenAI from 'openai';
import { ProviderUnreachableError, ValidationError } from '../common/AppError';
import { classifyProviderError, formatWait, providerHost } from './classifyProviderError';
import { createOpenAi, DEFAULT_TIMEOUT_MS, type LlmEndpoint } from './createOpenAi';
import { estimateTokens } from './estimateTokens';
import { toOpenAiParams } from './toOpenAiParams';
import { ToolCallAssembler } from './ToolCallAssembler';

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text as the model wrote it (parse and validate it before use). */
  arguments: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  name?: string;
  /** Required on `tool` messages: the call this is the result of. */
  toolCallId?: string;
  /** On `assistant` messages: the calls the model made. */
  toolCalls?: ToolCall[];
}

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface TokenCounts {
  promptTokens: number;
  completionTokens: number;
}

export type ChatEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_calls'; calls: ToolCall[] }
  /** `usage` is what the server reported, null when it reported nothing. */
  | { type: 'done'; finishReason: string; usage: TokenCounts | null };

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolSpec[];
  /** Default: the client's model. */
  model?: string;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** The digital human this request is for, counted in token usage. */
  dhId?: string;
}

export interface ChatCompletion {
  text: string;
  toolCalls: ToolCall[];
  finishReason: string;
  usage: TokenCounts | null;
}

/** What one completed request used, as reported to `onUsage`. */
export interface LlmUsageReport extends TokenCounts {
  model: string;
  dhId: string | null;
  /** True when the server reported nothing and the counts are estimated (about 4 characters a token). */
  estimated: boolean;
}

export interface LlmClient {
  /** The default model of this client. */
  readonly model: string;
  /** Streams one answer: text deltas, then the tool calls (if any), then `done`. */
  chat(req: ChatRequest): AsyncIterable<ChatEvent>;
  /** The whole answer at once. */
  complete(req: ChatRequest): Promise<ChatCompletion>;
}

export interface LlmClientOptions {
  endpoint: LlmEndpoint;
  model: string;
  /** Called once per completed request. */
  onUsage?: (report: LlmUsageReport) => void;
  /** Milliseconds to wait for the server to start answering (default 60 s). */
  timeoutMs?: number;
  /** Milliseconds without a streamed chunk before the answer is given up (default 60 s). */
  idleTimeoutMs?: number;
}

/** An aborted request rejects with the signal's reason, like fetch does. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export function createLlmClient(options: LlmClientOptions): LlmClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const openai: OpenAI = createOpenAi(options.endpoint, timeoutMs);
  const host = providerHost(options.endpoint.baseUrl);

  async function* chat(req: ChatRequest): AsyncGenerator<ChatEvent> {
    if (req.messages.length === 0) throw new ValidationError('A chat request needs at least one message');
    const model = req.model ?? options.model;
    const params = toOpenAiParams(req, model, options.endpoint.preset);
    const context = { baseUrl: options.endpoint.baseUrl, apiKey: options.endpoint.apiKey, model, timeoutMs };
    if (req.signal?.aborted) throw abortReason(req.signal);
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    let idle: NodeJS.Timeout | undefined;
    let idled = false;
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        idled = true;
        controller.abort();
      }, idleTimeoutMs);
    };
    let finished = false;
    try {
      const assembler = new ToolCallAssembler();
      let finishReason: string | null = null;
      let usage: TokenCounts | null = null;
      let text = '';
      try {
        const stream = await openai.chat.completions.create(params, { signal: controller.signal });
        armIdle();
        for await (const chunk of stream) {
          armIdle();
          if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens ?? 0, completionTokens: chunk.usage.completion_tokens ?? 0 };
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const delta = choice.delta?.content;
          if (typeof delta === 'string' && delta.length > 0) {
            text += delta;
            yield { type: 'text', delta };
          }
          if (choice.delta?.tool_calls) assembler.add(choice.delta.tool_calls);
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
      } catch (err) {
        if (req.signal?.aborted) throw abortReason(req.signal);
        if (idled) throw new ProviderUnreachableError(`The model server at ${host} stopped sending for ${formatWait(idleTimeoutMs)}.`);
        throw classifyProviderError(err, context);
      } finally {
        clearTimeout(idle);
      }
      // The package ends an aborted stream quietly: tell an abort, a stall and a cut connection apart here.
      if (req.signal?.aborted) throw abortReason(req.signal);
      if (idled) throw new ProviderUnreachableError(`The model server at ${host} stopped sending for ${formatWait(idleTimeoutMs)}.`);
      const calls = assembler.result();
      if (finishReason === null && calls.length === 0) throw new ProviderUnreachableError(`The model server at ${host} ended its answer before it was complete.`);
      finished = true;
      // Counted before the last events, so a consumer that stops at the tool calls still counts.
      options.onUsage?.({
        model,
        dhId: req.dhId ?? null,
        promptTokens: usage?.promptTokens ?? estimateTokens(req.messages),
        completionTokens: usage?.completionTokens ?? estimateTokens([{ role: 'assistant', content: text, toolCalls: calls }]),
        estimated: usage === null,
      });
      if (calls.length > 0) yield { type: 'tool_calls', calls };
      yield { type: 'done', finishReason: finishReason ?? 'tool_calls', usage };
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
      // A consumer that stops reading early ends the HTTP request too.
      if (!finished) controller.abort();
    }
  }

  return {
    model: options.model,
    chat,
    async complete(req) {
      let text = '';
      let toolCalls: ToolCall[] = [];
      for await (const event of chat(req)) {
        if (event.type === 'text') text += event.delta;
        else if (event.type === 'tool_calls') toolCalls = event.calls;
        else return { text, toolCalls, finishReason: event.finishReason, usage: event.usage };
      }
      throw new ProviderUnreachableError(`The model server at ${host} ended its answer before it was complete.`);
    },
  };
}
