/**
 * Builds the `openai` package's client for one endpoint. Nothing comes from
 * the environment (no OPENAI_* variable can redirect a workspace's requests,
 * add a header or send another key), retries are ours (`maxRetries: 0`: a job
 * that cannot reach the server waits in the outbox instead), and a server
 * without a key gets no Authorization header at all.
 */
import OpenAI from 'openai';
import type { ProviderPresetId } from '../common/contract/providerChannels';
import { presetQuirks } from './providerPresets';

/** Where and how to reach a model server. */
export interface LlmEndpoint {
  preset: ProviderPresetId;
  /** Canonical base URL, e.g. `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  /** Null: send no key (local servers). */
  apiKey: string | null;
}

/** Default milliseconds to wait for a server to start answering. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export function createOpenAi(endpoint: LlmEndpoint, timeoutMs: number): OpenAI {
  const quirks = presetQuirks(endpoint.preset);
  const headers: Record<string, string | null> = {};
  if (endpoint.apiKey === null) headers.Authorization = null;
  else if (quirks.apiKeyHeader) headers['api-key'] = endpoint.apiKey;
  return new OpenAI({
    baseURL: endpoint.baseUrl,
    // The package insists on a key; with none, the Authorization header is removed above.
    apiKey: endpoint.apiKey ?? 'none',
    adminAPIKey: null,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: timeoutMs,
    defaultHeaders: headers,
  });
}
