/**
 * A tool call's action in the user's language: the sentence its `words.key`
 * names (`toolCalls.what.<key>`), filled with its params, then its `status`
 * when it has one ("Read issue acme/api#12: open"). A key this build does
 * not know (a newer device wrote it, or a peer made it up), or a sentence
 * whose params are missing, reads "Called <tool>".
 */
import type { ToolCallView } from '../../../src-main/common/contract';
import { agentsEn } from '../../lib/i18n/agentsEn';
import type { MessageKey, Translate } from '../../lib/i18n/i18n';

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;
const PREFIX = 'toolCalls.what.';

function isSentence(key: string): key is MessageKey & keyof typeof agentsEn {
  return Object.prototype.hasOwnProperty.call(agentsEn, key);
}

/** The action of `call` in words. */
export function toolCallWords(call: Pick<ToolCallView, 'tool' | 'words'>, t: Translate): string {
  const key = `${PREFIX}${call.words.key}`;
  const params = call.words.params;
  let action: string;
  if (isSentence(key) && [...agentsEn[key].matchAll(PLACEHOLDER)].every((m) => Object.prototype.hasOwnProperty.call(params, m[1] ?? ''))) {
    action = t(key, params);
  } else {
    action = t('toolCalls.what.called', { tool: call.tool });
  }
  const status = params.status;
  return typeof status === 'string' && status.length > 0 ? t('toolCalls.withStatus', { action, status }) : action;
}
