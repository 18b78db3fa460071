/**
 * A card-shaped quick action of the empty state. Without `onClick` it is a
 * preview of a coming feature: shown, labelled "coming soon", not clickable.
 */
import type { ReactNode } from 'react';

interface QuickActionProps {
  icon: ReactNode;
  title: string;
  body: string;
  onClick?: () => void;
  soon?: string;
  testId?: string;
}

export function QuickAction({ icon, title, body, onClick, soon, testId }: QuickActionProps): ReactNode {
  const content = (
    <>
      <span className="quick-action__icon">{icon}</span>
      <span className="quick-action__text">
        <span className="quick-action__title">
          {title}
          {soon && !onClick ? <span className="quick-action__soon">{soon}</span> : null}
        </span>
        <span className="quick-action__body">{body}</span>
      </span>
    </>
  );
  if (!onClick) {
    return (
      <div className="quick-action quick-action--soon" aria-disabled="true">
        {content}
      </div>
    );
  }
  return (
    <button type="button" className="quick-action" onClick={onClick} data-testid={testId}>
      {content}
    </button>
  );
}
