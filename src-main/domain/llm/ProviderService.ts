/**
 * Model providers of workspaces on this device: which OpenAI-compatible
 * endpoint each workspace uses: its own (in its own database, never synced,
 * its API key in the keychain under the workspace's namespace, so deleting
 * the workspace deletes it and no other workspace ever uses it) or else a
 * connection of the device (ConnectionService); the connection test, and
 * token usage.
 *
 * The key is read here, in the main process, when a client is built or an
 * embeddings request is sent; it never appears in what this service returns
 * (only `hasApiKey`) nor in its errors.
 */
import { NotConfiguredError, ValidationError } from '../../common/AppError';
import type { Logger } from '../../common/Logger';
import {
  providerChannels,
  type ProviderConfig,
  type ProviderPreset,
  type ProviderPresetId,
  type ProviderState,
  type ProviderTestResult,
  type TokenUsage,
} from '../../common/contract/providerChannels';
import { createLlmClient, type LlmClient } from '../../llm/LlmClient';
import { DEFAULT_TIMEOUT_MS, type LlmEndpoint } from '../../llm/createOpenAi';
import { EmbeddingsClient } from '../../llm/EmbeddingsClient';
import { PROVIDER_PRESETS, providerPreset } from '../../llm/providerPresets';
import type { SecretStore } from '../../secrets/SecretStore';
import { ProviderConfigStore } from '../../storage/llm/ProviderConfigStore';
import { TokenUsageStore } from '../../storage/llm/TokenUsageStore';
import type { Embedder } from '../memory/Embedder';
import { scopeKey } from '../ScopeKey';
import type { WorkspaceService } from '../WorkspaceService';
import { localDay, localDayBefore } from './localDay';
import type { ConnectionService } from './ConnectionService';
import { testProviderConnection } from './testProviderConnection';

/** Keychain entry of a workspace's API key (in the workspace's namespace). */
export const API_KEY_SECRET = 'llm-api-key';

export interface ProviderServiceDeps {
  workspaces: WorkspaceService;
  /** The device's connections, used by workspaces without a provider of their own. */
  connections?: ConnectionService;
  secrets: SecretStore;
  now: () => number;
  /** Told after a workspace's provider was set. */
  onChanged?: (workspaceId: string) => void;
  log: Logger;
  /** Milliseconds a request waits for the server to start answering (default 60 s). */
  timeoutMs?: number;
  /** Milliseconds the connection test waits for each step (default 20 s). */
  testTimeoutMs?: number;
}

/** What `set` takes: the whole provider (the key is optional: undefined keeps the saved one). */
export interface ProviderSettings {
  preset: ProviderPresetId;
  baseUrl: string;
  chatModel: string;
  /** Undefined or null: no embeddings. */
  embeddingsModel?: string | null;
  embeddingsDimensions?: number | null;
  /** A key to save, null to delete the saved one, undefined to keep it. */
  apiKey?: string | null;
}

const STORES = scopeKey<{ config: ProviderConfigStore; usage: TokenUsageStore }>('providers.stores');

export class ProviderService {
  constructor(private readonly deps: ProviderServiceDeps) {}

  /** The device's connections (every core has them; a bare service in a unit test may not). */
  connections(): ConnectionService {
    if (!this.deps.connections) throw new NotConfiguredError('This core has no device connections');
    return this.deps.connections;
  }

  presets(): ProviderPreset[] {
    return [...PROVIDER_PRESETS];
  }

  /** The provider of `workspaceId` (null config when none), whether a key is saved, and the presets. */
  async get(workspaceId: string): Promise<ProviderState> {
    const config = this.stores(workspaceId).config.get();
    const keychain = await this.deps.secrets.status();
    const hasApiKey = keychain.available && (await this.deps.secrets.keys(workspaceId)).includes(API_KEY_SECRET);
    const connections = this.deps.connections;
    const connection = config === null && connections ? await connections.effective(workspaceId) : null;
    const source = config !== null ? 'workspace' : connection !== null ? 'connection' : 'none';
    return { workspaceId, config, source, connectionId: connections?.pickOf(workspaceId) ?? null, connection, hasApiKey, keychain, presets: this.presets() };
  }

  /** The workspace uses a device connection (null: the default); its own provider and key are removed. */
  async use(workspaceId: string, connectionId: string | null): Promise<ProviderState> {
    this.connections().pick(workspaceId, connectionId);
    this.stores(workspaceId).config.clear();
    if (await this.hasStoredKey(workspaceId)) await this.deps.secrets.delete(workspaceId, API_KEY_SECRET);
    this.deps.onChanged?.(workspaceId);
    return this.get(workspaceId);
  }

  /**
   * Saves the provider of `workspaceId`. Values are checked with the same
   * rules as the IPC contract. The key is written first, so a keychain
   * failure leaves the previous provider in place.
   */
  async set(workspaceId: string, settings: ProviderSettings): Promise<ProviderState> {
    const parsed = providerChannels['provider.set'].input.safeParse({ workspaceId, ...settings });
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '));
    const input = parsed.data;
    const store = this.stores(workspaceId).config;
    const previous = store.get();
    if (input.apiKey === undefined && previous !== null && originOf(previous.baseUrl) !== originOf(input.baseUrl) && (await this.hasStoredKey(workspaceId))) {
      // The saved key was given for the old server: never send it to another one without being asked.
      throw new ValidationError(
        `The model server moved from ${originOf(previous.baseUrl)} to ${originOf(input.baseUrl)}: give its API key again (the saved key is only sent to ${originOf(previous.baseUrl)}), or remove the saved key`,
      );
    }
    if (typeof input.apiKey === 'string') await this.deps.secrets.set(workspaceId, API_KEY_SECRET, input.apiKey);
    else if (input.apiKey === null && (await this.deps.secrets.status()).available) await this.deps.secrets.delete(workspaceId, API_KEY_SECRET);
    const embeddingsModel = input.embeddingsModel ?? null;
    store.put({
      preset: input.preset,
      baseUrl: input.baseUrl,
      chatModel: input.chatModel,
      embeddingsModel,
      embeddingsDimensions: embeddingsModel === null ? null : (input.embeddingsDimensions ?? null),
      updatedAt: this.deps.now(),
    });
    this.deps.onChanged?.(workspaceId);
    return this.get(workspaceId);
  }

