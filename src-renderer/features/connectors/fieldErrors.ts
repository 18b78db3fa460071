/**
 * Splits an error of the core into what belongs under a field and what is
 * for the whole form. The core checks every input against the contract and
 * answers "Invalid input for rest.add: name: …; credentials.apiKey: …": each
 * `path: message` goes under the field of that path when the form has one.
 */
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import type { Translate } from '../../lib/i18n/i18n';

export interface FormErrors {
  /** Input path (`name`, `credentials.apiKey`) → message. */
  fields: Record<string, string>;
  /** What no field holds, or null. */
  general: string | null;
}

const INVALID = /^Invalid input for [a-zA-Z.]+: ([\s\S]*)$/;

/** `known`: the input paths the form shows a field for. */
export function fieldErrors(err: unknown, known: readonly string[], t: Translate): FormErrors {
  const message = errorMessage(err, t);
  const match = err instanceof ApiError && err.code === 'VALIDATION' ? INVALID.exec(message) : null;
  if (!match) return { fields: {}, general: message };
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const part of (match[1] ?? '').split('; ')) {
    const colon = part.indexOf(': ');
    const path = colon > 0 ? part.slice(0, colon) : '';
    if (known.includes(path) && fields[path] === undefined) fields[path] = part.slice(colon + 2);
    else rest.push(part);
  }
  return { fields, general: rest.length > 0 ? rest.join('; ') : null };
}
