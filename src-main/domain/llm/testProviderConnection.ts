/**
 * "Test connection": asks the server for its models, makes a 1-token chat
 * with the chat model, and embeds one text when an embeddings model is set.
 * Provider failures become a result with `ok: false` and a sentence for the
 * user (never the key); only a missing configuration throws.
 */
import { AppError, ProviderRefusedError } from '../../common/AppError';
import type { ProviderConfig, ProviderTestResult } from '../../common/contract/providerChannels';
import { classifyProviderError, formatWait, providerHost } from '../../llm/classifyProviderError';
import { createOpenAi, type LlmEndpoint } from '../../llm/createOpenAi';
import type { Embedder } from '../memory/Embedder';
import type { LlmClient } from '../../llm/LlmClient';

export interface ConnectionTestTarget {
  config: ProviderConfig;
  endpoint: LlmEndpoint;
  client: LlmClient;
  embedder: Embedder | null;
  timeoutMs: number;
}

type Problem = Pick<ProviderTestResult, 'problem' | 'field'>;

/** What a classified failure means for the person, and which field it concerns (the UI words it). */
export function problemOf(err: AppError): Problem {
  if (err instanceof ProviderRefusedError) {
    if (err.status === 401 || err.status === 403) return { problem: 'key', field: 'apiKey' };
    if (err.status === 404) return { problem: 'model', field: 'chatModel' };
    return { problem: 'server', field: 'baseUrl' };
  }
  return /did not answer within|timed out/.test(err.message) ? { problem: 'timeout', field: 'baseUrl' } : { problem: 'unreachable', field: 'baseUrl' };
}

function failure(err: unknown, target: ConnectionTestTarget, models: string[] | null, prefix = ''): ProviderTestResult {
  const classified = classifyProviderError(err, { baseUrl: target.endpoint.baseUrl, apiKey: target.endpoint.apiKey, model: target.config.chatModel, timeoutMs: target.timeoutMs });
  if (!(classified.code === 'PROVIDER_REFUSED' || classified.code === 'PROVIDER_UNREACHABLE')) throw classified;
  return { ok: false, latencyMs: null, models, message: `${prefix}${classified.message}`, errorCode: classified.code, ...problemOf(classified) };
}

/** Lists the server's models: null when it has no list (404); a failure result when it cannot be asked. */
export async function listModels(endpoint: LlmEndpoint, timeoutMs: number, model = ''): Promise<{ models: string[] | null; failed: ProviderTestResult | null }> {
  try {
    const page = await createOpenAi(endpoint, timeoutMs).models.list();
    return { models: page.data.map((m) => m.id).filter((id): id is string => typeof id === 'string'), failed: null };
  } catch (err) {
    const classified = classifyProviderError(err, { baseUrl: endpoint.baseUrl, apiKey: endpoint.apiKey, model, timeoutMs });
    // Some servers have no model list (404): a chat still tells whether they work.
    if (classified instanceof ProviderRefusedError && classified.status === 404) return { models: null, failed: null };
    if (!(classified.code === 'PROVIDER_REFUSED' || classified.code === 'PROVIDER_UNREACHABLE')) throw classified;
    return { models: null, failed: { ok: false, latencyMs: null, models: null, message: classified.message, errorCode: classified.code, ...problemOf(classified) } };
  }
}

/** Runs the test against `target`; resolves with what the user should see. */
export async function testProviderConnection(target: ConnectionTestTarget): Promise<ProviderTestResult> {
  const { config, endpoint } = target;
  const host = providerHost(endpoint.baseUrl);
  const listed0 = await listModels(endpoint, target.timeoutMs, config.chatModel);
  if (listed0.failed) return listed0.failed;
  const models = listed0.models;

  let chatMs: number;
  try {
    const started = performance.now();
    await target.client.complete({
      messages: [{ role: 'user', content: 'Reply with the single word: OK' }],
      maxTokens: 1,
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    chatMs = Math.round(performance.now() - started);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'TimeoutError') {
      return { ok: false, latencyMs: null, models, message: `The model server at ${host} did not answer within ${formatWait(target.timeoutMs)}.`, errorCode: 'PROVIDER_UNREACHABLE', problem: 'timeout', field: 'baseUrl' };
    }
    return failure(err, target, models);
  }

  const notes: string[] = [];
  if (models !== null && models.length > 0 && !models.includes(config.chatModel)) {
    notes.push(`"${config.chatModel}" is not in the server's model list, yet it answered.`);
  }
  if (target.embedder) {
    try {
      const [vector] = await target.embedder.embed(['connection test'], AbortSignal.timeout(target.timeoutMs));
      notes.push(`Embeddings: ${vector?.length ?? 0} dimensions.`);
    } catch (err) {
      if (err instanceof AppError || !(err instanceof DOMException)) return failure(err, target, models, 'Chat works, but embeddings failed: ');
      return { ok: false, latencyMs: chatMs, models, message: `Chat works, but embeddings did not answer within ${formatWait(target.timeoutMs)}.`, errorCode: 'PROVIDER_UNREACHABLE', problem: 'timeout', field: 'baseUrl' };
    }
  }
  const listed = models === null ? '' : ` ${models.length} model${models.length === 1 ? '' : 's'} available.`;
  return {
    ok: true,
    latencyMs: chatMs,
    models,
    message: [`Connected to ${host}: ${config.chatModel} answered in ${chatMs} ms.${listed}`, ...notes].join(' '),
    errorCode: null,
    problem: null,
    field: null,
  };
}