  private async hasStoredKey(workspaceId: string): Promise<boolean> {
    return (await this.deps.secrets.status()).available && (await this.deps.secrets.keys(workspaceId)).includes(API_KEY_SECRET);
  }

  /** Tests the saved provider (see testProviderConnection). Throws NotConfiguredError when there is none. */
  async test(workspaceId: string): Promise<ProviderTestResult> {
    const { config, endpoint } = await this.resolve(workspaceId);
    const timeoutMs = this.deps.testTimeoutMs ?? 20_000;
    return testProviderConnection({
      config,
      endpoint,
      client: this.buildClient(workspaceId, config, endpoint, timeoutMs),
      embedder: this.embedderFor(workspaceId),
      timeoutMs,
    });
  }

  /** Token usage of the last `days` local days (today included), newest first. */
  usage(workspaceId: string, options: { days: number }): TokenUsage {
    const days = Math.min(366, Math.max(1, Math.floor(options.days)));
    const from = localDayBefore(this.deps.now(), days - 1);
    const rows = this.stores(workspaceId).usage.listSince(from);
    return { from, rows: rows.map((r) => ({ ...r, dhId: r.dhId === '' ? null : r.dhId })) };
  }

  /** Tokens a digital human (or nobody, with null) used today on this device: what a daily quota compares. */
  tokensToday(workspaceId: string, dhId: string | null): number {
    return this.stores(workspaceId).usage.tokensOn(localDay(this.deps.now()), dhId ?? '');
  }

  /**
   * A chat client on the workspace's provider, with its key read now. Build
   * one per job: a client keeps the provider it was built with. Throws
   * NotConfiguredError when no provider is set, or when the preset needs a
   * key and none is saved.
   */
  async clientFor(workspaceId: string): Promise<LlmClient> {
    const { config, endpoint } = await this.resolve(workspaceId);
    return this.buildClient(workspaceId, config, endpoint, this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  /**
   * The workspace's embedder, or null when no embeddings model is set. It is
   * returned at once (no keychain read here); each `embed` call reads the
   * current endpoint and key. Its `model` names the model (and size) of the
   * vectors: ask again after `provider.changed`.
   */
  embedderFor(workspaceId: string): Embedder | null {
    const config = this.stores(workspaceId).config.get();
    if (!config?.embeddingsModel) return null;
    return new EmbeddingsClient({
      endpoint: async () => (await this.resolve(workspaceId)).endpoint,
      model: config.embeddingsModel,
      dimensions: config.embeddingsDimensions,
      timeoutMs: this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      onUsage: (r) => this.record(workspaceId, '', r.model, r.promptTokens, 0),
    });
  }

  private buildClient(workspaceId: string, config: ProviderConfig, endpoint: LlmEndpoint, timeoutMs: number): LlmClient {
    return createLlmClient({
      endpoint,
      model: config.chatModel,
      timeoutMs,
      idleTimeoutMs: timeoutMs,
      onUsage: (r) => this.record(workspaceId, r.dhId ?? '', r.model, r.promptTokens, r.completionTokens),
    });
  }

  /** The saved provider and the endpoint to reach it, key included. */
  private async resolve(workspaceId: string): Promise<{ config: ProviderConfig; endpoint: LlmEndpoint }> {
    const config = this.stores(workspaceId).config.get();
    if (!config && this.deps.connections) return this.deps.connections.resolve(workspaceId);
    if (!config) throw new NotConfiguredError('No model provider is set for this workspace: choose one in Settings → Model provider.');
    const keychain = await this.deps.secrets.status();
    const apiKey = keychain.available ? await this.deps.secrets.get(workspaceId, API_KEY_SECRET) : null;
    const preset = providerPreset(config.preset);
    if (apiKey === null && preset.requiresApiKey) {
      throw new NotConfiguredError(
        keychain.available
          ? `The model provider (${preset.label}) needs an API key: add it in Settings → Model provider.`
          : `The model provider (${preset.label}) needs an API key, and no OS keychain is available to keep it.`,
      );
    }
    return { config, endpoint: { preset: config.preset, baseUrl: config.baseUrl, apiKey } };
  }

  /** Counts one completed request; a failure to count is logged, never thrown into the answer that was already given. */
  private record(workspaceId: string, dhId: string, model: string, promptTokens: number, completionTokens: number): void {
    try {
      this.stores(workspaceId).usage.add({ day: localDay(this.deps.now()), dhId, model, promptTokens, completionTokens });
    } catch (err) {
      this.deps.log('error', 'token usage could not be recorded', err);
    }
  }

  private stores(workspaceId: string): { config: ProviderConfigStore; usage: TokenUsageStore } {
    this.deps.workspaces.get(workspaceId);
    const handle = this.deps.workspaces.handle(workspaceId);
    return handle.scoped(STORES, (h) => ({ config: new ProviderConfigStore(h.storage.db), usage: new TokenUsageStore(h.storage.db) }));
  }
}

/** Scheme, host and port of a (canonical) base URL: where a key may be sent. */
function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
