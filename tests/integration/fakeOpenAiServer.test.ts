// The fake model server against the real `openai` client: what the LLM tests rely on.
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { fakeEmbedding, startFakeOpenAi } from '../fixtures/fakeOpenAiServer';

function client(baseURL: string, apiKey = 'sk-test'): OpenAI {
  return new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 5000, organization: null, project: null });
}

function cosine(a: Float32Array | number[], b: Float32Array | number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += a[i]! * b[i]!;
  return dot;
}

describe('fake OpenAI-compatible server', () => {
  it('streams a text in several chunks, then a usage chunk, and records the request', async () => {
    const llm = await startFakeOpenAi();
    llm.reply('The quarterly report is ready for review.');
    const before = Number(process.hrtime.bigint()) / 1e6;
    const stream = await client(llm.baseUrl).chat.completions.create({
      model: 'fake-chat',
      messages: [{ role: 'user', content: 'Is the report ready?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas.length).toBeGreaterThanOrEqual(3);
    expect(deltas.join('')).toBe('The quarterly report is ready for review.');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 11 });
    expect(llm.requests).toHaveLength(1);
    expect(llm.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: { model: 'fake-chat', stream: true } });
    expect(llm.requests[0]!.headers.authorization).toBe('Bearer sk-test');
    expect(llm.requests[0]!.receivedAt).toBeGreaterThanOrEqual(before);
  });

  it('streams tool calls as fragments the client reassembles', async () => {
    const llm = await startFakeOpenAi();
    llm.reply({ toolCalls: [{ name: 'create_task', arguments: '{"title":"Send the invoice","due":"2026-03-01"}' }, { id: 'call_x', name: 'noop', arguments: '{}' }] });
    const stream = await client(llm.baseUrl).chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'Remind me' }], stream: true });
    const calls: { id: string; name: string; arguments: string }[] = [];
    let fragments = 0;
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      for (const part of choice?.delta.tool_calls ?? []) {
        fragments += 1;
        const call = (calls[part.index] ??= { id: '', name: '', arguments: '' });
        if (part.id) call.id = part.id;
        if (part.function?.name) call.name += part.function.name;
        if (part.function?.arguments) call.arguments += part.function.arguments;
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
    }
    expect(finish).toBe('tool_calls');
    expect(fragments).toBeGreaterThan(2);
    expect(calls).toEqual([
      { id: 'call_0', name: 'create_task', arguments: '{"title":"Send the invoice","due":"2026-03-01"}' },
      { id: 'call_x', name: 'noop', arguments: '{}' },
    ]);
  });

  it('answers without streaming, and echoes the last user message when nothing is queued', async () => {
    const llm = await startFakeOpenAi();
    const openai = client(llm.baseUrl);
    const echo = await openai.chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'ping' }] });
    expect(echo.choices[0]!.message.content).toBe('Echo: ping');
    llm.reply((req) => `You sent ${(req.body as { messages: unknown[] }).messages.length} messages`);
    const scripted = await openai.chat.completions.create({
      model: 'fake-chat',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(scripted.choices[0]!.message.content).toBe('You sent 2 messages');
    expect(scripted.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('gives deterministic, normalised embeddings where texts sharing words are close', async () => {
    const llm = await startFakeOpenAi();
    const openai = client(llm.baseUrl);
    const texts = ['Invoices are sent on Fridays', 'The invoices are sent every Friday', 'The cat sleeps'];
    const floats = await openai.embeddings.create({ model: 'fake-embed', input: texts, encoding_format: 'float' });
    const vectors = floats.data.map((d) => d.embedding);
    expect(vectors.map((v) => v.length)).toEqual([384, 384, 384]);
    expect(cosine(vectors[0]!, vectors[0]!)).toBeCloseTo(1, 5);
    expect(cosine(vectors[0]!, vectors[1]!)).toBeGreaterThan(0.4);
    expect(Math.abs(cosine(vectors[0]!, vectors[2]!))).toBeLessThan(0.2);
    expect(Array.from(fakeEmbedding(texts[1]!))).toEqual(vectors[1]!.map((v) => Math.fround(v)));
    // The client's default asks for base64 and decodes it; dimensions are honoured.
    const small = await openai.embeddings.create({ model: 'fake-embed', input: 'Invoices', dimensions: 64 });
    expect(small.data[0]!.embedding).toHaveLength(64);
    expect(small.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('lists models and refuses unknown ones when strict', async () => {
    const llm = await startFakeOpenAi({ models: ['small', 'large'], strictModels: true });
    const openai = client(llm.baseUrl);
    const page = await openai.models.list();
    expect(page.data.map((m) => m.id)).toEqual(['small', 'large']);
    await expect(openai.chat.completions.create({ model: 'huge', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 404 });
  });

  it('requires the configured API key', async () => {
    const llm = await startFakeOpenAi({ apiKey: 'sk-right' });
    await expect(client(llm.baseUrl, 'sk-wrong').models.list()).rejects.toMatchObject({ status: 401 });
    const page = await client(llm.baseUrl, 'sk-right').models.list();
    expect(page.data.length).toBe(2);
  });

  it('plays scripted errors and delays', async () => {
    const llm = await startFakeOpenAi();
    const openai = client(llm.baseUrl);
    llm.reply({ status: 503, message: 'overloaded' }, { delayMs: 150, then: 'late answer' });
    await expect(openai.chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 503 });
    const started = Date.now();
    const late = await openai.chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'x' }] });
    expect(late.choices[0]!.message.content).toBe('late answer');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    llm.replyTo('embeddings', { status: 500 });
    await expect(openai.embeddings.create({ model: 'fake-embed', input: 'x' })).rejects.toMatchObject({ status: 500 });
    expect(llm.pending()).toBe(0);
  });

  it('goes down (connection refused) and comes back on the same port', async () => {
    const llm = await startFakeOpenAi();
    const openai = client(llm.baseUrl);
    await openai.models.list();
    await llm.down();
    await expect(openai.models.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    await llm.up();
    const page = await openai.models.list();
    expect(page.data.length).toBe(2);
    expect(llm.baseUrl).toBe(`http://127.0.0.1:${llm.port}/v1`);
  });
});
