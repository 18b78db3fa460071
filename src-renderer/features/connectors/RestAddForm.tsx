/**
 * Adds a REST connection: EspoCRM, HubSpot, Notion (shipped descriptions)
 * or a custom API from a JSON description file. Asks for what the
 * description needs: a name (it names the tools), the API's address, and
 * the credentials of its authentication (an API key, a user name and
 * password, or an HMAC key and secret; EspoCRM offers HMAC or an API key).
 * A description whose auth is `oauth` asks instead for the client id (and
 * an optional client secret) of the person's OAuth app and signs in in the
 * browser, with the same wait and Cancel as the Google and Microsoft cards;
 * the tokens go from the service to the core's keychain, never here.
 * The core checks the credentials against the service before it saves
 * them; a refusal is shown and nothing is kept.
 */
import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ChannelInput } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError, TextField } from '../../lib/ui/TextField';
import { SegmentedControl } from '../settings/SegmentedControl';
import { REST_PRESETS, type RestAuthKind, type RestPreset } from './connectorCatalogue';
import { fieldErrors, type FormErrors } from './fieldErrors';
import { OAuthWaitNotice } from './OAuthWaitNotice';
import { useOAuthCancel } from './oauthCancel';
import { useOAuthWait } from './useOAuthWait';
import { credentialsOf, EMPTY_SECRETS, RestCredentialFields, secretErrorsOf, type RestSecretInputs } from './RestCredentialFields';
import { RestSpecFileField, type PickedSpec } from './RestSpecFileField';

const ALL_AUTH: readonly RestAuthKind[] = ['header', 'basic', 'hmac'];
const PATHS = ['name', 'baseUrl', 'auth.header', 'credentials.value', 'credentials.username', 'credentials.password', 'credentials.apiKey', 'credentials.secretKey', 'credentials.clientId', 'credentials.clientSecret'];
const NO_ERRORS: FormErrors = { fields: {}, general: null };

function slug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 24).replace(/-+$/, '');
  return s === '' ? 'api' : s;
}

interface RestAddFormProps {
  workspaceId: string;
  preset: RestPreset;
  /** Called once added (with its name) or cancelled (null). */
  onDone(name: string | null): void;
}

