/**
 * Cancel for a sign-in that waits in the browser (a connector's: GitHub,
 * Google, Microsoft 365; an MCP server's; a REST connection's). Stopping
 * only the view's wait would leave the core listening for up to 5 minutes,
 * and a sign-in approved meanwhile would still connect; so Cancel also asks
 * the core to stop (`connector.oauthCancel`, `mcp.signInCancel`,
 * `rest.oauthCancel`: its loopback listener closes, nothing is saved, and
 * the waiting call ends, which the view then ignores).
 */
import { useCallback } from 'react';
import { api } from '../../lib/api';
import type { ConnectorKind } from './useConnectors';
import type { NamedSignIn, OAuthWait } from './useOAuthWait';

/** `onError`: when the core could not be asked to stop (the page then expires on its own). */
export function useOAuthCancel(workspaceId: string, target: ConnectorKind | NamedSignIn, wait: OAuthWait, onError: (err: unknown) => void): () => void {
  const { cancel } = wait;
  // Primitives, so a target written inline gives the same callback from render to render.
  const kind = typeof target === 'string' ? target : 'mcp' in target ? 'mcp' : 'rest';
  const name = typeof target === 'string' ? '' : 'mcp' in target ? target.mcp : target.rest;
  return useCallback(() => {
    cancel();
    const stopped =
      kind === 'mcp'
        ? api.invoke('mcp.signInCancel', { workspaceId, name })
        : kind === 'rest'
          ? api.invoke('rest.oauthCancel', { workspaceId, name })
          : api.invoke('connector.oauthCancel', { workspaceId, connector: kind });
    stopped.catch(onError);
  }, [cancel, workspaceId, kind, name, onError]);
}
