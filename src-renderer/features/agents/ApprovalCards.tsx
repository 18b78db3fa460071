/**
 * Under a digital human's reply: the actions it wants to take that wait for
 * the local user's confirmation (it read text from others while asked), in
 * plain words, with Approve and Deny; then what came of each decision: who
 * decided ("Denied by Ada"), and for a call that ran, how long it took and a
 * button to its tool-call card, under the digital human's follow-up reply
 * that reports the run (agents/runtime/reportApprovedRun.ts).
 */
import { useContext, useState, type ReactNode } from 'react';
import type { AgentApprovalView } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { MessageContext } from '../rooms/timeline/MessageContext';
import { connectorCall, connectorCallText, connectorResultText } from '../connectors/connectorCall';
import { putApproval, useApprovalFeed, useApprovals, workspaceOfApproval } from './approvals';
import { durationText } from './durationText';
import { useApprovalRun, useToolCallFeed } from './toolCalls';

type Translate = ReturnType<typeof useT>;

function text(value: unknown, max = 300): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** What the action does, in the user's words. */
function describe(a: AgentApprovalView, t: Translate): string {
  const args = a.arguments;
  const call = connectorCall(a.tool, args, t);
  if (call) return connectorCallText(call, t);
  switch (a.tool) {
    case 'post_message':
      return t('agents.approval.post', { room: text(args.room, 80), text: text(args.text) });
    case 'handoff':
      return t('agents.approval.handoff', { to: text(args.to, 120), title: text(args.title) });
    case 'memory_forget':
      return t('agents.approval.forget', { id: text(args.id, 64) });
    case 'memory_update':
      return t('agents.approval.update', { id: text(args.id, 64), text: text(args.text ?? '') });
    default:
      return t('agents.approval.other', { tool: a.tool, args: text(args) });
  }
}

/** Why it waits: the untrusted text in the context, or (a connector's write, held whatever the context) that it acts outside the workspace. */
function why(a: AgentApprovalView, t: Translate): string {
  if (a.reasons.length === 0 && connectorCall(a.tool, a.arguments, t)) return t('connectors.card.why');
  return t('agents.approval.why', { reasons: a.reasons.map((r) => t(`agents.approval.reason.${r}` as Parameters<Translate>[0])).join(', ') });
}

/** Opens the run's tool-call card (under the digital human's follow-up reply), brings it into view and moves focus to it. */
function showRun(approvalId: string): void {
  const card = document.getElementById(`tool-call-run-${approvalId}`);
  if (!card) return;
  card.closest('details.tool-calls__group')?.setAttribute('open', '');
  card.querySelector('details')?.setAttribute('open', '');
  card.scrollIntoView({ block: 'center' });
  card.querySelector<HTMLElement>('summary')?.focus();
}

function ApprovalCard({ approval, authorName }: { approval: AgentApprovalView; authorName: string }): ReactNode {
  const t = useT();
  const locale = useLocale();
  const look = useContext(MessageContext)?.authorLook;
  // Only the person the action waits for decides it (and only their devices show it).
  const decider = look?.(approval.requestedFor, '').name || t('agents.approval.you');
  useToolCallFeed(workspaceOfApproval(approval.id), approval.roomId);
  const run = useApprovalRun(approval.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = (decision: 'approve' | 'deny'): void => {
    const workspaceId = workspaceOfApproval(approval.id);
    if (!workspaceId) return;
    setBusy(true);
    setError(null);
    api
      .invoke('agent.decide', { workspaceId, approvalId: approval.id, decision })
      .then((decided) => putApproval(workspaceId, decided))
      .catch((err: unknown) => setError(errorMessage(err, t)))
      .finally(() => setBusy(false));
  };
  const action = describe(approval, t);
  if (approval.state !== 'pending') {
    const outcome =
      approval.state === 'done'
        ? t('agents.approval.done', { action })
        : approval.state === 'denied'
          ? t('agents.approval.denied', { action })
          : approval.state === 'expired'
            ? t('agents.approval.expired', { action })
            : approval.state === 'approved'
              ? t('agents.approval.approved', { action })
              : t('agents.approval.failed', { action, reason: approval.result ?? '' });
    // A connector's result (what GitHub or the MCP server answered) says what came of it, unless the run's own card does.
    const result = !run && approval.state === 'done' && approval.result && connectorCall(approval.tool, approval.arguments, t) ? connectorResultText(approval.result) : null;
    const by =
      approval.state === 'denied'
        ? t('agents.approval.by.denied', { name: decider })
        : run
          ? t('agents.approval.by.ran', { name: decider, duration: durationText(run.call.ms, t, locale) })
          : approval.state === 'done' || approval.state === 'failed' || approval.state === 'approved'
            ? t('agents.approval.by.approved', { name: decider })
            : null;
    return (
      <p className={`approval approval--${approval.state}`} data-testid={`approval-${approval.id}`} data-state={approval.state}>
        {outcome}
        {by ? (
          <span className="approval__by" data-testid={`approval-by-${approval.id}`}>
            {by}
            {run ? (
              <button type="button" className="button button--small" onClick={() => showRun(approval.id)} data-testid={`approval-show-run-${approval.id}`}>
                {t('agents.approval.showRun')}
              </button>
            ) : null}
          </span>
        ) : null}
        {result ? (
          <span className="approval__result" data-testid={`approval-result-${approval.id}`}>
            {t('connectors.card.result', { result })}
          </span>
        ) : null}
      </p>
    );
  }
  const headingId = `approval-title-${approval.id}`;
  return (
    <section className="approval approval--pending" aria-labelledby={headingId} data-testid={`approval-${approval.id}`} data-state="pending">
      <p id={headingId} className="approval__title">
        {t('agents.approval.asks', { name: authorName, action })}
      </p>
      <p className="approval__why">{why(approval, t)}</p>
      <div className="approval__actions">
        <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => decide('approve')} data-testid={`approval-approve-${approval.id}`}>
          {t('agents.approval.approve')}
        </button>
        <button type="button" className="button button--small" disabled={busy} onClick={() => decide('deny')} data-testid={`approval-deny-${approval.id}`}>
          {t('agents.approval.deny')}
        </button>
      </div>
      {error ? (
        <p className="approval__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

export function ApprovalCards({ messageId, authorName, workspaceId }: { messageId: string; authorName: string; workspaceId: string | null }): ReactNode {
  useApprovalFeed(workspaceId);
  const list = useApprovals(messageId);
  if (list.length === 0) return null;
  return (
    <div className="approvals" data-testid={`approvals-${messageId}`}>
      {list.map((a) => (
        <ApprovalCard key={a.id} approval={a} authorName={authorName} />
      ))}
    </div>
  );
}
