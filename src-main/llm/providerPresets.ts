/**
 * Presets of the provider picker: for each kind of OpenAI-compatible
 * server, its usual address, whether it needs a key, and models to suggest.
 * A preset only fills the form; every value stays editable. The few
 * protocol differences between servers are kept here too (`presetQuirks`).
 */
import type { ProviderPreset, ProviderPresetId } from '../common/contract/providerChannels';

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    defaultBaseUrl: 'https://api.openai.com/v1',
    requiresApiKey: true,
    local: false,
    chatModels: ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4o-mini', 'gpt-4o'],
    embeddingsModels: ['text-embedding-3-small', 'text-embedding-3-large'],
    helpUrl: 'https://platform.openai.com/api-keys',
  },
  {
    id: 'azure-openai',
    label: 'Azure OpenAI',
    defaultBaseUrl: 'https://YOUR-RESOURCE.openai.azure.com/openai/v1',
    requiresApiKey: true,
    local: false,
    chatModels: ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4o-mini'],
    embeddingsModels: ['text-embedding-3-small', 'text-embedding-3-large'],
    helpUrl: 'https://portal.azure.com/',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    requiresApiKey: true,
    local: false,
    chatModels: ['openai/gpt-4.1-mini', 'anthropic/claude-sonnet-4', 'google/gemini-2.5-flash', 'meta-llama/llama-3.3-70b-instruct'],
    embeddingsModels: [],
    helpUrl: 'https://openrouter.ai/keys',
  },
  {
    id: 'mistral',
    label: 'Mistral',
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    requiresApiKey: true,
    local: false,
    chatModels: ['mistral-small-latest', 'mistral-medium-latest', 'mistral-large-latest'],
    embeddingsModels: ['mistral-embed'],
    helpUrl: 'https://console.mistral.ai/api-keys',
  },
  {
    id: 'groq',
    label: 'Groq',
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    requiresApiKey: true,
    local: false,
    chatModels: ['llama-3.3-70b-versatile', 'llama-3.1-8b-instant'],
    embeddingsModels: [],
    helpUrl: 'https://console.groq.com/keys',
  },
  {
    id: 'ollama',
    label: 'Ollama',
    defaultBaseUrl: 'http://127.0.0.1:11434/v1',
    requiresApiKey: false,
    local: true,
    chatModels: ['llama3.2', 'qwen2.5', 'mistral'],
    embeddingsModels: ['nomic-embed-text', 'mxbai-embed-large'],
    helpUrl: null,
  },
  {
    id: 'lm-studio',
    label: 'LM Studio',
    defaultBaseUrl: 'http://127.0.0.1:1234/v1',
    requiresApiKey: false,
    local: true,
    chatModels: ['qwen2.5-7b-instruct', 'llama-3.2-3b-instruct'],
    embeddingsModels: ['text-embedding-nomic-embed-text-v1.5'],
    helpUrl: null,
  },
  {
    id: 'llama-cpp',
    label: 'llama.cpp server',
    defaultBaseUrl: 'http://127.0.0.1:8080/v1',
    requiresApiKey: false,
    local: true,
    chatModels: ['default'],
    embeddingsModels: ['default'],
    helpUrl: null,
  },
  {
    id: 'vllm',
    label: 'vLLM',
    defaultBaseUrl: 'http://127.0.0.1:8000/v1',
    requiresApiKey: false,
    local: true,
    chatModels: ['Qwen/Qwen2.5-7B-Instruct', 'meta-llama/Llama-3.1-8B-Instruct'],
    embeddingsModels: ['BAAI/bge-m3'],
    helpUrl: null,
  },
  {
    id: 'custom',
    label: 'Custom URL',
    defaultBaseUrl: '',
    requiresApiKey: false,
    local: false,
    chatModels: [],
    embeddingsModels: [],
    helpUrl: null,
  },
];

/** The preset with id `id`. */
export function providerPreset(id: ProviderPresetId): ProviderPreset {
  const found = PROVIDER_PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(`No provider preset ${id}`);
  return found;
}

/** The preset whose default address is `baseUrl` (compared without trailing slash), else `custom`. */
export function presetForBaseUrl(baseUrl: string): ProviderPresetId {
  const wanted = baseUrl.replace(/\/+$/, '').toLowerCase();
  return PROVIDER_PRESETS.find((p) => p.defaultBaseUrl !== '' && p.defaultBaseUrl.toLowerCase() === wanted)?.id ?? 'custom';
}

/** How a preset's server differs from the common protocol. */
export interface PresetQuirks {
  /**
   * The hosted reference API refuses `max_tokens` for its newer models and
   * wants `max_completion_tokens`; most other servers know only `max_tokens`.
   */
  maxTokensParam: 'max_tokens' | 'max_completion_tokens';
  /** Also send the key as an `api-key` header (the cloud-hosted variant accepts either). */
  apiKeyHeader: boolean;
}

/** The protocol quirks of preset `id`. */
export function presetQuirks(id: ProviderPresetId): PresetQuirks {
  return {
    maxTokensParam: id === 'openai' || id === 'azure-openai' ? 'max_completion_tokens' : 'max_tokens',
    apiKeyHeader: id === 'azure-openai',
  };
}
