/**
 * `qwanyx provider set|show|test|usage --workspace W`: the model provider a
 * workspace uses on this device.
 *
 * The API key never goes on the command line (where shell history and the
 * process list would keep it): `--api-key-stdin` reads it from the first
 * line of stdin, with a prompt on a terminal. `--clear-api-key` deletes it.
 */
import type { ProviderState } from '../../../common/contract';
import { PROVIDER_PRESET_IDS, type ProviderPresetId } from '../../../common/contract/providerChannels';
import { presetForBaseUrl, providerPreset } from '../../../llm/providerPresets';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import type { CliContext } from '../../cli/CliContext';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';

function presetFlag(flag: string | boolean | undefined): ProviderPresetId | undefined {
  if (flag === undefined) return undefined;
  const id = PROVIDER_PRESET_IDS.find((p) => p === flag);
  if (!id) throw new CliUsageError(`--preset is one of ${PROVIDER_PRESET_IDS.join(', ')}`);
  return id;
}

function dimensionsFlag(flag: string | boolean | undefined): number | undefined {
  if (flag === undefined) return undefined;
  const n = typeof flag === 'string' && /^\d{1,5}$/.test(flag) ? Number(flag) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 8192) throw new CliUsageError('--embeddings-dimensions takes a number from 1 to 8192');
  return n;
}

function daysFlag(flag: string | boolean | undefined): number {
  if (flag === undefined) return 30;
  const n = typeof flag === 'string' && /^\d{1,3}$/.test(flag) ? Number(flag) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 366) throw new CliUsageError('--days takes a number from 1 to 366');
  return n;
}

/** The state without the preset list, for `--json`. */
function shown(state: ProviderState): Omit<ProviderState, 'presets'> {
  const { presets: _presets, ...rest } = state;
  return rest;
}

/** Lines describing a workspace's provider. */
export function describeProvider(state: ProviderState): string[] {
  const { config, connection } = state;
  if (!config && connection) {
    const key = connection.hasApiKey ? 'saved in the keychain' : providerPreset(connection.preset).requiresApiKey ? 'missing (this server needs one)' : 'none';
    return [`Connection: ${connection.name} (${connection.isDefault ? "the device's default" : 'picked for this workspace'})`, `Base URL:   ${connection.baseUrl}`, `Chat model: ${connection.chatModel}`, `API key:    ${key}`];
  }
  if (!config) return ['No model is connected for this workspace: add a connection in Settings → Model connections.'];
  const preset = providerPreset(config.preset);
  const key = state.hasApiKey ? 'saved in the keychain' : preset.requiresApiKey ? 'missing (this provider needs one)' : 'none';
  const embeddings = config.embeddingsModel
    ? `${config.embeddingsModel}${config.embeddingsDimensions !== null ? ` (${config.embeddingsDimensions} dimensions)` : ''}`
    : 'none (memory recall uses full-text search only)';
  return [`Provider:   ${preset.label}`, `Base URL:   ${config.baseUrl}`, `Chat model: ${config.chatModel}`, `Embeddings: ${embeddings}`, `API key:    ${key}`];
}

async function readApiKey(ctx: CliContext): Promise<string> {
  if (ctx.stdin.isTTY) ctx.err('Paste the API key and press Enter:');
  const line = (await ctx.stdin.readLine())?.trim() ?? '';
  if (line === '') throw new CliUsageError('--api-key-stdin was given but no key came on stdin');
  return line;
}

/** The model provider a workspace uses on this device. */
export const providerCommand: CliCommand = {
  name: 'provider',
  subcommands: {
    set: {
      usage: `provider set --workspace W --model M [--base-url URL] [--preset P] [--embeddings-model E]
             [--embeddings-dimensions N] [--api-key-stdin | --clear-api-key] [--json]`,
      notes: ['(--api-key-stdin reads the key from the first stdin line)'],
      flags: {
        workspace: 'string',
        'base-url': 'string',
        model: 'string',
        preset: 'string',
        'embeddings-model': 'string',
        'embeddings-dimensions': 'string',
        'api-key-stdin': 'boolean',
        'clear-api-key': 'boolean',
        json: 'boolean',
      },
      async run(ctx) {
        const { core, flags, out } = ctx;
        if (typeof flags.model !== 'string') throw new CliUsageError('provider set needs --model <chat model>');
        if (flags['api-key-stdin'] && flags['clear-api-key']) throw new CliUsageError('give --api-key-stdin or --clear-api-key, not both');
        const preset = presetFlag(flags.preset);
        const baseUrl = typeof flags['base-url'] === 'string' ? flags['base-url'] : preset ? providerPreset(preset).defaultBaseUrl : '';
        if (baseUrl === '') throw new CliUsageError('provider set needs --base-url <url> (or a --preset that has one)');
        const dimensions = dimensionsFlag(flags['embeddings-dimensions']);
        const embeddingsModel = typeof flags['embeddings-model'] === 'string' ? flags['embeddings-model'] : undefined;
        if (dimensions !== undefined && embeddingsModel === undefined) throw new CliUsageError('--embeddings-dimensions goes with --embeddings-model');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const apiKey = flags['api-key-stdin'] ? await readApiKey(ctx) : flags['clear-api-key'] ? null : undefined;
        const state = await callCore(core, 'provider.set', {
          workspaceId,
          preset: preset ?? presetForBaseUrl(baseUrl),
          baseUrl,
          chatModel: flags.model,
          ...(embeddingsModel !== undefined ? { embeddingsModel } : {}),
          ...(dimensions !== undefined ? { embeddingsDimensions: dimensions } : {}),
          ...(apiKey !== undefined ? { apiKey } : {}),
        });
        if (flags.json) out(JSON.stringify(shown(state)));
        else for (const line of ['Saved.', ...describeProvider(state)]) out(line);
      },
    },
    show: {
      usage: 'provider show --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const state = await callCore(core, 'provider.get', { workspaceId });
        if (flags.json) out(JSON.stringify(shown(state)));
        else for (const line of describeProvider(state)) out(line);
      },
    },
    test: {
      usage: 'provider test --workspace W [--json]',
      notes: ['(lists models, makes a 1-token chat)'],
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const result = await callCore(core, 'provider.test', { workspaceId });
        if (flags.json) out(JSON.stringify(result));
        else if (result.ok) out(result.message);
        if (!result.ok) throw new CliCommandError(result.errorCode ?? 'PROVIDER_UNREACHABLE', result.message);
      },
    },
    usage: {
      usage: 'provider usage --workspace W [--days N] [--json]',
      notes: ['(tokens per day, digital human and model)'],
      flags: { workspace: 'string', days: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const usage = await callCore(core, 'usage.list', { workspaceId, days: daysFlag(flags.days) });
        if (flags.json) out(JSON.stringify(usage));
        else if (usage.rows.length === 0) out(`No tokens used since ${usage.from}.`);
        else {
          for (const r of usage.rows) {
            out(`${r.day}  ${r.dhId ?? '-'}  ${r.model}  ${r.promptTokens} in, ${r.completionTokens} out, ${r.requests} request${r.requests === 1 ? '' : 's'}`);
          }
        }
      },
    },
  },
};
