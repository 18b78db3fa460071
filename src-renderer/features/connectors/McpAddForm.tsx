/**
 * Adds an MCP server to a workspace on this device: a name, then a program
 * of this computer (program, arguments one per line, environment variables,
 * each optionally secret) or a remote address (with headers, whose values
 * always go to the keychain), or a remote address that signs in with OAuth
 * (an optional client id and scope; the sign-in runs in the browser right
 * after the server is added, with the address shown and Cancel). Secret
 * values are typed in password fields; the core checks everything again and
 * says what is wrong.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError, TextField } from '../../lib/ui/TextField';
import { SegmentedControl } from '../settings/SegmentedControl';
import { KeyValueRows, type KeyValueRow } from './KeyValueRows';
import { OAuthWaitNotice } from './OAuthWaitNotice';
import { useOAuthCancel } from './oauthCancel';
import { useOAuthWait } from './useOAuthWait';

type Transport = 'stdio' | 'http';

interface McpAddFormProps {
  workspaceId: string;
  onDone(): void;
}

/** The form closes on Cancel whether or not the core could be asked to stop (its page then expires on its own). */
const ignoreCancelFailure = (): void => undefined;

export function McpAddForm({ workspaceId, onDone }: McpAddFormProps): ReactNode {
  const t = useT();
  const [name, setName] = useState('');
  const [transport, setTransport] = useState<Transport>('stdio');
  const [command, setCommand] = useState('');
  const [args, setArgs] = useState('');
  const [env, setEnv] = useState<KeyValueRow[]>([]);
  const [url, setUrl] = useState('');
  const [headers, setHeaders] = useState<KeyValueRow[]>([]);
  const [oauth, setOauth] = useState(false);
  const [clientId, setClientId] = useState('');
  const [scope, setScope] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The server was added but its sign-in did not finish: only Close is left. */
  const [addedOnly, setAddedOnly] = useState(false);
  const wait = useOAuthWait(workspaceId, { mcp: name.trim() });
  const stopSignIn = useOAuthCancel(workspaceId, { mcp: name.trim() }, wait, ignoreCancelFailure);
  const oauthId = useId();

  // Cancel stops the core's loopback listener too (else it would wait 5 minutes, and a late approval would still sign in).
  const cancellable = {
    ...wait,
    cancel: () => {
      stopSignIn();
      onDone();
    },
  };

  async function signIn(server: string): Promise<void> {
    try {
      // Cancelled meanwhile (null): the server stays, needing a sign-in; its card offers one.
      await wait.run(() => api.invoke('mcp.signIn', { workspaceId, name: server }));
      onDone();
    } catch (err) {
      setError(t('connectors.mcp.oauth.addedNotSignedIn', { error: errorMessage(err, t) }));
      setAddedOnly(true);
      setBusy(false);
    }
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const filled = (rows: KeyValueRow[]): KeyValueRow[] => rows.filter((r) => r.name.trim() !== '' || r.value !== '');
    try {
      if (transport === 'stdio') {
        await api.invoke('mcp.add', {
          workspaceId,
          name: name.trim(),
          transport: 'stdio',
          command: command.trim(),
          args: args.split('\n').filter((line) => line.trim() !== ''),
          env: filled(env).map((r) => ({ name: r.name.trim(), value: r.value, secret: r.secret })),
        });
      } else {
        const oauthInput = oauth ? { oauth: { ...(clientId.trim() !== '' ? { clientId: clientId.trim() } : {}), ...(scope.trim() !== '' ? { scope: scope.trim() } : {}) } } : {};
        const added = await api.invoke('mcp.add', { workspaceId, name: name.trim(), transport: 'http', url: url.trim(), headers: filled(headers).map((r) => ({ name: r.name.trim(), value: r.value })), ...oauthInput });
        if (oauth) {
          await signIn(added.name);
          return;
        }
      }
      onDone();
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <form className="connector-form" onSubmit={(e) => void submit(e)} data-testid="mcp-add-form">
      <TextField label={t('connectors.mcp.name')} hint={t('connectors.mcp.nameHint')} required spellCheck={false} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} testId="mcp-name" />
      <SegmentedControl<Transport>
        label={t('connectors.mcp.transport')}
        value={transport}
        options={[
          { value: 'stdio', label: t('connectors.mcp.transport.stdio') },
          { value: 'http', label: t('connectors.mcp.transport.http') },
        ]}
        onChange={setTransport}
        testIdPrefix="mcp-transport"
      />
      {transport === 'stdio' ? (
        <>
          <TextField label={t('connectors.mcp.command')} hint={t('connectors.mcp.commandHint')} required spellCheck={false} autoComplete="off" value={command} onChange={(e) => setCommand(e.target.value)} testId="mcp-command" />
          <ArgsField value={args} onChange={setArgs} />
          <KeyValueRows
            legend={t('connectors.mcp.env')}
            nameLabel={t('connectors.mcp.envName')}
            valueLabel={t('connectors.mcp.envValue')}
            addLabel={t('connectors.mcp.addEnv')}
            secretLabel={t('connectors.mcp.envSecret')}
            rows={env}
            onChange={setEnv}
            testId="mcp-env"
          />
        </>
      ) : (
        <>
          <TextField label={t('connectors.mcp.url')} hint={t('connectors.mcp.urlHint')} type="url" required spellCheck={false} value={url} onChange={(e) => setUrl(e.target.value)} testId="mcp-url" />
          <div className="field">
            <label className="kv-rows__secret" htmlFor={oauthId}>
              <input id={oauthId} type="checkbox" checked={oauth} aria-describedby={`${oauthId}-hint`} onChange={(e) => setOauth(e.target.checked)} data-testid="mcp-oauth" />
              {t('connectors.mcp.oauth')}
            </label>
            <p className="field__hint" id={`${oauthId}-hint`}>
              {t('connectors.mcp.oauthHint')}
            </p>
          </div>
          {oauth ? (
            <>
              <TextField label={t('connectors.mcp.clientId')} hint={t('connectors.mcp.clientIdHint')} spellCheck={false} autoComplete="off" value={clientId} onChange={(e) => setClientId(e.target.value)} testId="mcp-client-id" />
              <TextField label={t('connectors.mcp.scope')} hint={t('connectors.mcp.scopeHint')} spellCheck={false} autoComplete="off" value={scope} onChange={(e) => setScope(e.target.value)} testId="mcp-scope" />
            </>
          ) : null}
          <KeyValueRows
            legend={t('connectors.mcp.headers')}
            nameLabel={t('connectors.mcp.headerName')}
            valueLabel={t('connectors.mcp.headerValue')}
            addLabel={t('connectors.mcp.addHeader')}
            rows={headers}
            onChange={setHeaders}
            testId="mcp-header"
          />
        </>
      )}
      <OAuthWaitNotice wait={cancellable} testId="mcp-oauth" />
      {error ? <FormError message={error} testId="mcp-add-error" /> : null}
      <div className="connector-form__actions">
        {addedOnly ? (
          <button type="button" className="button button--primary" onClick={onDone} data-testid="mcp-add-close">
            {t('connectors.mcp.oauth.close')}
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onDone}>
              {t('connectors.mcp.cancel')}
            </button>
            <button type="submit" className="button button--primary" disabled={busy} data-testid="mcp-add-save">
              {busy ? t('connectors.mcp.saving') : t('connectors.mcp.save')}
            </button>
          </>
        )}
      </div>
    </form>
  );
}

function ArgsField({ value, onChange }: { value: string; onChange(value: string): void }): ReactNode {
  const t = useT();
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t('connectors.mcp.args')}
      </label>
      <textarea id={id} className="input connector-form__args" rows={3} spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} data-testid="mcp-args" />
    </div>
  );
}
