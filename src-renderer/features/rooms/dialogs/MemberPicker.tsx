/** A filterable list of workspace members with a checkbox each. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Member } from '../../../../src-main/common/contract';
import { useT } from '../../../lib/i18n/I18nProvider';
import { foldText } from '../composer/matchMentions';
import { PersonAvatar } from '../timeline/PersonAvatar';

interface MemberPickerProps {
  members: readonly Member[];
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  testId: string;
}

export function MemberPicker({ members, selected, onToggle, testId }: MemberPickerProps): ReactNode {
  const t = useT();
  const [filter, setFilter] = useState('');
  const folded = foldText(filter.trim());
  const shown = members.filter((m) => folded === '' || foldText(m.displayName).includes(folded) || m.handle.includes(folded));
  return (
    <div className="member-picker" data-testid={testId}>
      <input
        className="input"
        type="search"
        placeholder={t('rooms.members.filter')}
        aria-label={t('rooms.members.filter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        data-testid={`${testId}-filter`}
      />
      {shown.length === 0 ? (
        <p className="member-picker__empty">{members.length === 0 ? t('rooms.members.nobody') : t('rooms.members.noMatch')}</p>
      ) : (
        <ul className="member-picker__list">
          {shown.map((member) => (
            <li key={member.id}>
              <label className="member-row member-row--pick">
                <input type="checkbox" checked={selected.has(member.id)} onChange={() => onToggle(member.id)} data-testid={`${testId}-${member.handle}`} />
                <PersonAvatar name={member.displayName} size="small" digitalHuman={member.kind === 'dh'} />
                <span className="member-row__name">{member.displayName}</span>
                <span className="member-row__handle">@{member.handle}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
