/**
 * The backup schedule in Settings → Backups: what it does in one plain
 * sentence, and four number fields to change it, each checked against the
 * core's bounds as it is typed, with its own error, before anything is
 * sent; saved through `backup.settings.set`.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { BackupSchedule } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import type { MessageKey } from '../../lib/i18n/i18n';
import { useT } from '../../lib/i18n/I18nProvider';
import { TextField } from '../../lib/ui/TextField';
import { draftOf, isScheduleChanged, parseScheduleDraft, parseScheduleField, SCHEDULE_FIELDS, SCHEDULE_LIMITS, type ScheduleDraft, type ScheduleField } from './scheduleDraft';

const LABELS: Record<ScheduleField, MessageKey> = {
  intervalMinutes: 'backups.schedule.interval',
  hourly: 'backups.schedule.hourly',
  daily: 'backups.schedule.daily',
  weekly: 'backups.schedule.weekly',
};

interface BackupScheduleFormProps {
  schedule: BackupSchedule;
  onSaved(schedule: BackupSchedule): void;
}

export function BackupScheduleForm({ schedule, onSaved }: BackupScheduleFormProps): ReactNode {
  const t = useT();
  const [draft, setDraft] = useState<ScheduleDraft>(() => draftOf(schedule));
  const [shown, setShown] = useState<ReadonlySet<ScheduleField>>(new Set());
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  function errorOf(field: ScheduleField): string | null {
    if (!shown.has(field) || parseScheduleField(field, draft[field]) !== null) return null;
    return t('backups.schedule.invalid', SCHEDULE_LIMITS[field]);
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    const parsed = parseScheduleDraft(draft);
    if ('invalid' in parsed) {
      setShown(new Set(SCHEDULE_FIELDS));
      setStatus({ kind: 'error', text: t('backups.schedule.fix') });
      return;
    }
    setBusy(true);
    setStatus(null);
    api.invoke('backup.settings.set', { schedule: parsed.schedule }).then(
      (saved) => {
        onSaved(saved.schedule);
        setDraft(draftOf(saved.schedule));
        setShown(new Set());
        setStatus({ kind: 'ok', text: t('backups.schedule.saved') });
        setBusy(false);
      },
      (err: unknown) => {
        setStatus({ kind: 'error', text: errorMessage(err, t) });
        setBusy(false);
      },
    );
  }

  return (
    <form className="backup-schedule" onSubmit={submit} noValidate data-testid="backup-schedule-form">
      <p className="backup-schedule__summary" data-testid="backup-schedule-summary">
        {t('backups.schedule.summary', { minutes: schedule.intervalMinutes, hourly: schedule.hourly, daily: schedule.daily, weekly: schedule.weekly })}
      </p>
      <p className="field__hint">{t('backups.schedule.hint')}</p>
      <div className="backup-schedule__fields">
        {SCHEDULE_FIELDS.map((field) => (
          <TextField
            key={field}
            label={t(LABELS[field])}
            inputMode="numeric"
            value={draft[field]}
            error={errorOf(field)}
            onChange={(e) => {
              setDraft({ ...draft, [field]: e.target.value });
              // Said while typing, not on leaving the field: an error appearing on blur moves the button being clicked.
              setShown(new Set([...shown, field]));
              setStatus(null);
            }}
            testId={`backup-schedule-${field}`}
          />
        ))}
      </div>
      <div className="backup-schedule__actions">
        <button type="submit" className="button button--primary" disabled={busy || !isScheduleChanged(draft, schedule)} data-testid="backup-schedule-save">
          {t('backups.schedule.save')}
        </button>
        {status ? (
          <span className={status.kind === 'ok' ? 'field__hint' : 'form-error'} role={status.kind === 'ok' ? 'status' : 'alert'} data-testid="backup-schedule-status">
            {status.text}
          </span>
        ) : null}
      </div>
    </form>
  );
}
