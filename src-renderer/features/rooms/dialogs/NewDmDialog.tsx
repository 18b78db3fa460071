/**
 * "New message": pick one or more people (or digital humans); an existing
 * conversation with exactly them opens instead of a duplicate.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Member, Room } from '../../../../src-main/common/contract';
import { errorMessage } from '../../../lib/errorMessage';
import { useT } from '../../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../../lib/ui/Dialog';
import { FormError } from '../../../lib/ui/TextField';
import type { RoomCommands } from '../data/useRoomCommands';
import { MemberPicker } from './MemberPicker';

interface NewDmDialogProps {
  members: readonly Member[];
  rooms: readonly Room[];
  me: string;
  commands: RoomCommands;
  onOpen(room: Room): void;
  onClose(): void;
}

function sameMembers(room: Room, wanted: ReadonlySet<string>): boolean {
  const set = new Set(room.memberIds);
  return set.size === wanted.size && [...wanted].every((id) => set.has(id));
}

export function NewDmDialog({ members, rooms, me, commands, onOpen, onClose }: NewDmDialogProps): ReactNode {
  const t = useT();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function toggle(id: string): void {
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  async function start(): Promise<void> {
    if (selected.size === 0 || busy) return;
    const wanted = new Set([...selected, me]);
    const existing = rooms.find((r) => r.kind === 'dm' && sameMembers(r, wanted));
    if (existing) {
      onOpen(existing);
      return;
    }
    setBusy(true);
    try {
      onOpen(await commands.create({ kind: 'dm', memberIds: [...selected] }));
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('rooms.dm.title')} description={t('rooms.dm.description')} onClose={onClose} testId="new-dm-dialog">
      <div className="form">
        <MemberPicker members={members.filter((m) => m.id !== me)} selected={selected} onToggle={toggle} testId="dm-pick" />
        {error ? <FormError message={error} testId="new-dm-error" /> : null}
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={selected.size === 0 || busy} onClick={() => void start()} data-testid="new-dm-submit">
            {t('rooms.dm.start')}
          </button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
