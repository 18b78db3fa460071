import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeCore } from '../../../tests/fixtures/makeCore';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import { startWebHost, type WebHost } from './startWebHost';

async function startHost(): Promise<WebHost> {
  const rendererDir = makeTempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Qwanyx</title>');
  const { core } = await makeCore();
  return startWebHost({ core, rendererDir, port: 0 });
}

function connect(host: WebHost, opts: { origin?: string; secret?: string | null }): WebSocket {
  const protocols = ['qwanyx-rpc.v1'];
  if (opts.secret !== null) protocols.push(`secret.${opts.secret ?? host.secret}`);
  return new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, protocols, {
    origin: opts.origin ?? `http://127.0.0.1:${host.port}`,
  });
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.on('close', (code) => resolve(code)));
}

type Frame = Record<string, unknown>;
const queues = new WeakMap<WebSocket, { frames: Frame[]; waiters: ((f: Frame) => void)[] }>();

/** The next frame the host sent on `ws`, in order, however many are awaited at once. */
/** The next frame that is not a pushed event: events a feature announces may come between a call and its answer. */
async function nextAnswer(ws: WebSocket): Promise<Frame> {
  for (;;) {
    const frame = await nextFrame(ws);
    if (frame.t !== 'event') return frame;
  }
}

function nextFrame(ws: WebSocket): Promise<Frame> {
  let queue = queues.get(ws);
  if (!queue) {
    const q = { frames: [] as Frame[], waiters: [] as ((f: Frame) => void)[] };
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      const waiter = q.waiters.shift();
      if (waiter) waiter(frame);
      else q.frames.push(frame);
    });
    queues.set(ws, (queue = q));
  }
  const ready = queue.frames.shift();
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve) => queue.waiters.push(resolve));
}

function get(port: number, pathName: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string; csp: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathName, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, csp: String(res.headers['content-security-policy'] ?? '') }));
      })
      .on('error', reject);
  });
}

describe('browser host', () => {
  it('serves the renderer with a strict CSP, and nothing outside it', async () => {
    const host = await startHost();
    const page = await get(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Qwanyx</title>');
    expect(page.csp).toContain("script-src 'self'");
    expect((await get(host.port, '/../../etc/passwd')).status).toBe(404);
    expect((await get(host.port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get(host.port, '/', 'evil.example:80')).status).toBe(421);
    await host.close();
  });

  it('answers calls from its own page holding the secret, and pushes events', async () => {
    const host = await startHost();
    const ws = connect(host, {});
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'workspace.create', input: { name: 'Acme', kind: 'team' } }));
    // The result and the events the change pushes (the list of workspaces, and those other features send), in any order.
    const frames: Frame[] = [];
    while (frames.length < 12 && !(frames.some((f) => f.t === 'result') && frames.some((f) => f.t === 'event' && f.event === 'workspaces.changed'))) {
      frames.push(await nextFrame(ws));
    }
    const result = frames.find((f) => f.t === 'result');
    expect(result).toMatchObject({ id: 1, result: { ok: true, value: { name: 'Acme' } } });
    expect(frames.some((f) => f.t === 'event' && f.event === 'workspaces.changed')).toBe(true);
    ws.close();
    await host.close();
  });

  it('closes a connection without the per-run secret with 4401', async () => {
    const host = await startHost();
    expect(await closeCode(connect(host, { secret: null }))).toBe(4401);
    expect(await closeCode(connect(host, { secret: 'f'.repeat(48) }))).toBe(4401);
    await host.close();
  });

  it('refuses a connection from another origin before any call', async () => {
    const host = await startHost();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null']) {
      const ws = connect(host, { origin });
      const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
      expect(status).toBe(403);
    }
    await host.close();
  });

  it('answers malformed frames with an error and keeps serving', async () => {
    const host = await startHost();
    const ws = connect(host, {});
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send('not json');
    expect(await nextAnswer(ws)).toMatchObject({ t: 'error', error: { code: 'VALIDATION' } });
    ws.send(JSON.stringify({ t: 'invoke', id: 7, channel: 'workspace.list' }));
    expect(await nextAnswer(ws)).toMatchObject({ t: 'result', id: 7, result: { ok: true } });
    ws.send(JSON.stringify({ t: 'invoke', id: 8, channel: 'workspace.rename', input: { id: '../x', name: 'y' } }));
    expect(await nextAnswer(ws)).toMatchObject({ id: 8, result: { ok: false, error: { code: 'VALIDATION' } } });
    ws.send(JSON.stringify({ t: 'invoke', id: 9, channel: 'x'.repeat(1000), input: {} }));
    expect(await nextAnswer(ws)).toMatchObject({ id: 9, result: { ok: false, error: { code: 'VALIDATION' } } });
    ws.send(Buffer.from([1, 2, 3]));
    expect(await nextAnswer(ws)).toMatchObject({ t: 'error' });
    ws.close();
    await host.close();
  });
});
