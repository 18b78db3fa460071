/**
 * One turn of a digital human: stream the model's answer into the reply,
 * run the tools it calls through the gate, feed their results back, and
 * loop until it answers without calling a tool, or the step limit is
 * reached (the last step is offered no tools, so it must answer). Each step
 * has its own timeout; the caller's signal cancels the whole turn. What a
 * tool returns goes back as delimited data (dataBlock.ts): the gate's own
 * verdict stays plain.
 */
import type { ChatMessage, LlmClient, ToolSpec } from '../../llm/LlmClient';
import type { ToolContext } from '../tools/AgentTool';
import type { ToolGate, ToolOutcome } from '../tools/ToolGate';
import { dataBlock } from './dataBlock';
import type { ReplyWriter } from './ReplyWriter';

export interface TurnInput {
  client: LlmClient;
  model?: string | undefined;
  messages: ChatMessage[];
  tools: readonly ToolSpec[];
  gate: ToolGate;
  ctx: ToolContext;
  writer: ReplyWriter;
  signal: AbortSignal;
  /** The random id of this turn's data markers. */
  nonce: string;
  maxSteps: number;
  stepTimeoutMs: number;
  /** Called when the first request goes out (for the first-byte figure). */
  onRequest?: () => void;
  /** Told of each call the gate answered, with how long it took (the room's tool-call cards). */
  onToolCall?: (name: string, rawArguments: string, outcome: ToolOutcome, ms: number) => void;
}

export interface TurnResult {
  text: string;
  steps: number;
  toolCalls: number;
}

export async function runAgentTurn(input: TurnInput): Promise<TurnResult> {
  const messages = [...input.messages];
  let shown = '';
  let toolCalls = 0;
  for (let step = 1; step <= input.maxSteps; step++) {
    const last = step === input.maxSteps;
    const signal = AbortSignal.any([input.signal, AbortSignal.timeout(input.stepTimeoutMs)]);
    let text = '';
    let calls: { id: string; name: string; arguments: string }[] = [];
    if (step === 1) input.onRequest?.();
    const stream = input.client.chat({
      messages,
      ...(!last && input.tools.length > 0 ? { tools: [...input.tools] } : {}),
      ...(input.model ? { model: input.model } : {}),
      signal,
      dhId: input.ctx.dh.id,
    });
    for await (const event of stream) {
      if (event.type === 'text') {
        text += event.delta;
        input.writer.stream(shown + text);
      } else if (event.type === 'tool_calls') {
        calls = event.calls;
      }
    }
    if (calls.length === 0 || last) {
      shown += text;
      input.writer.finish(shown.trim().length > 0 ? shown : '_(no answer)_');
      return { text: shown, steps: step, toolCalls };
    }
    messages.push({ role: 'assistant', content: text.length > 0 ? text : null, toolCalls: calls });
    if (text.trim().length > 0) shown += `${text.trim()}\n\n`;
    for (const call of calls) {
      toolCalls += 1;
      const started = performance.now();
      const outcome = await input.gate.call(input.ctx, call.name, call.arguments);
      input.onToolCall?.(call.name, call.arguments, outcome, performance.now() - started);
      const { result, ...verdict } = outcome;
      const data = result === undefined ? '' : `\n${dataBlock(input.nonce, `result of ${call.name.slice(0, 64)}`, JSON.stringify(result))}`;
      messages.push({ role: 'tool', toolCallId: call.id, content: `${JSON.stringify(verdict)}${data}` });
    }
  }
  // Not reached: the last step always returns.
  return { text: shown, steps: input.maxSteps, toolCalls };
}
