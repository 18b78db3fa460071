/**
 * "Waiting for the browser…" while a sign-in runs there, with the page's
 * address as a link (for when no browser came up) and Cancel (left out
 * where the wait cannot be stopped: `canCancel` false).
 */
import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n/I18nProvider';
import { openExternalLink } from '../../lib/openExternalLink';
import type { OAuthWait } from './useOAuthWait';

interface OAuthWaitNoticeProps {
  wait: OAuthWait;
  /** Prefix of the test ids (default `github-oauth`). */
  testId?: string;
  canCancel?: boolean;
}

export function OAuthWaitNotice({ wait, testId = 'github-oauth', canCancel = true }: OAuthWaitNoticeProps): ReactNode {
  const t = useT();
  if (!wait.waiting) return null;
  return (
    <div className="connector-wait" role="status" data-testid={`${testId}-waiting`}>
      <span className="connector-wait__spinner" aria-hidden="true" />
      <p className="connector-wait__text">
        {t('connectors.github.waiting')}
        {wait.url ? (
          <>
            {' '}
            <a
              href={wait.url}
              rel="noreferrer"
              data-testid={`${testId}-link`}
              onClick={(e) => {
                e.preventDefault();
                openExternalLink(e.currentTarget.href);
              }}
            >
              {t('connectors.github.waitingLink')}
            </a>
          </>
        ) : null}
      </p>
      {canCancel ? (
        <button type="button" className="button button--small" onClick={wait.cancel} data-testid={`${testId}-cancel`}>
          {t('connectors.github.stopWaiting')}
        </button>
      ) : null}
    </div>
  );
}
