/**
 * Under a digital human's message that this device is writing: "answering…"
 * with Stop, "queued" with Retry now, or why it failed with Retry (both
 * also link to the model settings, where the connection is fixed). Nothing
 * once the answer is done, or for a reply another device wrote. Above it,
 * the tool calls of the reply (any device's); below it, the actions of that
 * reply held for the local user's confirmation.
 */
import { useState, type ReactNode } from 'react';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n/I18nProvider';
import { ApprovalCards } from './ApprovalCards';
import { ToolCallCards } from './ToolCallCards';
import { requestModelSettings } from '../providers/modelSettingsRequest';
import { useReplyJob } from './replyJobs';

interface ReplyJobBarProps {
  messageId: string;
  authorName: string;
  /** The room of the reply (its tool calls load by room); none: no tool-call cards. */
  roomId?: string;
}

export function ReplyJobBar({ messageId, authorName, roomId }: ReplyJobBarProps): ReactNode {
  // Actions are held only by jobs of this device: the reply's job says which workspace to ask.
  const entry = useReplyJob(messageId);
  return (
    <>
      {roomId ? <ToolCallCards messageId={messageId} roomId={roomId} authorName={authorName} /> : null}
      <JobStatus messageId={messageId} authorName={authorName} />
      <ApprovalCards messageId={messageId} authorName={authorName} workspaceId={entry?.workspaceId ?? null} />
    </>
  );
}

function JobStatus({ messageId, authorName }: ReplyJobBarProps): ReactNode {
  const t = useT();
  const entry = useReplyJob(messageId);
  const [busy, setBusy] = useState(false);
  if (!entry) return null;
  const { workspaceId, job } = entry;
  if (job.state === 'done' || job.state === 'skipped') return null;
  const act = (channel: 'agent.cancel' | 'agent.retry'): void => {
    setBusy(true);
    api
      .invoke(channel, { workspaceId, jobId: job.id })
      .catch((err: unknown) => console.error(`${channel} failed`, err))
      .finally(() => setBusy(false));
  };
  const running = job.state === 'running' || job.state === 'waiting';
  const text =
    job.state === 'running'
      ? t('agents.job.running', { name: authorName })
      : job.state === 'waiting'
        ? t('agents.job.waiting')
        : job.state === 'queued'
          ? t('agents.job.queued')
          : t('agents.job.failed', { reason: job.lastError ?? '' });
  return (
    <div className={`reply-job reply-job--${job.state}`} data-testid={`reply-job-${messageId}`} data-state={job.state} role="status">
      {running ? <span className="spinner spinner--small" aria-hidden="true" /> : null}
      <span className="reply-job__text">{text}</span>
      <button type="button" className="button button--small" disabled={busy} onClick={() => act(running ? 'agent.cancel' : 'agent.retry')} data-testid={`reply-job-${running ? 'stop' : 'retry'}-${messageId}`}>
        {running ? t('agents.job.stop') : t('agents.job.retry')}
      </button>
      {job.state === 'queued' || job.state === 'failed' ? (
        <button type="button" className="button button--small" onClick={requestModelSettings} data-testid={`reply-job-settings-${messageId}`}>
          {t('connections.openSettings')}
        </button>
      ) : null}
    </div>
  );
}
