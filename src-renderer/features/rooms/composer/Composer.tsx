/**
 * Where a message is written, at the bottom of a room or of a thread: the
 * draft of that room, completions for `@` and `#`, Enter to send, ↑ in an
 * empty field to edit one's last message, and the Markdown hint.
 */
import { useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { errorMessage } from '../../../lib/errorMessage';
import { useLocale, useT } from '../../../lib/i18n/I18nProvider';
import { SendIcon } from '../../../lib/ui/roomIcons';
import { useStanding } from '../../members/useMembers';
import { requestNotificationPermission } from '../notifications/requestNotificationPermission';
import type { MentionCandidate } from './matchMentions';
import { MessageInput } from './MessageInput';
import { useDraft } from './useDraft';
import { AttachButton, AttachmentTray } from '../../files/AttachmentTray';
import { useAttachments } from '../../files/useAttachments';

interface ComposerProps {
  workspaceId: string;
  roomId: string;
  threadRootId: string | null;
  placeholder: string;
  candidates: readonly MentionCandidate[];
  roomNames: readonly string[];
  onSend(text: string): Promise<void>;
  onEditLast?(): void;
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  /** Called as the user types (true) and when they send or empty the box (false): presence's "is typing". */
  onTyping?(typing: boolean): void;
  autoFocus?: boolean;
  testId: string;
}

export function Composer(props: ComposerProps): ReactNode {
  const { workspaceId, roomId, threadRootId, onSend } = props;
  const t = useT();
  const draft = useDraft(workspaceId, roomId, threadRootId);
  const [error, setError] = useState<string | null>(null);
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const inputRef = props.inputRef ?? ownRef;
  const standing = useStanding(workspaceId).value;
  const locale = useLocale();
  const attachments = useAttachments(workspaceId);
  const [dropping, setDropping] = useState(false);

  function send(): void {
    const text = draft.text;
    if (attachments.items.length > 0) return sendWithFiles(text);
    if (text.trim() === '') return;
    requestNotificationPermission();
    setError(null);
    // Clear at once for a snappy feel; the text comes back if the core refuses it.
    draft.clear();
    props.onTyping?.(false);
    onSend(text).catch((err: unknown) => {
      draft.setText(text);
      setError(errorMessage(err, t));
    });
  }

  function sendWithFiles(text: string): void {
    if (!attachments.ready) return;
    setError(null);
    draft.clear();
    props.onTyping?.(false);
    attachments.post(roomId, text, threadRootId).catch((err: unknown) => {
      draft.setText(text);
      setError(errorMessage(err, t));
    });
  }

  if (standing?.readOnly) {
    // A guest reads only (the relay drops a guest's writes anyway): say so instead of offering a box that cannot send.
    const until = standing.expiresAt === null ? null : new Date(standing.expiresAt).toLocaleDateString(locale);
    const reason = until === null ? t('members.readOnly') : standing.expiresAt! <= Date.now() ? t('members.readOnly.expired', { date: until }) : t('members.readOnly.until', { date: until });
    return (
      <div className="composer composer--readonly" data-testid={props.testId}>
        <p className="composer__readonly" role="status" data-testid={`${props.testId}-readonly`}>
          {reason}
        </p>
      </div>
    );
  }

  return (
    <div
      className={dropping ? 'composer composer--dropping' : 'composer'}
      data-testid={props.testId}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false);
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        attachments.add([...e.dataTransfer.files]);
      }}
      onPaste={(e) => {
        if (e.clipboardData.files.length === 0) return;
        e.preventDefault();
        attachments.add([...e.clipboardData.files]);
      }}
    >
      <AttachmentTray attachments={attachments} testId={props.testId} />
      <div className="composer__box">
        <AttachButton attachments={attachments} testId={props.testId} />
        <MessageInput
          value={draft.text}
          onChange={(text) => {
            draft.setText(text);
            props.onTyping?.(text !== '');
          }}
          onSubmit={send}
          onArrowUpEmpty={props.onEditLast}
          candidates={props.candidates}
          roomNames={props.roomNames}
          placeholder={props.placeholder}
          label={props.placeholder}
          testId={`${props.testId}-input`}
          inputRef={inputRef}
          autoFocus={props.autoFocus}
        />
        <button
          type="button"
          className="composer__send"
          aria-label={t('rooms.composer.send')}
          title={t('rooms.composer.send')}
          disabled={attachments.items.length > 0 ? !attachments.ready : draft.text.trim() === ''}
          onClick={() => {
            send();
            inputRef.current?.focus();
          }}
          data-testid={`${props.testId}-send`}
        >
          <SendIcon width={16} height={16} />
        </button>
      </div>
      <div className="composer__footer">
        {error ? (
          <p className="form-error" role="alert" data-testid={`${props.testId}-error`}>
            {error}
          </p>
        ) : (
          <p className="composer__hint">{t('rooms.composer.hint')}</p>
        )}
      </div>
    </div>
  );
}
