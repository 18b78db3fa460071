/**
 * Icon choice: initials, one of a few suggested emoji, or any emoji typed in.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n/I18nProvider';

export const SUGGESTED_ICONS: readonly string[] = ['🚀', '💼', '🏢', '🎨', '📈', '🧪', '🌱', '⚡', '🛠️', '📚', '🎯', '🏠'];

interface IconPickerProps {
  value: string | null;
  initials: string;
  onChange(icon: string | null): void;
}

export function IconPicker({ value, initials, onChange }: IconPickerProps): ReactNode {
  const t = useT();
  const name = useId();
  const customId = useId();
  const custom = value !== null && !SUGGESTED_ICONS.includes(value) ? value : '';

  return (
    <fieldset className="field icon-picker">
      <legend className="field__label">{t('workspace.field.icon')}</legend>
      <div className="icon-picker__options">
        <label className="icon-choice" title={t('workspace.icon.none')} data-testid="icon-option-none">
          <input
            type="radio"
            className="visually-hidden"
            name={name}
            checked={value === null}
            onChange={() => onChange(null)}
            aria-label={t('workspace.icon.none')}
          />
          <span className="icon-choice__face icon-choice__face--initials">{initials}</span>
        </label>
        {SUGGESTED_ICONS.map((icon, i) => (
          <label key={icon} className="icon-choice" data-testid={`icon-option-${i}`}>
            <input
              type="radio"
              className="visually-hidden"
              name={name}
              checked={value === icon}
              onChange={() => onChange(icon)}
              aria-label={t('workspace.icon.choose', { icon })}
            />
            <span className="icon-choice__face">{icon}</span>
          </label>
        ))}
      </div>
      <label className="icon-picker__custom" htmlFor={customId}>
        <span>{t('workspace.icon.custom')}</span>
        <input
          id={customId}
          className="input input--icon"
          value={custom}
          maxLength={16}
          onChange={(e) => {
            const typed = e.target.value.trim();
            onChange(typed === '' ? null : typed);
          }}
          data-testid="appearance-icon-input"
        />
      </label>
    </fieldset>
  );
}
