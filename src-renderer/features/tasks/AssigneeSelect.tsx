/** A `<select>` of who a task is for: nobody, me, a person, or a digital human. */
import type { ReactNode } from 'react';
import type { DigitalHuman, Member, TaskActor } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { assigneeOf, assigneeValue } from './taskPeople';

interface AssigneeSelectProps {
  id?: string;
  value: TaskActor | null;
  onChange(actor: TaskActor | null): void;
  members: readonly Member[];
  dhs: readonly DigitalHuman[];
  me: string;
  testId: string;
  label?: string;
}

export function AssigneeSelect({ id, value, onChange, members, dhs, me, testId, label }: AssigneeSelectProps): ReactNode {
  const t = useT();
  const people = members.filter((m) => m.kind === 'user');
  return (
    <select id={id} className="input" value={assigneeValue(value)} onChange={(e) => onChange(assigneeOf(e.target.value))} data-testid={testId} aria-label={label}>
      <option value="">{t('tasks.assignee.none')}</option>
      <optgroup label={t('tasks.assignee.people')}>
        {people.map((m) => (
          <option key={m.id} value={`member:${m.id}`}>
            {m.id === me ? t('tasks.assignee.me', { name: m.displayName }) : m.displayName}
          </option>
        ))}
      </optgroup>
      {dhs.length > 0 ? (
        <optgroup label={t('tasks.assignee.dhs')}>
          {dhs.map((d) => (
            <option key={d.id} value={`dh:${d.id}`}>
              {d.name}
            </option>
          ))}
        </optgroup>
      ) : null}
    </select>
  );
}
