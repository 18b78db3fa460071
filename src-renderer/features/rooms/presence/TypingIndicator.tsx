/** "Ada is typing…" under the composer, fed by `usePresence`; empty while nobody types. */
import type { ReactNode } from 'react';
import { useT } from '../../../lib/i18n/I18nProvider';

interface TypingIndicatorProps {
  names: readonly string[];
  testId?: string;
}

export function TypingIndicator({ names, testId = 'typing-indicator' }: TypingIndicatorProps): ReactNode {
  const t = useT();
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? t('rooms.typing.one', { name: names[0]! })
        : names.length === 2
          ? t('rooms.typing.two', { first: names[0]!, second: names[1]! })
          : t('rooms.typing.many');
  return (
    <p className="typing" aria-live="polite" data-testid={testId}>
      {text}
    </p>
  );
}
