/**
 * The embedder of a workspace: texts to vectors through the embeddings
 * endpoint of its OpenAI-compatible server, in batches (128 texts a request
 * by default), as plain floats (local servers rarely speak base64).
 *
 * The endpoint is resolved on every call, so a key changed in the keychain
 * or a provider changed in the settings applies at once. Errors are
 * classified like chat errors (unreachable vs refused).
 */
import { ProviderRefusedError } from '../common/AppError';
import { classifyProviderError, providerHost } from './classifyProviderError';
import { createOpenAi, DEFAULT_TIMEOUT_MS, type LlmEndpoint } from './createOpenAi';

export interface EmbeddingsClientOptions {
  /** Where to send requests, resolved before each call. */
  endpoint: () => Promise<LlmEndpoint>;
  model: string;
  /** Vector size to ask for (only some models can shorten); null: the model's own. */
  dimensions: number | null;
  batchSize?: number;
  timeoutMs?: number;
  /** Called once per completed request with the tokens the server counted (estimated when it did not say). */
  onUsage?: (report: { model: string; promptTokens: number; estimated: boolean }) => void;
}

export const DEFAULT_EMBEDDINGS_BATCH = 128;

/**
 * Texts to vectors over HTTP. It fits domain's `Embedder` port by shape only:
 * the llm layer sits below domain and must not import it.
 */
export class EmbeddingsClient {
  /**
   * The model name, with `@<dimensions>` when a size is asked for: vectors
   * of another size are as incomparable as another model's.
   */
  readonly model: string;

  constructor(private readonly options: EmbeddingsClientOptions) {
    this.model = options.dimensions === null ? options.model : `${options.model}@${options.dimensions}`;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    if (signal?.aborted) throw signal.reason;
    const endpoint = await this.options.endpoint();
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const openai = createOpenAi(endpoint, timeoutMs);
    const context = { baseUrl: endpoint.baseUrl, apiKey: endpoint.apiKey, model: this.options.model, timeoutMs };
    const size = Math.max(1, this.options.batchSize ?? DEFAULT_EMBEDDINGS_BATCH);
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += size) {
      // Servers refuse an empty input, and one would fail its whole batch.
      const batch = texts.slice(start, start + size).map((t) => (t.length === 0 ? ' ' : t));
      let response: Awaited<ReturnType<typeof openai.embeddings.create>>;
      try {
        response = await openai.embeddings.create(
          {
            model: this.options.model,
            input: batch,
            encoding_format: 'float',
            ...(this.options.dimensions !== null ? { dimensions: this.options.dimensions } : {}),
          },
          signal ? { signal } : {},
        );
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        throw classifyProviderError(err, context);
      }
      out.push(...this.vectors(response.data, batch.length, endpoint.baseUrl, out[0]?.length));
      const reported = response.usage?.prompt_tokens;
      this.options.onUsage?.({
        model: this.model,
        promptTokens: typeof reported === 'number' ? reported : Math.ceil(batch.join(' ').length / 4),
        estimated: typeof reported !== 'number',
      });
    }
    return out;
  }

  /** The batch's vectors in input order, checked: one per text, all of one size. */
  private vectors(data: { index: number; embedding: number[] }[], count: number, baseUrl: string, size: number | undefined): Float32Array[] {
    const refuse = (what: string): never => {
      throw new ProviderRefusedError(null, `The embeddings of the server at ${providerHost(baseUrl)} ${what}.`);
    };
    if (!Array.isArray(data) || data.length !== count) refuse(`came back with ${Array.isArray(data) ? data.length : 0} vectors for ${count} texts`);
    const sorted = [...data].sort((a, b) => a.index - b.index);
    const expected = size ?? sorted[0]?.embedding.length ?? 0;
    return sorted.map((item) => {
      if (!Array.isArray(item.embedding) || item.embedding.length === 0 || item.embedding.length !== expected) refuse('have different sizes');
      return Float32Array.from(item.embedding);
    });
  }
}
