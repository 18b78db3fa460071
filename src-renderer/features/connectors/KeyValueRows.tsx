/**
 * Editable name/value lines (environment variables, HTTP headers): a value
 * is typed in a password field when it is secret (headers always are), and
 * each line has its own labelled fields and a remove button.
 */
import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n/I18nProvider';
import { CloseIcon } from '../../lib/ui/icons';

export interface KeyValueRow {
  name: string;
  value: string;
  secret: boolean;
}

interface KeyValueRowsProps {
  legend: string;
  nameLabel: string;
  valueLabel: string;
  addLabel: string;
  /** When given, each line has a "secret" checkbox; without it every value is secret. */
  secretLabel?: string;
  rows: KeyValueRow[];
  onChange(rows: KeyValueRow[]): void;
  testId: string;
}

export function KeyValueRows({ legend, nameLabel, valueLabel, addLabel, secretLabel, rows, onChange, testId }: KeyValueRowsProps): ReactNode {
  const t = useT();
  const set = (index: number, change: Partial<KeyValueRow>): void => onChange(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  return (
    <fieldset className="field kv-rows">
      <legend className="field__label">{legend}</legend>
      {rows.map((row, i) => (
        <div key={i} className="kv-rows__line">
          <input
            className="input kv-rows__name"
            aria-label={`${nameLabel} ${i + 1}`}
            placeholder={nameLabel}
            spellCheck={false}
            autoComplete="off"
            value={row.name}
            onChange={(e) => set(i, { name: e.target.value })}
            data-testid={`${testId}-name-${i}`}
          />
          <input
            className="input kv-rows__value"
            aria-label={`${valueLabel} ${i + 1}`}
            placeholder={valueLabel}
            type={secretLabel === undefined || row.secret ? 'password' : 'text'}
            spellCheck={false}
            autoComplete="off"
            value={row.value}
            onChange={(e) => set(i, { value: e.target.value })}
            data-testid={`${testId}-value-${i}`}
          />
          {secretLabel !== undefined ? (
            <label className="kv-rows__secret">
              <input type="checkbox" checked={row.secret} onChange={(e) => set(i, { secret: e.target.checked })} data-testid={`${testId}-secret-${i}`} />
              {secretLabel}
            </label>
          ) : null}
          <button type="button" className="icon-button" aria-label={`${t('connectors.mcp.removeRow')} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            <CloseIcon width={16} height={16} />
          </button>
        </div>
      ))}
      <button type="button" className="button button--small kv-rows__add" onClick={() => onChange([...rows, { name: '', value: '', secret: secretLabel === undefined }])} data-testid={`${testId}-add`}>
        {addLabel}
      </button>
    </fieldset>
  );
}
