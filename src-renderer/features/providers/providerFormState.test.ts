import { describe, expect, it } from 'vitest';
import type { ProviderPreset } from '../../../src-main/common/contract';
import { initialValues, isDirty, switchPreset } from './providerFormState';

function preset(id: ProviderPreset['id'], defaultBaseUrl: string, chatModels: string[], embeddingsModels: string[] = []): ProviderPreset {
  return { id, label: id, defaultBaseUrl, requiresApiKey: !defaultBaseUrl.startsWith('http://'), local: defaultBaseUrl.startsWith('http://'), chatModels, embeddingsModels, helpUrl: null };
}

const presets = [
  preset('openai', 'https://api.openai.com/v1', ['gpt-4.1-mini', 'gpt-4.1'], ['text-embedding-3-small']),
  preset('mistral', 'https://api.mistral.ai/v1', ['mistral-small-latest'], ['mistral-embed']),
  preset('ollama', 'http://127.0.0.1:11434/v1', ['llama3.2', 'qwen2.5'], ['nomic-embed-text']),
  preset('vllm', 'http://127.0.0.1:8000/v1', ['Qwen/Qwen2.5-7B-Instruct']),
  preset('custom', '', []),
];

describe('provider form values', () => {
  it('starts a new provider on a local server, and shows a saved one as saved', () => {
    expect(initialValues(null, presets)).toEqual({ preset: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', chatModel: 'llama3.2', embeddingsModel: '', embeddingsDimensions: '' });
    const config = { preset: 'openai' as const, baseUrl: 'https://api.openai.com/v1', chatModel: 'gpt-4.1', embeddingsModel: 'text-embedding-3-small', embeddingsDimensions: 256, updatedAt: 1 };
    const values = initialValues(config, presets);
    expect(values).toMatchObject({ embeddingsDimensions: '256' });
    expect(isDirty(values, config)).toBe(false);
    expect(isDirty({ ...values, chatModel: 'gpt-4.1 ' }, config)).toBe(false);
    expect(isDirty({ ...values, chatModel: 'gpt-4o' }, config)).toBe(true);
    expect(isDirty(values, null)).toBe(true);
  });

  it('fills the address and model of a newly picked preset unless the user typed their own', () => {
    const start = initialValues(null, presets);
    const hosted = switchPreset(start, 'mistral', presets);
    expect(hosted).toMatchObject({ preset: 'mistral', baseUrl: 'https://api.mistral.ai/v1', chatModel: 'mistral-small-latest' });
    const typed = switchPreset({ ...start, baseUrl: 'http://gpu-box:11434/v1', chatModel: 'my-finetune' }, 'vllm', presets);
    expect(typed).toMatchObject({ preset: 'vllm', baseUrl: 'http://gpu-box:11434/v1', chatModel: 'my-finetune' });
    const custom = switchPreset(hosted, 'custom', presets);
    expect(custom).toMatchObject({ preset: 'custom', baseUrl: '', chatModel: '' });
  });
});
