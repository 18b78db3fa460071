/**
 * The values of the provider form and how they follow the preset picker:
 * choosing another preset fills the address and models, unless the user
 * typed their own there. Pure functions, tested under Node.
 */
import type { ProviderConfig, ProviderPreset, ProviderPresetId } from '../../../src-main/common/contract';

export interface ProviderFormValues {
  preset: ProviderPresetId;
  baseUrl: string;
  chatModel: string;
  embeddingsModel: string;
  /** Digits, or empty for the model's own size. */
  embeddingsDimensions: string;
}

/** A new provider starts on a server on this computer: nothing leaves the device until the user says so. */
export const DEFAULT_PRESET: ProviderPresetId = 'ollama';

function presetOf(presets: readonly ProviderPreset[], id: ProviderPresetId): ProviderPreset | undefined {
  return presets.find((p) => p.id === id);
}

/** The form's values for a saved config, or the default preset's when there is none. */
export function initialValues(config: ProviderConfig | null, presets: readonly ProviderPreset[]): ProviderFormValues {
  if (config) {
    return {
      preset: config.preset,
      baseUrl: config.baseUrl,
      chatModel: config.chatModel,
      embeddingsModel: config.embeddingsModel ?? '',
      embeddingsDimensions: config.embeddingsDimensions === null ? '' : String(config.embeddingsDimensions),
    };
  }
  const preset = presetOf(presets, DEFAULT_PRESET);
  return { preset: DEFAULT_PRESET, baseUrl: preset?.defaultBaseUrl ?? '', chatModel: preset?.chatModels[0] ?? '', embeddingsModel: '', embeddingsDimensions: '' };
}

/** Values after picking preset `next`: fields still holding the old preset's defaults (or nothing) take the new ones. */
export function switchPreset(values: ProviderFormValues, next: ProviderPresetId, presets: readonly ProviderPreset[]): ProviderFormValues {
  const from = presetOf(presets, values.preset);
  const to = presetOf(presets, next);
  if (!to) return { ...values, preset: next };
  const untouched = (value: string, defaults: readonly string[]): boolean => value.trim() === '' || defaults.includes(value.trim());
  return {
    preset: next,
    baseUrl: untouched(values.baseUrl, from ? [from.defaultBaseUrl] : []) ? to.defaultBaseUrl : values.baseUrl,
    chatModel: untouched(values.chatModel, from?.chatModels ?? []) ? (to.chatModels[0] ?? '') : values.chatModel,
    embeddingsModel: untouched(values.embeddingsModel, from?.embeddingsModels ?? []) ? '' : values.embeddingsModel,
    embeddingsDimensions: values.embeddingsDimensions,
  };
}

/** Whether the values differ from the saved config (always true when nothing is saved). */
export function isDirty(values: ProviderFormValues, config: ProviderConfig | null): boolean {
  if (!config) return true;
  const saved = initialValues(config, []);
  return (
    values.preset !== saved.preset ||
    values.baseUrl.trim() !== saved.baseUrl ||
    values.chatModel.trim() !== saved.chatModel ||
    values.embeddingsModel.trim() !== saved.embeddingsModel ||
    values.embeddingsDimensions.trim() !== saved.embeddingsDimensions
  );
}
