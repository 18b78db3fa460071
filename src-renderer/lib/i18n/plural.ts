/**
 * Plurals: a message that depends on a count has two keys, `base.one` and
 * `base.other`, and the language's plural rule picks one (French says
 * "0 réponse" and "1 réponse", English "0 replies" and "1 reply").
 */
import type { MessageKey } from './en';
import type { Locale, MessageParams, Translate } from './i18n';

/** Every `base` that has both a `base.one` and a `base.other` key. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

const rules = new Map<Locale, Intl.PluralRules>();

/** Translates `base.one` or `base.other` for `count` (also passed as `{count}`). */
export function translatePlural(t: Translate, locale: Locale, base: PluralKey, count: number, params?: MessageParams): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  const form = rule.select(count) === 'one' ? 'one' : 'other';
  return t(`${base}.${form}` as MessageKey, { count, ...params });
}
