/** A card-shaped quick action of the empty state: a button with an icon, a title and one line. */
import type { ReactNode } from 'react';

interface QuickActionProps {
  icon: ReactNode;
  title: string;
  body: string;
  onClick: () => void;
  testId: string;
}

export function QuickAction({ icon, title, body, onClick, testId }: QuickActionProps): ReactNode {
  return (
    <button type="button" className="quick-action" onClick={onClick} data-testid={testId}>
      <span className="quick-action__icon">{icon}</span>
      <span className="quick-action__text">
        <span className="quick-action__title">{title}</span>
        <span className="quick-action__body">{body}</span>
      </span>
    </button>
  );
}
