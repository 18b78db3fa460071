/**
 * A call that may wait on a sign-in in the browser (`connector.add` with
 * OAuth, `connector.rotate` of an OAuth connection): while it runs, the
 * address the core opened (`connector.authorizing` of this workspace) is
 * kept so the view can show it as a link, for when no browser came up
 * (for an MCP server's sign-in, `mcp.authorizing` of that server; for a
 * REST connection's, `rest.authorizing` of that connection).
 * "Cancel" stops waiting here; the core's one-shot listener gives up on its
 * own after 5 minutes, and nothing is saved unless the person approves.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api';

export interface OAuthWait {
  /** True while a call runs. */
  waiting: boolean;
  /** The sign-in address the core opened, once it said so. */
  url: string | null;
  /** Runs `call`; resolves with its value, or null when the wait was cancelled meanwhile. */
  run<T>(call: () => Promise<T>): Promise<T | null>;
  cancel(): void;
}

/** `mcpServer`: the wait is the sign-in of that MCP server (`mcp.signIn`), not of a connector; `restConnection`: of that REST connection. */
export function useOAuthWait(workspaceId: string, mcpServer?: string, restConnection?: string): OAuthWait {
  const [waiting, setWaiting] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    if (!waiting) return undefined;
    if (mcpServer !== undefined) {
      return api.on('mcp.authorizing', (event) => {
        if (event.workspaceId === workspaceId && event.name === mcpServer) setUrl(event.url);
      });
    }
    if (restConnection !== undefined) {
      return api.on('rest.authorizing', (event) => {
        if (event.workspaceId === workspaceId && event.name === restConnection) setUrl(event.url);
      });
    }
    return api.on('connector.authorizing', (event) => {
      if (event.workspaceId === workspaceId) setUrl(event.url);
    });
  }, [waiting, workspaceId, mcpServer, restConnection]);

  useEffect(() => () => void (generation.current += 1), []);

  const run = useCallback(async <T>(call: () => Promise<T>): Promise<T | null> => {
    const mine = ++generation.current;
    setUrl(null);
    setWaiting(true);
    try {
      const value = await call();
      return generation.current === mine ? value : null;
    } catch (err) {
      if (generation.current === mine) throw err;
      return null;
    } finally {
      if (generation.current === mine) setWaiting(false);
    }
  }, []);

  const cancel = useCallback(() => {
    generation.current += 1;
    setWaiting(false);
    setUrl(null);
  }, []);

  return { waiting, url, run, cancel };
}
