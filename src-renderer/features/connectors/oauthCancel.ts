/**
 * Cancel for a sign-in that waits in the browser. Stopping only the view's
 * wait would leave the core listening for up to 5 minutes, and a sign-in
 * approved meanwhile would still connect; so Cancel is offered only where
 * the core itself can stop the wait. Until it can, this returns null and
 * the calendar-and-mail cards leave the button out.
 */
import type { CalendarKind } from './CalendarMailConnectForm';
import type { OAuthWait } from './useOAuthWait';

export function useOAuthCancel(_workspaceId: string, _kind: CalendarKind, _wait: OAuthWait): (() => void) | null {
  return null;
}
