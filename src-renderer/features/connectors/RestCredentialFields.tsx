/**
 * The secret fields of a REST connection for its authentication: an API key
 * (header), a user name and password (basic), or an API key and a secret
 * key (HMAC, as EspoCRM signs), or for a sign-in in the browser (OAuth) the
 * client id of the person's OAuth app and, for services that ask for it,
 * its client secret. Secrets are password fields: typed once,
 * sent once with `rest.add` or `rest.rotate`, never shown back (the core
 * never returns them). An error the core gives about a field sits under it.
 */
import type { ReactNode } from 'react';
import type { ChannelInput } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { TextField } from '../../lib/ui/TextField';

export type RestCredentials = ChannelInput<'rest.add'>['credentials'];

/** What the person typed, for every kind (only the chosen kind's fields are sent). */
export interface RestSecretInputs {
  value: string;
  username: string;
  password: string;
  apiKey: string;
  secretKey: string;
  clientId: string;
  clientSecret: string;
}

export const EMPTY_SECRETS: RestSecretInputs = { value: '', username: '', password: '', apiKey: '', secretKey: '', clientId: '', clientSecret: '' };

/** The credentials of `kind` from what was typed. */
export function credentialsOf(kind: RestCredentials['kind'], s: RestSecretInputs): RestCredentials {
  if (kind === 'header') return { kind, value: s.value };
  if (kind === 'basic') return { kind, username: s.username, password: s.password };
  if (kind === 'oauth') return { kind, clientId: s.clientId, ...(s.clientSecret.trim() !== '' ? { clientSecret: s.clientSecret } : {}) };
  return { kind, apiKey: s.apiKey, secretKey: s.secretKey };
}

/** The field of a `credentials.<key>` input path, or null. */
export function secretFieldOf(path: string): keyof RestSecretInputs | null {
  const key = path.startsWith('credentials.') ? path.slice('credentials.'.length) : '';
  return key in EMPTY_SECRETS ? (key as keyof RestSecretInputs) : null;
}

/** The core's field errors that belong to a secret input, keyed by that input. */
export function secretErrorsOf(fields: Record<string, string>): Partial<Record<keyof RestSecretInputs, string>> {
  const out: Partial<Record<keyof RestSecretInputs, string>> = {};
  for (const [path, message] of Object.entries(fields)) {
    const key = secretFieldOf(path);
    if (key) out[key] = message;
  }
  return out;
}

interface RestCredentialFieldsProps {
  kind: RestCredentials['kind'];
  /** The header an API key goes in, shown in the label. */
  header: string | null;
  values: RestSecretInputs;
  onChange(values: RestSecretInputs): void;
  errors: Partial<Record<keyof RestSecretInputs, string>>;
  testId: string;
}

export function RestCredentialFields({ kind, header, values, onChange, errors, testId }: RestCredentialFieldsProps): ReactNode {
  const t = useT();
  const field = (name: keyof RestSecretInputs, label: string, hint: string | undefined, secret = true, required = true): ReactNode => (
    <TextField
      key={name}
      label={label}
      hint={hint}
      type={secret ? 'password' : 'text'}
      autoComplete={secret ? 'new-password' : 'off'}
      spellCheck={false}
      required={required}
      value={values[name]}
      onChange={(e) => onChange({ ...values, [name]: e.target.value })}
      error={errors[name] ?? null}
      testId={`${testId}-${name}`}
    />
  );
  if (kind === 'header') {
    return field('value', t('connectors.rest.apiKeyIn', { header: header ?? 'X-Api-Key' }), t('connectors.rest.secretHint'));
  }
  if (kind === 'oauth') {
    return (
      <>
        {field('clientId', t('connectors.rest.clientId'), t('connectors.rest.clientIdHint'), false)}
        {field('clientSecret', t('connectors.rest.clientSecret'), t('connectors.rest.clientSecretHint'), true, false)}
      </>
    );
  }
  if (kind === 'basic') {
    return (
      <>
        {field('username', t('connectors.rest.username'), undefined, false)}
        {field('password', t('connectors.rest.password'), t('connectors.rest.secretHint'))}
      </>
    );
  }
  return (
    <>
      {field('apiKey', t('connectors.rest.apiKey'), undefined)}
      {field('secretKey', t('connectors.rest.secretKey'), t('connectors.rest.secretHint'))}
    </>
  );
}
