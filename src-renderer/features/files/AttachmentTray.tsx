/** The attach button of a composer and the files waiting to be sent with the message. */
import { useRef } from 'react';
import type { ReactNode } from 'react';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { Svg, type IconProps } from '../../lib/ui/icons';
import { formatSize } from './fileBytes';
import type { Attachments } from './useAttachments';

function PaperclipIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M15.5 9.5l-5.8 5.8a3.5 3.5 0 01-5-5l6.2-6.2a2.3 2.3 0 013.3 3.3l-6.1 6.1a1.2 1.2 0 01-1.7-1.7l5.6-5.6" />
    </Svg>
  );
}

export function AttachButton({ attachments, testId }: { attachments: Attachments; testId: string }): ReactNode {
  const t = useT();
  const input = useRef<HTMLInputElement | null>(null);
  return (
    <>
      <button type="button" className="composer__attach" aria-label={t('files.attach')} title={t('files.attach')} onClick={() => input.current?.click()} data-testid={`${testId}-attach`}>
        <PaperclipIcon width={16} height={16} />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-hidden="true"
        tabIndex={-1}
        data-testid={`${testId}-file-input`}
        onChange={(e) => {
          attachments.add([...(e.currentTarget.files ?? [])]);
          e.currentTarget.value = '';
        }}
      />
    </>
  );
}

export function AttachmentTray({ attachments, testId }: { attachments: Attachments; testId: string }): ReactNode {
  const t = useT();
  const locale = useLocale();
  if (attachments.items.length === 0 && attachments.error === null) return null;
  return (
    <div className="attach-tray" data-testid={`${testId}-attachments`}>
      {attachments.items.length > 0 ? (
        <ul className="attach-tray__list" aria-label={t('files.attached')}>
          {attachments.items.map((item) => (
            <li key={item.key} className="attach-chip" aria-busy={item.file === null}>
              <span className="attach-chip__name">{item.name}</span>
              <span className="attach-chip__size">{item.file === null ? t('files.preparing') : formatSize(item.size, locale)}</span>
              <button type="button" className="attach-chip__remove" aria-label={t('files.remove', { name: item.name })} onClick={() => attachments.remove(item.key)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {attachments.error !== null ? (
        <p className="form-error" role="alert" data-testid={`${testId}-attach-error`}>
          {attachments.error}
        </p>
      ) : null}
    </div>
  );
}
