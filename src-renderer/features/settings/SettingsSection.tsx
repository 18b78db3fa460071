/**
 * A titled block of the settings dialog. The section the dialog was opened
 * on scrolls to the top and marks its heading for the dialog's first focus.
 */
import { useContext, useId, useLayoutEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { SettingsAnchorContext, settingsSectionId, type SettingsAnchor } from './settingsAnchors';

interface SettingsSectionProps {
  title: string;
  /** Names the section so settings can open on it (the command palette's settings pages). */
  anchor?: SettingsAnchor;
  children: ReactNode;
}

export function SettingsSection({ title, anchor, children }: SettingsSectionProps): ReactNode {
  const id = useId();
  const opened = useContext(SettingsAnchorContext);
  const shown = anchor !== undefined && opened === anchor;
  const ref = useRef<HTMLElement>(null);
  // A layout effect: it runs before the dialog's focus effect, which then
  // focuses the heading already in view.
  useLayoutEffect(() => {
    if (shown) ref.current?.scrollIntoView({ block: 'start' });
  }, [shown]);
  return (
    <section ref={ref} className="settings__section" aria-labelledby={id} id={anchor ? settingsSectionId(anchor) : undefined}>
      <h3 id={id} className="settings__heading" tabIndex={shown ? -1 : undefined} data-autofocus={shown ? '' : undefined}>
        {title}
      </h3>
      <div className="settings__content">{children}</div>
    </section>
  );
}
