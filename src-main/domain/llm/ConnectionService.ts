/**
 * Model connections of this device: a server, its chat model and its key,
 * set once and used by every workspace that has no provider of its own
 * (the default connection, or the one the workspace picked). They are a
 * device setting (in app.db's settings, never synced); keys live in the
 * keychain under the device's own namespace, never a workspace's, so no
 * workspace's tools can read them.
 *
 * Stored shapes, read with zod (a stored value that no longer parses is
 * dropped, not trusted):
 * - `providerConnections`: [{ id, name, preset, baseUrl, chatModel, updatedAt }]
 * - `defaultConnectionId`: string | null
 * - `workspaceConnections`: { [workspaceId]: connectionId }
 */
import { z } from 'zod';
import { NotConfiguredError, NotFoundError, ValidationError } from '../../common/AppError';
import { PROVIDER_PRESET_IDS, type Connection, type ProviderConfig, type ProviderPresetId, type ProviderTestResult } from '../../common/contract/providerChannels';
import { createLlmClient } from '../../llm/LlmClient';
import type { LlmEndpoint } from '../../llm/createOpenAi';
import { providerPreset } from '../../llm/providerPresets';
import type { SecretStore } from '../../secrets/SecretStore';
import type { AppRegistry } from '../../storage/AppRegistry';
import { listModels, testProviderConnection } from './testProviderConnection';

/** The keychain namespace of device-wide secrets (workspace ids never look like this). */
export const DEVICE_SECRETS = 'device';

const storedSchema = z.array(
  z.object({ id: z.string(), name: z.string(), preset: z.enum(PROVIDER_PRESET_IDS), baseUrl: z.string(), chatModel: z.string(), updatedAt: z.number() }),
);
type Stored = z.output<typeof storedSchema>[number];

export interface ConnectionServiceDeps {
  registry: AppRegistry;
  secrets: SecretStore;
  now: () => number;
  newId: () => string;
  /** Told after any change, with the workspaces whose provider it changed. */
  onChanged: (connections: Connection[], affectedWorkspaceIds: string[]) => void;
  testTimeoutMs?: number;
}

export interface ConnectionInput {
  id?: string | undefined;
  name: string;
  preset: ProviderPresetId;
  baseUrl: string;
  chatModel: string;
  apiKey?: string | null | undefined;
  makeDefault?: boolean | undefined;
}

export interface ConnectionDraft {
  id?: string | undefined;
  preset: ProviderPresetId;
  baseUrl: string;
  chatModel?: string | undefined;
  apiKey?: string | undefined;
}

function keyName(id: string): string {
  return `connection-${id}`;
}

export class ConnectionService {
  constructor(private readonly deps: ConnectionServiceDeps) {}

  async list(): Promise<Connection[]> {
    const defaultId = this.defaultId();
    const keys = (await this.deps.secrets.status()).available ? await this.deps.secrets.keys(DEVICE_SECRETS) : [];
    return this.stored().map((c) => ({ ...c, hasApiKey: keys.includes(keyName(c.id)), isDefault: c.id === defaultId }));
  }

  async get(id: string): Promise<Connection> {
    const found = (await this.list()).find((c) => c.id === id);
    if (!found) throw new NotFoundError('This model connection no longer exists on this device');
    return found;
  }

  /** Creates or updates a connection. The first one becomes the default. The key is written first, so a keychain failure changes nothing. */
  async save(input: ConnectionInput): Promise<Connection> {
    const all = this.stored();
    const previous = input.id === undefined ? undefined : all.find((c) => c.id === input.id);
    if (input.id !== undefined && !previous) throw new NotFoundError('This model connection no longer exists on this device');
    const id = previous?.id ?? this.deps.newId();
    if (input.apiKey === undefined && previous && new URL(previous.baseUrl).origin !== new URL(input.baseUrl).origin && (await this.hasKey(id))) {
      throw new ValidationError(`The connection moved to another server: give its API key again (the saved key is only sent to ${new URL(previous.baseUrl).origin}), or remove it`);
    }
    if (typeof input.apiKey === 'string') await this.deps.secrets.set(DEVICE_SECRETS, keyName(id), input.apiKey);
    else if (input.apiKey === null && (await this.deps.secrets.status()).available) await this.deps.secrets.delete(DEVICE_SECRETS, keyName(id));
    const record: Stored = { id, name: input.name, preset: input.preset, baseUrl: input.baseUrl, chatModel: input.chatModel, updatedAt: this.deps.now() };
    this.deps.registry.transaction(() => {
      this.deps.registry.setSetting('providerConnections', previous ? all.map((c) => (c.id === id ? record : c)) : [...all, record]);
      if (input.makeDefault === true || this.defaultId() === null) this.deps.registry.setSetting('defaultConnectionId', id);
    });
    await this.changed();
    return this.get(id);
  }

  async delete(id: string): Promise<Connection[]> {
    const all = this.stored();
    if (!all.some((c) => c.id === id)) throw new NotFoundError('This model connection no longer exists on this device');
    const affected = this.usersOf(id);
    const rest = all.filter((c) => c.id !== id);
    this.deps.registry.transaction(() => {
      this.deps.registry.setSetting('providerConnections', rest);
      if (this.defaultId() === id) this.deps.registry.setSetting('defaultConnectionId', rest[0]?.id ?? null);
      const picks = this.picks();
      for (const [ws, picked] of Object.entries(picks)) if (picked === id) delete picks[ws];
      this.deps.registry.setSetting('workspaceConnections', picks);
    });
    if ((await this.deps.secrets.status()).available) await this.deps.secrets.delete(DEVICE_SECRETS, keyName(id));
    await this.changed(affected);
    return this.list();
  }

