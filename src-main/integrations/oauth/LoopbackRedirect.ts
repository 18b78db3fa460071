/**
 * The redirect end of an OAuth authorization in a desktop app (RFC 8252
 * §7.3): a one-shot HTTP listener on 127.0.0.1 and an ephemeral port, never
 * on another interface. The redirect URI names `127.0.0.1` by default, or
 * `localhost` for providers that register only that (Microsoft's identity
 * platform): then it also listens on `[::1]` at the same port when the
 * machine has IPv6, since a browser may resolve `localhost` to either; both
 * are the loopback interface. The first request to its callback path ends it,
 * whatever it carries (a second or forged redirect cannot be replayed into a
 * waiting flow); other paths (a browser's favicon) get a 404 and leave it
 * waiting. It gives up after `timeoutMs`, or when closed (a cancelled
 * sign-in), and it always closes its sockets at once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../common/AppError';

export const CALLBACK_PATH = '/oauth/callback';

/** The host the redirect URI names; the listener is on the loopback interface either way. */
export type RedirectHost = '127.0.0.1' | 'localhost';

const PAGE = (title: string, text: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font:16px system-ui;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;

export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/oauth/callback` (or `localhost`), the redirect URI to register for this authorization. */
  readonly redirectUri: string;
  /** The full URL the browser was redirected to (the authorization response). */
  wait(): Promise<URL>;
  /** Stops listening at once; a wait still pending rejects with `message` (code CLOSED). */
  close(message?: string): void;
}

/** Starts listening; `timeoutMs` bounds the wait for the browser to come back. */
export async function startLoopbackRedirect(timeoutMs: number, host: RedirectHost = '127.0.0.1'): Promise<LoopbackRedirect> {
  let settle: { resolve: (url: URL) => void; reject: (err: Error) => void } | null = null;
  const result = new Promise<URL>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A flow that is abandoned before anyone waits must not become an unhandled rejection.
  result.catch(() => undefined);
  let done = false;
  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || done) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Not found');
      return;
    }
    done = true;
    const ok = url.searchParams.has('code') && !url.searchParams.has('error');
    res
      .writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' })
      .end(ok ? PAGE('Connected', 'You can close this tab and go back to Qwanyx.') : PAGE('Not connected', 'The authorization did not go through. Go back to Qwanyx to try again.'));
    finish(null, new URL(`${base}${url.pathname}${url.search}`));
  };
  const servers = [http.createServer(handle)];
  await listen(servers[0]!, 0, '127.0.0.1');
  const port = (servers[0]!.address() as AddressInfo).port;
  if (host === 'localhost') {
    const v6 = http.createServer(handle);
    // Best effort: without IPv6 (or with the port taken there) browsers fall back to 127.0.0.1.
    if (await listen(v6, port, '::1').then(() => true, () => false)) servers.push(v6);
  }
  const base = `http://${host}:${port}`;
  const timer = setTimeout(
    () => finish(new AppError('CLOSED', `Nobody came back from the browser within ${Math.round(timeoutMs / 1000)} s: the authorization was abandoned. Try connecting again.`)),
    timeoutMs,
  );
  timer.unref();

  function finish(err: Error | null, url?: URL): void {
    done = true;
    clearTimeout(timer);
    for (const server of servers) {
      server.close();
      // The answer to the browser is already written with `connection: close`; only idle or unanswered sockets are left.
      if (err) server.closeAllConnections();
      else server.closeIdleConnections();
    }
    if (err) settle?.reject(err);
    else if (url) settle?.resolve(url);
    settle = null;
  }

  return {
    redirectUri: `${base}${CALLBACK_PATH}`,
    wait: () => result,
    close: (message = 'The authorization was cancelled.') => {
      if (!done) finish(new AppError('CLOSED', message));
    },
  };
}

function listen(server: http.Server, port: number, address: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
