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

/** A sign-in that is not a connector's (GitHub, Google, Microsoft 365): an MCP server's (`mcp.signIn`) or a REST connection's. */
export type NamedSignIn = { mcp: string } | { rest: string };

/** `named`: the wait is that MCP server's or REST connection's sign-in; without it, a connector's. */
export function useOAuthWait(workspaceId: string, named?: NamedSignIn): OAuthWait {
  const [waiting, setWaiting] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const generation = useRef(0);
  // Primitives, so a target written inline does not subscribe again on every render.
  const channel = named === undefined ? null : 'mcp' in named ? 'mcp.authorizing' : 'rest.authorizing';
  const name = named === undefined ? null : 'mcp' in named ? named.mcp : named.rest;

  useEffect(() => {
    if (!waiting) return undefined;
    if (channel !== null) {
      return api.on(channel, (event) => {
        if (event.workspaceId === workspaceId && event.name === name) setUrl(event.url);
      });
    }
    return api.on('connector.authorizing', (event) => {
      if (event.workspaceId === workspaceId) setUrl(event.url);
    });
  }, [waiting, workspaceId, channel, name]);

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
