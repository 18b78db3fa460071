/**
 * A titled block of the settings dialog.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import { settingsSectionId, type SettingsAnchor } from './settingsAnchors';

interface SettingsSectionProps {
  title: string;
  /** Names the section for `showSettingsSection` (the command palette's settings pages). */
  anchor?: SettingsAnchor;
  children: ReactNode;
}

export function SettingsSection({ title, anchor, children }: SettingsSectionProps): ReactNode {
  const id = useId();
  return (
    <section className="settings__section" aria-labelledby={id} id={anchor ? settingsSectionId(anchor) : undefined}>
      <h3 id={id} className="settings__heading">
        {title}
      </h3>
      <div className="settings__content">{children}</div>
    </section>
  );
}
