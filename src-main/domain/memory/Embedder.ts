/**
 * The port memory and knowledge use to turn text into vectors. The llm
 * layer implements it over the workspace's embeddings endpoint; tests and
 * benchmarks may pass a deterministic in-process one.
 */
export interface Embedder {
  /** Name of the embeddings model: vectors of different models are never compared. */
  readonly model: string;
  /** One vector per text, in order; every vector has the same length. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}
