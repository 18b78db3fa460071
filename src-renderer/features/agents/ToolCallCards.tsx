/**
 * Under a digital human's reply: what it looked at or did to write it, one
 * line per tool call (the action in words, what it acted on, what came of
 * it, how long it took), folded into one line when there are more than two.
 * Each line opens on its details: the tool, the arguments and a short
 * summary of the result. Everything here may have been written by others
 * (a GitHub issue's title, a peer's device): it is shown as plain text,
 * never as Markdown or HTML (docs/tool-call-cards.md). A call run once
 * approved says so; its approval card points to it.
 */
import type { ReactNode } from 'react';
import type { ToolCallView } from '../../../src-main/common/contract';
import { useLocale, usePlural, useT } from '../../lib/i18n/I18nProvider';
import { useRoomWorkspaceId } from '../files/RoomFiles';
import { durationText } from './durationText';
import { toolCallWords } from './toolCallWords';
import { useToolCallFeed, useToolCalls } from './toolCalls';

/** More calls than this fold into one line. */
const OPEN_UP_TO = 2;

function Duration({ ms }: { ms: number }): ReactNode {
  const t = useT();
  const locale = useLocale();
  return <span className="tool-call__ms">{durationText(ms, t, locale)}</span>;
}

function ToolCallCard({ messageId, call }: { messageId: string; call: ToolCallView }): ReactNode {
  const t = useT();
  const plural = usePlural();
  const action = toolCallWords(call, t);
  const outcome =
    call.outcome === 'ok'
      ? t('toolCalls.outcome.ok')
      : call.outcome === 'refused'
        ? t('toolCalls.outcome.refused')
        : call.reason
          ? t('toolCalls.outcome.failedWith', { reason: call.reason })
          : t('toolCalls.outcome.failed');
  const count = typeof call.words.params.count === 'number' ? plural('toolCalls.count', call.words.params.count) : null;
  return (
    <li
      className={`tool-call tool-call--${call.outcome}`}
      id={call.approvalId ? `tool-call-run-${call.approvalId}` : undefined}
      data-testid={`tool-call-${messageId}-${call.index}`}
      data-outcome={call.outcome}
      data-approval={call.approvalId ?? undefined}
    >
      <details className="tool-call__details">
        <summary className="tool-call__line">
          <span className="tool-call__icon" aria-hidden="true">
            {call.outcome === 'ok' ? '✓' : call.outcome === 'refused' ? '⊘' : '!'}
          </span>
          <span className="tool-call__action" data-testid={`tool-call-action-${messageId}-${call.index}`}>
            {action}
          </span>
          {count ? <span className="tool-call__count">{count}</span> : null}
          {call.approvalId ? <span className="tool-call__approved">{t('toolCalls.afterApproval')}</span> : null}
          <span className="tool-call__outcome" title={outcome}>
            {outcome}
          </span>
          <Duration ms={call.ms} />
        </summary>
        <dl className="tool-call__facts">
          <dt>{t('toolCalls.details.tool')}</dt>
          <dd>
            <code>{call.tool}</code>
          </dd>
          {call.target ? (
            <>
              <dt>{t('toolCalls.details.target')}</dt>
              <dd>{call.target}</dd>
            </>
          ) : null}
          <dt>{t('toolCalls.details.arguments')}</dt>
          <dd>
            <code className="tool-call__code">{call.arguments}</code>
          </dd>
          {call.reason ? (
            <>
              <dt>{t('toolCalls.details.reason')}</dt>
              <dd>{call.reason}</dd>
            </>
          ) : null}
          {call.result ? (
            <>
              <dt>{t('toolCalls.details.result')}</dt>
              <dd className="tool-call__result" data-testid={`tool-call-result-${messageId}-${call.index}`}>
                {call.result}
              </dd>
            </>
          ) : null}
        </dl>
      </details>
    </li>
  );
}

export function ToolCallCards({ messageId, roomId, authorName }: { messageId: string; roomId: string; authorName: string }): ReactNode {
  const t = useT();
  const plural = usePlural();
  useToolCallFeed(useRoomWorkspaceId(), roomId);
  const calls = useToolCalls(messageId);
  if (calls.length === 0) return null;
  const list = (
    <ul className="tool-calls__list">
      {calls.map((c) => (
        <ToolCallCard key={c.index} messageId={messageId} call={c} />
      ))}
    </ul>
  );
  const label = t('toolCalls.label', { name: authorName });
  if (calls.length <= OPEN_UP_TO) {
    return (
      <section className="tool-calls" aria-label={label} data-testid={`tool-calls-${messageId}`}>
        {list}
      </section>
    );
  }
  const failed = calls.filter((c) => c.outcome !== 'ok').length;
  return (
    <section className="tool-calls" aria-label={label} data-testid={`tool-calls-${messageId}`}>
      <details className="tool-calls__group">
        <summary className="tool-calls__summary" data-testid={`tool-calls-summary-${messageId}`}>
          {plural('toolCalls.group', calls.length, { name: authorName })}
          {failed > 0 ? <span className="tool-calls__failed"> · {plural('toolCalls.notOk', failed)}</span> : null}
        </summary>
        {list}
      </details>
    </section>
  );
}