export function RestAddForm({ workspaceId, preset, onDone }: RestAddFormProps): ReactNode {
  const t = useT();
  const titleId = useId();
  const shipped = preset === 'custom' ? null : REST_PRESETS[preset];
  const [picked, setPicked] = useState<PickedSpec | null>(null);
  const [name, setName] = useState(shipped?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(shipped && !shipped.baseUrlIsExample ? shipped.baseUrl : '');
  const choices = shipped ? shipped.auth : picked?.auth ? [picked.auth.kind] : ALL_AUTH;
  const [chosen, setChosen] = useState<RestAuthKind>(choices[0] ?? 'header');
  const kind = choices.includes(chosen) ? chosen : (choices[0] ?? 'header');
  const [header, setHeader] = useState(shipped?.header ?? 'X-Api-Key');
  const [secrets, setSecrets] = useState<RestSecretInputs>(EMPTY_SECRETS);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [note, setNote] = useState<string | null>(null);
  const wait = useOAuthWait(workspaceId, { rest: name.trim() });
  const cancelFailed = useCallback((err: unknown) => setErrors(fieldErrors(err, PATHS, t)), [t]);
  const stopSignIn = useOAuthCancel(workspaceId, { rest: name.trim() }, wait, cancelFailed);
  // The description's own header, or one the person names (custom API key, EspoCRM's X-Api-Key).
  const fixedHeader = kind === 'header' && (shipped ? shipped.auth[0] === 'header' : picked?.auth?.kind === 'header') ? (shipped?.header ?? picked?.auth?.header ?? null) : null;
  const headerShown = kind === 'header' && fixedHeader === null;

  function authInput(): ChannelInput<'rest.add'>['auth'] {
    if (kind === 'header') return { kind, header: fixedHeader ?? header.trim(), prefix: shipped?.prefix ?? picked?.auth?.prefix ?? '' };
    return { kind, header: null, prefix: '' };
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (preset === 'custom' && !picked) return setErrors({ fields: { spec: t('connectors.rest.spec.missing') }, general: null });
    setBusy(true);
    setErrors(NO_ERRORS);
    setNote(null);
    try {
      const spec = preset === 'custom' ? { spec: picked?.spec ?? {}, specSource: picked?.fileName.slice(0, 300) } : { spec: preset };
      const add = () => api.invoke('rest.add', { workspaceId, name: name.trim(), baseUrl: baseUrl.trim(), ...spec, auth: authInput(), credentials: credentialsOf(kind, secrets) });
      // A sign-in in the browser: null when the person cancelled meanwhile.
      if (kind === 'oauth' && (await wait.run(add)) === null) return;
      if (kind !== 'oauth') await add();
      setSecrets(EMPTY_SECRETS);
      onDone(name.trim());
    } catch (err) {
      setErrors(fieldErrors(err, PATHS, t));
    } finally {
      setBusy(false);
    }
  }

  /** Stops the sign-in here and in the core (`rest.oauthCancel`: its loopback listener closes, nothing is saved). */
  const cancelSignIn = (): void => {
    stopSignIn();
    setNote(t('connectors.rest.stopped'));
  };

  const secretErrors = secretErrorsOf(errors.fields);
  const service = shipped?.service ?? t('connectors.catalogue.custom.name');
  return (
    <form className="connector-form connector-form--panel" aria-labelledby={titleId} onSubmit={(e) => void submit(e)} noValidate data-testid="rest-add-form" data-preset={preset}>
      <h5 id={titleId} className="connector-form__title">
        {t('connectors.rest.addTitle', { service })}
      </h5>
      {preset === 'custom' ? (
        <RestSpecFileField
          picked={picked}
          onPick={(p) => {
            setPicked(p);
            if (p && name === '') setName(slug(p.name));
          }}
          error={errors.fields.spec ?? null}
        />
      ) : null}
      <TextField
        label={t('connectors.rest.name')}
        hint={t('connectors.rest.nameHint')}
        required
        spellCheck={false}
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fields.name ?? null}
        testId="rest-name"
      />
      <TextField
        label={t('connectors.rest.baseUrl')}
        hint={shipped?.baseUrlIsExample ? t('connectors.rest.baseUrlExample', { example: shipped.baseUrl }) : t('connectors.rest.baseUrlHint')}
        type="url"
        required
        spellCheck={false}
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.target.value)}
        error={errors.fields.baseUrl ?? null}
        testId="rest-base-url"
      />
      {choices.length > 1 ? (
        <SegmentedControl<RestAuthKind>
          label={t('connectors.rest.auth')}
          value={kind}
          options={choices.map((k) => ({ value: k, label: t(`connectors.rest.auth.${k}`) }))}
          onChange={setChosen}
          testIdPrefix="rest-auth"
        />
      ) : (
        <p className="field__hint" data-testid="rest-auth-fixed">
          {t('connectors.rest.authFixed', { auth: t(`connectors.rest.auth.${kind}`) })}
        </p>
      )}
      {headerShown ? (
        <TextField label={t('connectors.rest.header')} required spellCheck={false} value={header} onChange={(e) => setHeader(e.target.value)} error={errors.fields['auth.header'] ?? null} testId="rest-header" />
      ) : null}
      <RestCredentialFields kind={kind} header={fixedHeader ?? header} values={secrets} onChange={setSecrets} errors={secretErrors} testId="rest-secret" />
      {errors.general ? <FormError message={errors.general} testId="rest-add-error" /> : null}
      {note ? (
        <p className="field__hint" role="status" data-testid="rest-add-note">
          {note}
        </p>
      ) : null}
      <OAuthWaitNotice wait={{ ...wait, cancel: cancelSignIn }} testId="rest-oauth" />
      <div className="connector-form__actions">
        <button type="button" className="button" onClick={() => (wait.waiting ? cancelSignIn() : onDone(null))}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || wait.waiting} data-testid="rest-add-save">
          {kind === 'oauth' ? t('connectors.rest.signIn') : busy ? t('connectors.rest.checking', { service }) : t('connectors.rest.add')}
        </button>
      </div>
    </form>
  );
}
