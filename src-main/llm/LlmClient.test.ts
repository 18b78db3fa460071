import { describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../../tests/fixtures/fakeOpenAiServer';
import { ProviderRefusedError, ProviderUnreachableError } from '../common/AppError';
import type { ProviderPresetId } from '../common/contract/providerChannels';
import { createLlmClient, type ChatEvent, type LlmClientOptions, type LlmUsageReport } from './LlmClient';
import { ProviderRateLimitedError } from './ProviderRateLimitedError';

const KEY = 'sk-live-0123456789abcdef';

function clientOn(llm: FakeOpenAi, overrides: Partial<LlmClientOptions> & { preset?: ProviderPresetId; apiKey?: string | null } = {}): { usage: LlmUsageReport[]; client: ReturnType<typeof createLlmClient> } {
  const usage: LlmUsageReport[] = [];
  const { preset = 'custom', apiKey = KEY, ...rest } = overrides;
  const client = createLlmClient({ endpoint: { preset, baseUrl: llm.baseUrl, apiKey }, model: 'fake-chat', onUsage: (u) => usage.push(u), timeoutMs: 2000, ...rest });
  return { usage, client };
}

async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const hello = [{ role: 'user' as const, content: 'Hello' }];

describe('LlmClient', () => {
  it('streams text deltas, then done with the usage the server reported, and counts it for the DH', async () => {
    const llm = await startFakeOpenAi({ apiKey: KEY });
    llm.reply({ text: 'Good morning, how can I help?', chunks: 4, usage: { promptTokens: 12, completionTokens: 7 } });
    const { client, usage } = clientOn(llm);
    const events = await collect(client.chat({ messages: hello, dhId: 'dh1', temperature: 0.2 }));
    const deltas = events.filter((e) => e.type === 'text');
    expect(deltas.length).toBe(4);
    expect(deltas.map((e) => e.delta).join('')).toBe('Good morning, how can I help?');
    expect(events.at(-1)).toEqual({ type: 'done', finishReason: 'stop', usage: { promptTokens: 12, completionTokens: 7 } });
    expect(usage).toEqual([{ model: 'fake-chat', dhId: 'dh1', promptTokens: 12, completionTokens: 7, estimated: false }]);
    expect(llm.requests[0]!.body).toMatchObject({ model: 'fake-chat', stream: true, stream_options: { include_usage: true }, temperature: 0.2 });
  });

  it('assembles streamed tool-call fragments and sends tools, tool results and history in the wire format', async () => {
    const llm = await startFakeOpenAi();
    llm.reply({ toolCalls: [{ id: 'call_a', name: 'create_task', arguments: '{"title":"Call the accountant","priority":2}' }, { name: 'recall', arguments: '' }] });
    const { client } = clientOn(llm);
    const result = await client.complete({
      messages: [
        { role: 'system', content: 'You are Ada.' },
        { role: 'user', content: 'Remind me to call', name: 'bob' },
        { role: 'assistant', content: null, toolCalls: [{ id: 'old', name: 'recall', arguments: '{}' }] },
        { role: 'tool', content: 'nothing found', toolCallId: 'old' },
      ],
      tools: [{ name: 'create_task', description: 'Creates a task', parameters: { type: 'object', properties: { title: { type: 'string' } } } }],
    });
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([
      { id: 'call_a', name: 'create_task', arguments: '{"title":"Call the accountant","priority":2}' },
      { id: 'call_1', name: 'recall', arguments: '{}' },
    ]);
    const body = llm.requests[0]!.body as { messages: unknown[]; tools: unknown[] };
    expect(body.tools).toEqual([{ type: 'function', function: { name: 'create_task', description: 'Creates a task', parameters: { type: 'object', properties: { title: { type: 'string' } } } } }]);
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are Ada.' },
      { role: 'user', content: 'Remind me to call', name: 'bob' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'old', type: 'function', function: { name: 'recall', arguments: '{}' } }] },
      { role: 'tool', content: 'nothing found', tool_call_id: 'old' },
    ]);
  });

  it('estimates usage when the server reports none', async () => {
    const llm = await startFakeOpenAi();
    llm.reply({ text: 'x'.repeat(40), usage: null });
    const { client, usage } = clientOn(llm);
    const done = await client.complete({ messages: [{ role: 'user', content: 'y'.repeat(80) }] });
    expect(done.usage).toBeNull();
    expect(usage).toEqual([{ model: 'fake-chat', dhId: null, promptTokens: 23, completionTokens: 13, estimated: true }]);
  });

  it('asks for max_completion_tokens on the hosted reference API and max_tokens elsewhere, without a key header when there is no key', async () => {
    const llm = await startFakeOpenAi();
    await clientOn(llm, { preset: 'openai' }).client.complete({ messages: hello, maxTokens: 5 });
    await clientOn(llm, { preset: 'ollama', apiKey: null }).client.complete({ messages: hello, maxTokens: 5, model: 'other' });
    await clientOn(llm, { preset: 'azure-openai' }).client.complete({ messages: hello });
    expect(llm.requests[0]!.body).toMatchObject({ max_completion_tokens: 5 });
    expect(llm.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(llm.requests[1]!.body).toMatchObject({ max_tokens: 5, model: 'other' });
    expect(llm.requests[1]!.headers.authorization).toBeUndefined();
    expect(llm.requests[2]!.headers['api-key']).toBe(KEY);
  });

  it('refuses a wrong key with a message that never contains it', async () => {
    const llm = await startFakeOpenAi({ apiKey: 'sk-right' });
    const { client, usage } = clientOn(llm);
    const err = await client.complete({ messages: hello }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderRefusedError);
    expect(err).toMatchObject({ code: 'PROVIDER_REFUSED', status: 401 });
    expect((err as Error).message).toMatch(/refused the API key/);
    expect((err as Error).message).not.toContain(KEY);
    expect(usage).toEqual([]);
  });

  it('masks the key when the server echoes it back', async () => {
    const llm = await startFakeOpenAi();
    llm.reply({ status: 400, message: `Invalid request for key ${KEY} and sk-live-01234567…` });
    const err = (await clientOn(llm).client.complete({ messages: hello }).catch((e: unknown) => e)) as ProviderRefusedError;
    expect(err).toBeInstanceOf(ProviderRefusedError);
    expect(err.status).toBe(400);
    expect(err.message).toContain('Invalid request for key ***');
    expect(err.message).not.toContain('sk-live-0');
  });

  it.each([
    [404, ProviderRefusedError, /no model "fake-chat"/],
    [422, ProviderRefusedError, /refused the request \(422\)/],
    [500, ProviderUnreachableError, /failed \(500\)/],
    [503, ProviderUnreachableError, /failed \(503\)/],
  ])('classifies HTTP %i', async (status, kind, message) => {
    const llm = await startFakeOpenAi();
    llm.reply({ status });
    const err = await clientOn(llm).client.complete({ messages: hello }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(kind);
    expect((err as Error).message).toMatch(message);
  });

  it('treats 429 as "wait and retry" with the delay the server asked for, unless the account has no credit', async () => {
    const llm = await startFakeOpenAi();
    llm.reply({ status: 429, headers: { 'retry-after': '7' } }, { status: 429, code: 'insufficient_quota', message: 'You exceeded your quota' });
    const { client } = clientOn(llm);
    const limited = await client.complete({ messages: hello }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ProviderRateLimitedError);
    expect(limited).toMatchObject({ code: 'PROVIDER_UNREACHABLE', retryAfterMs: 7000 });
    expect((limited as Error).message).toMatch(/retry in 7 s/);
    const broke = await client.complete({ messages: hello }).catch((e: unknown) => e);
    expect(broke).toMatchObject({ code: 'PROVIDER_REFUSED', status: 429 });
  });

  it('reports a server that is down as unreachable, and works again when it is back', async () => {
    const llm = await startFakeOpenAi();
    const { client } = clientOn(llm);
    await llm.down();
    const err = await client.complete({ messages: hello }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderUnreachableError);
    expect((err as Error).message).toBe(`Cannot reach the model server at 127.0.0.1:${llm.port}: the connection was refused (is the server running?).`);
    await llm.up();
    expect((await client.complete({ messages: hello })).text).toBe('Echo: Hello');
  });

  it('reports a connection cut mid-answer and a server too slow to answer as unreachable', async () => {
    const llm = await startFakeOpenAi();
    llm.reply({ text: 'This answer never ends properly', chunks: 5, chunkDelayMs: 30, cutAfterChunks: 3 }, { delayMs: 1000, then: 'late' }, { text: 'stalls', chunks: 2, chunkDelayMs: 800 });
    const { client, usage } = clientOn(llm, { timeoutMs: 300, idleTimeoutMs: 300 });
    const seen: ChatEvent[] = [];
    const cut = await (async () => {
      for await (const event of client.chat({ messages: hello })) seen.push(event);
    })().catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(ProviderUnreachableError);
    expect(seen.filter((e) => e.type === 'text').length).toBeGreaterThan(0);
    expect(seen.some((e) => e.type === 'done')).toBe(false);
    const slow = await client.complete({ messages: hello }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(ProviderUnreachableError);
    expect((slow as Error).message).toMatch(/did not answer within/);
    const stalled = await client.complete({ messages: hello }).catch((e: unknown) => e);
    expect(stalled).toBeInstanceOf(ProviderUnreachableError);
    expect((stalled as Error).message).toMatch(/stopped sending/);
    expect(usage).toEqual([]);
  });

  it('stops when aborted, rejecting with the signal reason', async () => {
    const llm = await startFakeOpenAi();
    llm.reply({ text: 'one two three four five six', chunks: 6, chunkDelayMs: 100 });
    const controller = new AbortController();
    const { client, usage } = clientOn(llm);
    const seen: string[] = [];
    const err = await (async () => {
      for await (const event of client.chat({ messages: hello, signal: controller.signal })) {
        if (event.type === 'text') {
          seen.push(event.delta);
          controller.abort(new Error('user stopped'));
        }
      }
    })().catch((e: unknown) => e);
    expect(err).toEqual(new Error('user stopped'));
    expect(seen).toHaveLength(1);
    expect(usage).toEqual([]);
    const already = await client.complete({ messages: hello, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((already as DOMException).name).toBe('AbortError');
  });

  it('refuses a tool message without the id of its call before sending anything', async () => {
    const llm = await startFakeOpenAi();
    const err = await clientOn(llm).client.complete({ messages: [{ role: 'tool', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION' });
    expect(llm.requests).toHaveLength(0);
  });
});
