/**
 * Turns a caught error into the sentence shown next to the action that
 * failed. Core errors carry a message written for users; anything else is
 * logged (never swallowed) and shown as a generic message.
 */
import { ApiError } from './api';
import type { Translate } from './i18n/i18n';

export function errorMessage(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.code === 'STORAGE_FULL') return t('error.storageFull');
    if (err.code === 'STORAGE_READ_ONLY') return t('error.storageReadOnly');
    return err.code === 'CLOSED' ? t('error.closed') : err.message;
  }
  console.error(err);
  return t('error.unexpected');
}
