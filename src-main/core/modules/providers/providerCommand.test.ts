import { describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../../../../tests/fixtures/fakeOpenAiServer';
import { runCliInProcess, type CliRun } from '../../../../tests/fixtures/runCliInProcess';
import { makeTempDir } from '../../../../tests/fixtures/tempDir';
import type { ProviderState, TokenUsage, Workspace } from '../../../common/contract';
import { MemorySecretStore } from '../../../secrets/MemorySecretStore';
import { API_KEY_SECRET } from '../../../domain/llm/ProviderService';
import type { CliStdin } from '../../cli/CliContext';

const KEY = 'sk-cli-SECRET-abcdef0123';

/** stdin of a pipe carrying `lines`. */
function pipe(...lines: string[]): CliStdin {
  const queue = [...lines];
  return { isTTY: false, readLine: () => Promise.resolve(queue.shift() ?? null) };
}

async function setup(): Promise<{ dir: string; secrets: MemorySecretStore; ws: string; cli: (argv: string[], stdin?: CliStdin) => Promise<CliRun> }> {
  const dir = makeTempDir();
  const secrets = new MemorySecretStore();
  const cli = (argv: string[], stdin?: CliStdin): Promise<CliRun> => runCliInProcess(dir, argv, { secretStore: secrets, ...(stdin ? { stdin } : {}) });
  const ws = (JSON.parse((await cli(['workspace', 'create', 'Acme Corp', '--json'])).out[0]!) as Workspace).id;
  return { dir, secrets, ws, cli };
}

describe('qwanyx provider', () => {
  it('sets a provider with the key from stdin, shows it without the key, tests it and lists usage', async () => {
    const { secrets, ws, cli } = await setup();
    const llm = await startFakeOpenAi({ apiKey: KEY });
    const set = await cli(['provider', 'set', '--workspace', 'Acme Corp', '--base-url', `${llm.baseUrl}/`, '--model', 'fake-chat', '--embeddings-model', 'fake-embed', '--api-key-stdin'], pipe(`${KEY}\n`));
    expect(set.code, set.err.join()).toBe(0);
    expect(set.out).toEqual([
      'Saved.',
      'Provider:   Custom URL',
      `Base URL:   ${llm.baseUrl}`,
      'Chat model: fake-chat',
      'Embeddings: fake-embed',
      'API key:    saved in the keychain',
    ]);
    expect(await secrets.get(ws, API_KEY_SECRET)).toBe(KEY);

    const shown = await cli(['provider', 'show', '--workspace', ws, '--json']);
    expect(shown.out[0]).not.toContain('SECRET');
    expect(JSON.parse(shown.out[0]!) as Omit<ProviderState, 'presets'>).toMatchObject({ hasApiKey: true, config: { preset: 'custom', chatModel: 'fake-chat' } });

    const tested = await cli(['provider', 'test', '--workspace', ws]);
    expect(tested.code, tested.err.join()).toBe(0);
    expect(tested.out).toEqual([expect.stringMatching(/^Connected to 127\.0\.0\.1:\d+: fake-chat answered in \d+ ms\. 2 models available\. Embeddings: 384 dimensions\.$/)]);

    const usage = JSON.parse((await cli(['provider', 'usage', '--workspace', ws, '--days', '7', '--json'])).out[0]!) as TokenUsage;
    expect(usage.rows.map((r) => [r.dhId, r.model, r.requests])).toEqual([
      [null, 'fake-chat', 1],
      [null, 'fake-embed', 1],
    ]);

    // Without --api-key-stdin the key stays; a preset fills the address; --clear-api-key deletes the key.
    const local = await cli(['provider', 'set', '--workspace', ws, '--preset', 'ollama', '--model', 'llama3.2', '--clear-api-key']);
    expect(local.out).toContain('Base URL:   http://127.0.0.1:11434/v1');
    expect(local.out).toContain('API key:    none');
    expect(await secrets.keys(ws)).toEqual([]);
  });

  it('reports a failing test with exit code 1 and the reason, never the key', async () => {
    const { ws, cli } = await setup();
    const llm = await startFakeOpenAi({ apiKey: 'sk-other' });
    await cli(['provider', 'set', '--workspace', ws, '--base-url', llm.baseUrl, '--model', 'fake-chat', '--api-key-stdin'], pipe(KEY));
    const run = await cli(['provider', 'test', '--workspace', ws]);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([expect.stringMatching(/^qwanyx: The model server at 127\.0\.0\.1:\d+ refused the API key \(401\)/)]);
    expect(run.err[0]).not.toContain('SECRET');
  });

  it.each([
    [['provider', 'set', '--workspace', 'WS', '--base-url', 'http://127.0.0.1:1/v1'], 2, /needs --model/],
    [['provider', 'set', '--workspace', 'WS', '--model', 'm'], 2, /needs --base-url/],
    [['provider', 'set', '--workspace', 'WS', '--model', 'm', '--preset', 'acme'], 2, /--preset is one of openai, /],
    [['provider', 'set', '--workspace', 'WS', '--model', 'm', '--preset', 'vllm', '--api-key-stdin'], 2, /no key came on stdin/],
    [['provider', 'set', '--workspace', 'WS', '--model', 'm', '--preset', 'vllm', '--api-key-stdin', '--clear-api-key'], 2, /not both/],
    [['provider', 'set', '--workspace', 'WS', '--model', 'm', '--preset', 'vllm', '--embeddings-dimensions', '64'], 2, /goes with --embeddings-model/],
    [['provider', 'set', '--workspace', 'WS', '--model', 'm', '--base-url', 'https://u:p@example.com/v1'], 1, /no password/],
    [['provider', 'show', '--workspace', 'WS', '--model', 'm'], 2, /unexpected option --model/],
    [['provider', 'test', '--workspace', 'WS'], 1, /No model is connected yet/],
    [['provider', 'usage', '--workspace', 'WS', '--days', '0'], 2, /--days takes a number/],
    [['provider', 'frob'], 2, /usage: qwanyx provider/],
  ])('refuses %j with exit code %i and one line on stderr', async (argv, code, message) => {
    const { ws, cli } = await setup();
    const run = await cli((argv as string[]).map((a) => (a === 'WS' ? ws : a)));
    expect(run.code).toBe(code);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message as RegExp);
    expect(run.out).toEqual([]);
  });
});
