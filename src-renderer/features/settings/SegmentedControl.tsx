/**
 * A small set of mutually exclusive options shown side by side; native
 * radios underneath, so arrow keys move the choice.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';

interface SegmentedControlProps<V extends string> {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange(value: V): void;
  testIdPrefix: string;
}

export function SegmentedControl<V extends string>({ label, value, options, onChange, testIdPrefix }: SegmentedControlProps<V>): ReactNode {
  const name = useId();
  return (
    <fieldset className="field segmented-field">
      <legend className="field__label">{label}</legend>
      <div className="segmented">
        {options.map((option) => (
          <label key={option.value} className="segmented__option" data-testid={`${testIdPrefix}-${option.value}`}>
            <input
              type="radio"
              className="visually-hidden"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <span className="segmented__face">{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
