/**
 * Colour choice as a radio group of swatches (native radios, so arrow keys
 * and screen readers work as users expect).
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n/I18nProvider';
import { CheckIcon } from '../../lib/ui/icons';
import { textColorOn, WORKSPACE_PALETTE } from './workspacePalette';

interface ColorPaletteProps {
  value: string;
  onChange(hex: string): void;
  testIdPrefix?: string;
}

export function ColorPalette({ value, onChange, testIdPrefix = 'color' }: ColorPaletteProps): ReactNode {
  const t = useT();
  const name = useId();
  const current = value.toLowerCase();
  const options = WORKSPACE_PALETTE.map((c) => ({ hex: c.hex, label: t(c.label) }));
  if (!options.some((o) => o.hex === current)) options.unshift({ hex: current, label: current });

  return (
    <fieldset className="field color-palette">
      <legend className="field__label">{t('workspace.field.color')}</legend>
      <div className="color-palette__swatches">
        {options.map((option) => (
          <label key={option.hex} className="swatch" title={option.label} data-testid={`${testIdPrefix}-${option.hex.slice(1)}`}>
            <input
              type="radio"
              className="visually-hidden"
              name={name}
              value={option.hex}
              checked={option.hex === current}
              onChange={() => onChange(option.hex)}
              aria-label={option.label}
            />
            <span className="swatch__color" style={{ backgroundColor: option.hex, color: textColorOn(option.hex) }}>
              {option.hex === current ? <CheckIcon width={16} height={16} /> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
