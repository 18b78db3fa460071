/**
 * Settings: profile, language and theme, the active workspace's model
 * provider and audit trail, backups, keychain status, relay accounts,
 * archived workspaces, shortcuts and version. Opened from the gear at the bottom of
 * the rail or with Ctrl/⌘+,.
 */
import type { ReactNode } from 'react';
import type { AppInfo, Profile, RelayAccount, RestoreResult, Settings } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { modifierLabel } from '../../lib/shortcuts';
import { Dialog } from '../../lib/ui/Dialog';
import { ArchiveIcon, ImportIcon } from '../../lib/ui/icons';
import { AuditTrailSection } from '../audit/AuditTrailSection';
import { BackupsSection } from '../backups/BackupsSection';
import { ConnectorsSection } from '../connectors/ConnectorsSection';
import { ConsentSection } from '../consents/ConsentSection';
import { ProviderSection } from '../providers/ProviderSection';
import { RelayAccountsSection } from '../sync/RelayAccountsSection';
import { UsageSection } from '../usage/UsageSection';
import { MembersSection } from '../members/MembersSection';
import { KeychainStatusRow } from './KeychainStatusRow';
import { PreferencesForm } from './PreferencesForm';
import { ProfileForm } from './ProfileForm';
import { SettingsSection } from './SettingsSection';
import { SettingsAnchorContext, type SettingsAnchor } from './settingsAnchors';

interface SettingsDialogProps {
  /** The section to open on (scrolled to, its heading focused). */
  anchor?: SettingsAnchor;
  info: AppInfo;
  profile: Profile;
  settings: Settings;
  archivedCount: number;
  onProfileSaved(profile: Profile): void;
  onSettingsSaved(settings: Settings): void;
  onShowArchived(): void;
  /** Export the open workspace (its dialog returns here). */
  onExport(): void;
  /** Import a workspace from an export (its dialog returns here). */
  onImport(): void;
  relayAccounts: RelayAccount[] | null;
  onJoin(): void;
  /** A snapshot of a workspace was restored (the settings close and the workspace opens again). */
  onRestored(result: RestoreResult, workspaceName: string): void;
  onClose(): void;
}

export function SettingsDialog(props: SettingsDialogProps): ReactNode {
  const { info, profile, settings, archivedCount, onProfileSaved, onSettingsSaved, onShowArchived, onClose } = props;
  const t = useT();
  const mod = modifierLabel();
  return (
    <Dialog title={t('settings.title')} onClose={onClose} testId="settings-dialog" size="large">
      <SettingsAnchorContext.Provider value={props.anchor}>
        <div className="settings">
          <SettingsSection title={t('settings.section.profile')} anchor="profile">
            <ProfileForm profile={profile} onSaved={onProfileSaved} />
          </SettingsSection>
          <SettingsSection title={t('settings.section.preferences')} anchor="preferences">
            <PreferencesForm settings={settings} onSaved={onSettingsSaved} />
          </SettingsSection>
          <SettingsSection title={t('members.section')}>
            <MembersSection workspaceId={settings.activeWorkspaceId} />
          </SettingsSection>
          <SettingsSection title={t('consents.section')}>
            <ConsentSection workspaceId={settings.activeWorkspaceId} />
          </SettingsSection>
          <SettingsSection title={t('providers.section')} anchor="providers">
            <ProviderSection workspaceId={settings.activeWorkspaceId} />
          </SettingsSection>
          <SettingsSection title={t('connectors.section')} anchor="connectors">
            <ConnectorsSection workspaceId={settings.activeWorkspaceId} />
          </SettingsSection>
          <SettingsSection title={t('audit.section')} anchor="audit">
            <AuditTrailSection workspaceId={settings.activeWorkspaceId} />
          </SettingsSection>
          <SettingsSection title={t('usage.section')}>
            <UsageSection workspaceId={settings.activeWorkspaceId} />
          </SettingsSection>
          <SettingsSection title={t('backups.section')} anchor="backups">
            <BackupsSection workspaceId={settings.activeWorkspaceId} onRestored={props.onRestored} />
          </SettingsSection>
          <SettingsSection title={t('settings.section.security')} anchor="security">
            <KeychainStatusRow keychain={info.keychain} />
          </SettingsSection>
          <SettingsSection title={t('settings.section.sync')} anchor="sync">
            <RelayAccountsSection accounts={props.relayAccounts} profileEmail={profile.email} onJoin={props.onJoin} />
          </SettingsSection>
          <SettingsSection title={t('settings.section.workspaces')} anchor="workspaces">
            <div className="settings__workspace-actions">
              {settings.activeWorkspaceId ? (
                <button type="button" className="button" onClick={props.onExport} data-testid="settings-export-workspace">
                  {t('settings.workspaces.export')}
                </button>
              ) : null}
              <button type="button" className="button" onClick={props.onImport} data-testid="settings-import-workspace">
                <ImportIcon width={16} height={16} />
                {t('rail.import')}
              </button>
              <button type="button" className="button" onClick={onShowArchived} data-testid="settings-show-archived">
                <ArchiveIcon width={16} height={16} />
                {t('settings.archived.open', { count: archivedCount })}
              </button>
            </div>
          </SettingsSection>
          <SettingsSection title={t('settings.section.shortcuts')} anchor="shortcuts">
            <dl className="shortcuts">
              <dt>
                <kbd>{mod}1</kbd> … <kbd>{mod}9</kbd>
              </dt>
              <dd>{t('settings.shortcut.switch')}</dd>
              <dt>
                <kbd>{mod},</kbd>
              </dt>
              <dd>{t('settings.shortcut.settings')}</dd>
            </dl>
          </SettingsSection>
          <SettingsSection title={t('settings.section.about')} anchor="about">
            <p className="settings__about" data-testid="app-version">
              {t('settings.about.version', { version: info.version })}
              <br />
              <span className="muted">
                {t(info.shell === 'electron' ? 'settings.about.shell.electron' : 'settings.about.shell.web', { platform: info.platform })}
              </span>
            </p>
          </SettingsSection>
        </div>
      </SettingsAnchorContext.Provider>
    </Dialog>
  );
}
