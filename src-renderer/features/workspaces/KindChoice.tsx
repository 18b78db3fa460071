/**
 * Team or solo, as two radio cards with a one-line explanation each.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import type { WorkspaceKind } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import type { MessageKey } from '../../lib/i18n/i18n';

interface KindChoiceProps {
  value: WorkspaceKind;
  onChange(kind: WorkspaceKind): void;
}

const KINDS: readonly { kind: WorkspaceKind; title: MessageKey; hint: MessageKey }[] = [
  { kind: 'team', title: 'workspace.kind.team', hint: 'workspace.kind.teamHint' },
  { kind: 'solo', title: 'workspace.kind.solo', hint: 'workspace.kind.soloHint' },
];

export function KindChoice({ value, onChange }: KindChoiceProps): ReactNode {
  const t = useT();
  const name = useId();
  return (
    <fieldset className="field">
      <legend className="field__label">{t('workspace.field.kind')}</legend>
      <div className="kind-choice">
        {KINDS.map((option) => (
          <label key={option.kind} className="kind-card">
            <input
              type="radio"
              className="kind-card__radio"
              name={name}
              value={option.kind}
              checked={value === option.kind}
              onChange={() => onChange(option.kind)}
              data-testid={`create-workspace-kind-${option.kind}`}
            />
            <span className="kind-card__text">
              <span className="kind-card__title">{t(option.title)}</span>
              <span className="kind-card__hint">{t(option.hint)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
