import { describe, expect, it } from 'vitest';
import { fakeEmbedding, startFakeOpenAi } from '../../tests/fixtures/fakeOpenAiServer';
import { ProviderRefusedError, ProviderUnreachableError } from '../common/AppError';
import { EmbeddingsClient } from './EmbeddingsClient';

describe('EmbeddingsClient', () => {
  it('embeds in batches of 128, in input order, and counts each request', async () => {
    const llm = await startFakeOpenAi();
    const counted: number[] = [];
    let resolved = 0;
    const embedder = new EmbeddingsClient({
      endpoint: async () => {
        resolved += 1;
        return { preset: 'ollama', baseUrl: llm.baseUrl, apiKey: null };
      },
      model: 'fake-embed',
      dimensions: null,
      onUsage: (u) => counted.push(u.promptTokens),
    });
    const texts = Array.from({ length: 300 }, (_, i) => `note ${i} about invoice ${i % 7}`);
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(300);
    expect(vectors[299]).toEqual(fakeEmbedding(texts[299]!));
    expect(vectors[0]).toBeInstanceOf(Float32Array);
    expect(llm.requests.map((r) => (r.body as { input: string[] }).input.length)).toEqual([128, 128, 44]);
    expect(llm.requests[0]!.body).toMatchObject({ model: 'fake-embed', encoding_format: 'float' });
    expect(llm.requests[0]!.headers.authorization).toBeUndefined();
    expect(counted).toHaveLength(3);
    expect(resolved).toBe(1);
    expect(embedder.model).toBe('fake-embed');
    expect(await embedder.embed([])).toEqual([]);
  });

  it('asks for a size when one is set and names its vectors after it', async () => {
    const llm = await startFakeOpenAi();
    const embedder = new EmbeddingsClient({ endpoint: async () => ({ preset: 'openai', baseUrl: llm.baseUrl, apiKey: 'sk-x' }), model: 'fake-embed', dimensions: 64 });
    const [vector, blank] = await embedder.embed(['Quarterly report', '']);
    expect(vector).toHaveLength(64);
    expect(blank).toHaveLength(64);
    expect(embedder.model).toBe('fake-embed@64');
    expect(llm.requests[0]!.body).toMatchObject({ dimensions: 64, input: ['Quarterly report', ' '] });
  });

  it('classifies failures like chat requests', async () => {
    const llm = await startFakeOpenAi({ apiKey: 'sk-right' });
    const embedder = new EmbeddingsClient({ endpoint: async () => ({ preset: 'custom', baseUrl: llm.baseUrl, apiKey: 'sk-wrong' }), model: 'fake-embed', dimensions: null });
    await expect(embedder.embed(['x'])).rejects.toBeInstanceOf(ProviderRefusedError);
    await llm.down();
    await expect(embedder.embed(['x'])).rejects.toBeInstanceOf(ProviderUnreachableError);
  });
});
