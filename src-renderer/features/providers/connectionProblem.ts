/**
 * A failed connection test in the person's words: what is wrong, said from
 * the test's `problem` (the core's own sentence goes behind "Details").
 */
import type { ProviderPreset, ProviderTestResult } from '../../../src-main/common/contract';
import type { Translate } from '../../lib/i18n/i18n';

export function connectionProblem(result: ProviderTestResult, draft: { baseUrl: string; chatModel: string; preset: ProviderPreset | undefined }, t: Translate): string {
  const url = draft.baseUrl.replace(/\/v1\/?$/, '');
  switch (result.problem) {
    case 'unreachable':
      return draft.preset?.local ? t('connections.problem.unreachableLocal', { url, preset: draft.preset.label }) : t('connections.problem.unreachable', { url });
    case 'timeout':
      return t('connections.problem.timeout', { url });
    case 'key':
      return t('connections.problem.key');
    case 'model':
      return t('connections.problem.model', { model: draft.chatModel });
    default:
      return t('connections.problem.server');
  }
}