  /** Records which connection a workspace uses (null: the device default). */
  pick(workspaceId: string, connectionId: string | null): void {
    if (connectionId !== null && !this.stored().some((c) => c.id === connectionId)) throw new NotFoundError('This model connection no longer exists on this device');
    const picks = this.picks();
    if (connectionId === null) delete picks[workspaceId];
    else picks[workspaceId] = connectionId;
    this.deps.registry.setSetting('workspaceConnections', picks);
  }

  /** The connection `workspaceId` picked (null: the default). */
  pickOf(workspaceId: string): string | null {
    return this.picks()[workspaceId] ?? null;
  }

  /** The connection a workspace without a provider of its own uses, or null when the device has none. */
  async effective(workspaceId: string): Promise<Connection | null> {
    const id = this.pickOf(workspaceId) ?? this.defaultId();
    return id === null ? null : ((await this.list()).find((c) => c.id === id) ?? null);
  }

  /** The provider and endpoint (key included) of a workspace's connection; throws NotConfiguredError when there is none. */
  async resolve(workspaceId: string): Promise<{ config: ProviderConfig; endpoint: LlmEndpoint; connection: Connection }> {
    const connection = await this.effective(workspaceId);
    if (!connection) throw new NotConfiguredError('No model is connected yet: add a connection in Settings → Model connections.');
    const keychain = await this.deps.secrets.status();
    const apiKey = keychain.available ? await this.deps.secrets.get(DEVICE_SECRETS, keyName(connection.id)) : null;
    const preset = providerPreset(connection.preset);
    if (apiKey === null && preset.requiresApiKey) {
      throw new NotConfiguredError(
        keychain.available
          ? `The model connection “${connection.name}” needs an API key: add it in Settings → Model connections.`
          : `The model connection “${connection.name}” needs an API key, and no OS keychain is available to keep it.`,
      );
    }
    const config: ProviderConfig = { preset: connection.preset, baseUrl: connection.baseUrl, chatModel: connection.chatModel, embeddingsModel: null, embeddingsDimensions: null, updatedAt: connection.updatedAt };
    return { config, endpoint: { preset: connection.preset, baseUrl: connection.baseUrl, apiKey }, connection };
  }

  /** Tests a connection as typed (see the `connection.test` channel); without a chat model, only lists the models. */
  async test(draft: ConnectionDraft): Promise<ProviderTestResult> {
    const timeoutMs = this.deps.testTimeoutMs ?? 20_000;
    let apiKey = draft.apiKey ?? null;
    if (apiKey === null && draft.id !== undefined && (await this.deps.secrets.status()).available) apiKey = await this.deps.secrets.get(DEVICE_SECRETS, keyName(draft.id));
    const endpoint: LlmEndpoint = { preset: draft.preset, baseUrl: draft.baseUrl, apiKey };
    if (draft.chatModel === undefined) {
      const { models, failed } = await listModels(endpoint, timeoutMs);
      return failed ?? { ok: true, latencyMs: null, models, message: `${models?.length ?? 0} models available.`, errorCode: null, problem: null, field: null };
    }
    const config: ProviderConfig = { preset: draft.preset, baseUrl: draft.baseUrl, chatModel: draft.chatModel, embeddingsModel: null, embeddingsDimensions: null, updatedAt: this.deps.now() };
    const client = createLlmClient({ endpoint, model: draft.chatModel, timeoutMs, idleTimeoutMs: timeoutMs });
    return testProviderConnection({ config, endpoint, client, embedder: null, timeoutMs });
  }

  /** Workspaces whose digital humans use connection `id` now: those that picked it, and (when it is the default) those that picked none. */
  usersOf(id: string, workspaceIds: readonly string[] = this.deps.registry.listWorkspaces(true).map((w) => w.id)): string[] {
    const picks = this.picks();
    const isDefault = this.defaultId() === id;
    return workspaceIds.filter((ws) => picks[ws] === id || (isDefault && picks[ws] === undefined));
  }

  private async changed(affected?: string[]): Promise<void> {
    const connections = await this.list();
    // A changed connection may fix a workspace that was waiting: tell them all (cheap: queued jobs only).
    this.deps.onChanged(connections, affected ?? this.deps.registry.listWorkspaces(true).map((w) => w.id));
  }

  private async hasKey(id: string): Promise<boolean> {
    return (await this.deps.secrets.status()).available && (await this.deps.secrets.keys(DEVICE_SECRETS)).includes(keyName(id));
  }

  private stored(): Stored[] {
    const parsed = storedSchema.safeParse(this.deps.registry.getSetting('providerConnections'));
    return parsed.success ? parsed.data : [];
  }

  private defaultId(): string | null {
    const id = this.deps.registry.getSetting('defaultConnectionId');
    return typeof id === 'string' && this.stored().some((c) => c.id === id) ? id : null;
  }

  private picks(): Record<string, string> {
    const parsed = z.record(z.string(), z.string()).safeParse(this.deps.registry.getSetting('workspaceConnections'));
    return parsed.success ? { ...parsed.data } : {};
  }
}
