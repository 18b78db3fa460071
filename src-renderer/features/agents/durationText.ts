/**
 * How long a tool call took, in the UI's language: milliseconds under a
 * second, else seconds with one decimal (the tool-call cards and the
 * approval card that points to a run say it the same way).
 */
import type { useT } from '../../lib/i18n/I18nProvider';

export function durationText(ms: number, t: ReturnType<typeof useT>, locale: string): string {
  return ms < 1000 ? t('toolCalls.ms', { ms: Math.max(0, Math.round(ms)) }) : t('toolCalls.seconds', { seconds: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 1000) });
}
