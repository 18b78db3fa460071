/**
 * A titled block of the settings dialog.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';

interface SettingsSectionProps {
  title: string;
  children: ReactNode;
}

export function SettingsSection({ title, children }: SettingsSectionProps): ReactNode {
  const id = useId();
  return (
    <section className="settings__section" aria-labelledby={id}>
      <h3 id={id} className="settings__heading">
        {title}
      </h3>
      <div className="settings__content">{children}</div>
    </section>
  );
}
