/**
 * The JSON description of a custom REST API, picked as a file: read and
 * parsed here only to show what it holds (its name, how many operations,
 * which authentication it asks for) and to send it with `rest.add`; the
 * core validates it and names the place of any mistake.
 */
import { useId, useState, type ReactNode } from 'react';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { translatePlural } from '../../lib/i18n/plural';
import { FormError } from '../../lib/ui/TextField';
import type { RestAuthKind } from './connectorCatalogue';

export interface PickedSpec {
  fileName: string;
  spec: Record<string, unknown>;
  name: string;
  operations: number;
  /** The authentication the description asks for, when it names one. */
  auth: { kind: RestAuthKind; header: string | null; prefix: string } | null;
}

const MAX_BYTES = 1_000_000;

function authOf(value: unknown): PickedSpec['auth'] {
  if (value === null || typeof value !== 'object') return null;
  const a = value as { kind?: unknown; header?: unknown; prefix?: unknown };
  if (a.kind !== 'header' && a.kind !== 'basic' && a.kind !== 'hmac' && a.kind !== 'oauth') return null;
  return { kind: a.kind, header: typeof a.header === 'string' ? a.header : null, prefix: typeof a.prefix === 'string' ? a.prefix : '' };
}

/** What a description file holds, or the reason it cannot be one. */
export function readSpec(text: string, fileName: string): PickedSpec | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'notJson';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'notObject';
  const spec = value as Record<string, unknown>;
  if (!Array.isArray(spec.operations)) return 'noOperations';
  return { fileName, spec, name: typeof spec.name === 'string' ? spec.name : fileName, operations: spec.operations.length, auth: authOf(spec.auth) };
}

interface RestSpecFileFieldProps {
  picked: PickedSpec | null;
  onPick(spec: PickedSpec | null): void;
  /** An error of the core about the description. */
  error: string | null;
}

export function RestSpecFileField({ picked, onPick, error }: RestSpecFileFieldProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const shown = problem ?? error;

  async function pick(file: File | undefined): Promise<void> {
    setProblem(null);
    onPick(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setProblem(t('connectors.rest.spec.tooBig'));
    const read = readSpec(await file.text(), file.name);
    if (typeof read === 'string') setProblem(t(`connectors.rest.spec.${read}` as 'connectors.rest.spec.notJson'));
    else onPick(read);
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t('connectors.rest.spec.file')}
      </label>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        className="input"
        required
        aria-invalid={shown ? true : undefined}
        aria-describedby={[hintId, shown ? errorId : null].filter(Boolean).join(' ')}
        onChange={(e) => void pick(e.target.files?.[0])}
        data-testid="rest-spec-file"
      />
      <p id={hintId} className="field__hint">
        {picked ? translatePlural(t, locale, 'connectors.rest.spec.picked', picked.operations, { name: picked.name }) : t('connectors.rest.spec.hint')}
      </p>
      {shown ? <FormError id={errorId} message={shown} testId="rest-spec-file-error" /> : null}
    </div>
  );
}
