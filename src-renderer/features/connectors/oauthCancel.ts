/**
 * Cancel for a sign-in that waits in the browser (GitHub, Google,
 * Microsoft 365). Stopping only the view's wait would leave the core
 * listening for up to 5 minutes, and a sign-in approved meanwhile would
 * still connect; so Cancel also asks the core to stop
 * (`connector.oauthCancel`: its loopback listener closes, nothing is saved,
 * and the waiting call ends, which the view then ignores).
 */
import { useCallback } from 'react';
import { api } from '../../lib/api';
import type { ConnectorKind } from './useConnectors';
import type { OAuthWait } from './useOAuthWait';

/** `onError`: when the core could not be asked to stop (the page then expires on its own). */
export function useOAuthCancel(workspaceId: string, kind: ConnectorKind, wait: OAuthWait, onError: (err: unknown) => void): () => void {
  const { cancel } = wait;
  return useCallback(() => {
    cancel();
    api.invoke('connector.oauthCancel', { workspaceId, connector: kind }).catch(onError);
  }, [cancel, workspaceId, kind, onError]);
}
