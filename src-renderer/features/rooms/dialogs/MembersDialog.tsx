/**
 * The members of a room: remove one (not oneself: that is "Leave"), or add
 * people of the workspace who are not in it yet.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Member, Room } from '../../../../src-main/common/contract';
import { errorMessage } from '../../../lib/errorMessage';
import { useT } from '../../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../../lib/ui/Dialog';
import { FormError } from '../../../lib/ui/TextField';
import type { RoomCommands } from '../data/useRoomCommands';
import { PersonAvatar } from '../timeline/PersonAvatar';
import { MemberPicker } from './MemberPicker';

interface MembersDialogProps {
  room: Room;
  title: string;
  members: readonly Member[];
  me: string;
  commands: RoomCommands;
  onClose(): void;
}

export function MembersDialog({ room, title, members, me, commands, onClose }: MembersDialogProps): ReactNode {
  const t = useT();
  const [adding, setAdding] = useState<ReadonlySet<string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byId = new Map(members.map((m) => [m.id, m]));
  const inRoom = room.memberIds.map((id) => byId.get(id) ?? { id, kind: 'user' as const, displayName: id, handle: id });
  const outside = members.filter((m) => !room.memberIds.includes(m.id));

  async function run(action: () => Promise<unknown>): Promise<void> {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }

  return (
    <Dialog title={t('rooms.members.dialogTitle', { name: title })} onClose={onClose} testId="members-dialog">
      {adding ? (
        <div className="form">
          <MemberPicker
            members={outside}
            selected={adding}
            onToggle={(id) => setAdding((prev) => new Set(prev?.has(id) ? [...(prev ?? [])].filter((x) => x !== id) : [...(prev ?? []), id]))}
            testId="add-member-pick"
          />
          {error ? <FormError message={error} testId="members-error" /> : null}
          <DialogFooter>
            <button type="button" className="button" onClick={() => setAdding(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={adding.size === 0}
              onClick={() => void run(async () => {
                for (const id of adding) await commands.addMember(room.id, id);
                setAdding(null);
              })}
              data-testid="add-member-submit"
            >
              {t('rooms.members.addSubmit')}
            </button>
          </DialogFooter>
        </div>
      ) : (
        <div className="form">
          <ul className="member-list" data-testid="member-list">
            {inRoom.map((member) => (
              <li key={member.id} className="member-row">
                <PersonAvatar name={member.displayName} size="small" digitalHuman={member.kind === 'dh'} />
                <span className="member-row__name">
                  {member.displayName}
                  {member.id === me ? <span className="member-row__you">{t('rooms.members.you')}</span> : null}
                </span>
                <span className="member-row__handle">@{member.handle}</span>
                {member.id !== me && room.kind === 'channel' ? (
                  <button type="button" className="button button--small button--ghost-danger" onClick={() => void run(() => commands.removeMember(room.id, member.id))} data-testid={`remove-member-${member.handle}`}>
                    {t('rooms.members.remove')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          {error ? <FormError message={error} testId="members-error" /> : null}
          <DialogFooter>
            {room.kind === 'channel' ? (
              <button type="button" className="button" onClick={() => setAdding(new Set())} disabled={outside.length === 0} data-testid="add-members">
                {t('rooms.members.add')}
              </button>
            ) : null}
            <button type="button" className="button button--primary" onClick={onClose}>
              {t('common.close')}
            </button>
          </DialogFooter>
        </div>
      )}
    </Dialog>
  );
}
