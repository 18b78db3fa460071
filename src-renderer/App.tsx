/**
 * Root component: applies the language and theme settings, then shows the
 * app, or what stands in its way (no valid secret in browser mode, first
 * load in progress or failed, the first-run screen asking the person's name).
 */
import type { ReactNode } from 'react';
import { AppShell } from './AppShell';
import { ConnectionBanner } from './ConnectionBanner';
import { FirstRunScreen } from './features/onboarding/FirstRunScreen';
import { useConnection } from './lib/connection';
import { errorMessage } from './lib/errorMessage';
import { I18nProvider, useT } from './lib/i18n/I18nProvider';
import { useThemeEffect } from './lib/theme';
import { CodeText } from './lib/ui/CodeText';
import { WarningIcon } from './lib/ui/icons';
import { useQwanyxState } from './lib/useQwanyxState';
import type { QwanyxStore } from './lib/useQwanyxState';

export function App(): ReactNode {
  const store = useQwanyxState();
  const settings = store.load.phase === 'ready' ? store.load.data.settings : null;
  useThemeEffect(settings?.theme ?? 'system');
  return (
    <I18nProvider language={settings?.language ?? 'system'}>
      <AppContent store={store} />
    </I18nProvider>
  );
}

interface AppContentProps {
  store: QwanyxStore;
}

function AppContent({ store }: AppContentProps): ReactNode {
  const t = useT();
  const connection = useConnection();
  const banner = <ConnectionBanner state={connection.state} />;

  if (connection.state === 'unauthorized') {
    return (
      <div className="screen" data-testid="bad-secret">
        <div className="screen__card">
          <WarningIcon className="screen__icon" width={32} height={32} />
          <h1 className="screen__title">{t('connection.badSecret.title')}</h1>
          <p className="screen__body">
            <CodeText text={t('connection.badSecret.body')} />
          </p>
          <p className="screen__hint">{t('connection.badSecret.hint')}</p>
        </div>
      </div>
    );
  }

  const { load } = store;
  if (load.phase === 'ready' && load.data.settings.onboarding === 'name') {
    return (
      <FirstRunScreen
        settings={load.data.settings}
        onSettingsSaved={(settings) => store.update((d) => ({ ...d, settings: { ...settings, activeWorkspaceId: d.settings.activeWorkspaceId } }))}
        onDone={(profile, settings) => store.update((d) => ({ ...d, profile, settings: { ...settings, activeWorkspaceId: d.settings.activeWorkspaceId } }))}
      />
    );
  }
  if (load.phase === 'ready') return <AppShell data={load.data} store={store} banner={banner} />;

  return (
    <div className="screen">
      {banner}
      {load.phase === 'loading' ? (
        <div className="screen__card screen__card--quiet" role="status" data-testid="app-loading">
          <span className="spinner" aria-hidden="true" />
          <p className="screen__body">{t('app.loading')}</p>
        </div>
      ) : (
        <div className="screen__card" role="alert" data-testid="app-load-failed">
          <WarningIcon className="screen__icon" width={32} height={32} />
          <h1 className="screen__title">{t('app.loadFailed')}</h1>
          <p className="screen__body">{errorMessage(load.error, t)}</p>
          <button type="button" className="button button--primary" onClick={store.reload}>
            {t('app.retry')}
          </button>
        </div>
      )}
    </div>
  );
}
