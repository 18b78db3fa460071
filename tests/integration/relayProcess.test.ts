/**
 * The relay as a process: updates it acknowledged survive SIGKILL, SIGTERM
 * closes clients with 1012 after flushing, a bad setting stops start-up with
 * one line on stderr, and the admin `token` command bootstraps access.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_ACK, MESSAGE_SYNC, RelayCloseCode } from '../../src-main/common/relayWire';
import { writeStep1Frame, writeStep2Frame, writeUpdateFrame } from '../../src-main/common/syncFrames';
import { connectRaw, waitUntil, type RawClient } from '../fixtures/relayHarness';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { seededRandom } from '../fixtures/seededRandom';
import { makeTempDir } from '../fixtures/tempDir';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WS = 'process-ws-0001';
const SEED = Number(process.env.QWANYX_RELAY_SEED ?? 20_251_122);

function lastAck(client: RawClient): number {
  let n = 0;
  for (const frame of client.frames) {
    if (frame[0] !== MESSAGE_ACK) continue;
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    n = decoding.readVarUint(decoder);
  }
  return n;
}

/** Reads the whole doc from a relay by sending an empty step 1 and applying the step 2 answer. */
async function readDoc(relay: { wsUrl: string }, token: string, docName: string): Promise<Y.Doc> {
  const client = connectRaw(relay, WS, docName, token);
  await client.opened;
  client.send(writeStep1Frame(new Uint8Array([0])));
  await waitUntil(() => client.frames.some((f) => f[0] === MESSAGE_SYNC && f[1] === 1), 5000, 'step 2');
  const doc = new Y.Doc();
  for (const frame of client.frames) {
    if (frame[0] !== MESSAGE_SYNC || frame[1] !== 1) continue;
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  client.close();
  return doc;
}

function wsOf(relay: RelayProcess): { wsUrl: string } {
  return { wsUrl: relay.url.replace(/^http/, 'ws') };
}

describe('relay process', () => {
  it('keeps every acknowledged update across SIGKILL, with nothing doubled', async () => {
    const dataDir = makeTempDir('qwanyx-relay-kill-');
    const rng = seededRandom(SEED);
    const writer = new Y.Doc();
    const log = writer.getArray<number>('log');
    let marker = 0;
    let acknowledged = 0;
    // Each round's relay is the one restarted after the previous round's SIGKILL, once it has shown what it kept.
    let relay = await startRelayProcess({ dataDir });
    for (let round = 0; round < 3; round++) {
      try {
        const token = await relay.mintToken({ workspaceId: WS, email: 'writer@example.com', role: 'member' });
        const client = connectRaw(wsOf(relay), WS, 'room/kill', token);
        await client.opened;
        // Resend the writer's whole state first (as a reconnecting client does), then new markers in bursts.
        client.send(writeStep2Frame(Y.encodeStateAsUpdate(writer)));
        const sent: number[] = [];
        const killAt = rng.int(50, 250);
        for (let burst = 0; burst < 30 && lastAck(client) < killAt; burst++) {
          for (let i = 0; i < 10; i++) {
            const before = Y.encodeStateVector(writer);
            log.push([marker++]);
            client.send(writeUpdateFrame(Y.encodeStateAsUpdate(writer, before)));
            sent.push(marker - 1);
          }
          await new Promise((resolve) => setTimeout(resolve, rng.int(0, 3)));
        }
        await waitUntil(() => lastAck(client) >= Math.min(killAt, sent.length + 1), 10_000, `ack ≥ ${killAt}`);
        // Everything up to the ack (the resend counts as one message) is durable: kill with the rest in flight.
        acknowledged = Math.max(acknowledged, sent[lastAck(client) - 2] ?? -1);
        await relay.kill('SIGKILL');
      } finally {
        await relay.kill('SIGKILL');
      }
      relay = await startRelayProcess({ dataDir });
      try {
        const token = await relay.mintToken({ workspaceId: WS, email: 'reader@example.com', role: 'guest' });
        const stored = (await readDoc(wsOf(relay), token, 'room/kill')).getArray<number>('log').toArray();
        const expected = Array.from({ length: acknowledged + 1 }, (_, i) => i);
        expect(stored.slice(0, acknowledged + 1), `seed ${SEED} round ${round}`).toEqual(expected);
        expect(new Set(stored).size, `seed ${SEED}: no doubles`).toBe(stored.length);
      } catch (error) {
        await relay.stop();
        throw error;
      }
    }
    await relay.stop();
  });

  it('on SIGTERM flushes, closes clients with 1012 and exits 0', async () => {
    const dataDir = makeTempDir('qwanyx-relay-term-');
    const relay = await startRelayProcess({ dataDir });
    const token = await relay.mintToken({ workspaceId: WS, email: 'a@example.com', role: 'member' });
    const client = connectRaw(wsOf(relay), WS, 'meta', token);
    await client.opened;
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'before the restart');
    client.send(writeUpdateFrame(Y.encodeStateAsUpdate(doc)));
    await waitUntil(() => lastAck(client) === 1, 5000, 'ack');
    relay.child.kill('SIGTERM');
    expect((await client.waitClosed()).code).toBe(RelayCloseCode.Restarting);
    // Wait for the exit rather than calling stop(): a second SIGTERM means "stop now" (exit 1).
    if (relay.child.exitCode === null) await new Promise((resolve) => relay.child.once('exit', resolve));
    expect(relay.child.exitCode).toBe(0);
    const again = await startRelayProcess({ dataDir });
    try {
      const read = await readDoc(wsOf(again), await again.mintToken({ workspaceId: WS, email: 'a@example.com', role: 'member' }), 'meta');
      expect(read.getText('t').toString()).toBe('before the restart');
    } finally {
      await again.stop();
    }
  });

  it('stops start-up on a bad setting with one line on stderr', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ RELAY_PORT: 'abc' }, 'RELAY_PORT'],
      [{ RELAY_PORT: '4455', RELAY_SECRET: 'too-short' }, 'RELAY_SECRET'],
      [{ RELAY_DEV: '1', RELAY_MAX_FRAME_BYTES: '0' }, 'RELAY_MAX_FRAME_BYTES'],
    ];
    await Promise.all(
      cases.map(async ([env, name]) => {
        const { code, stderr } = await run(['run', 'relay'], { RELAY_DATA_DIR: makeTempDir('qwanyx-relay-cfg-'), ...env });
        expect(code, stderr).not.toBe(0);
        // npm may add its own warnings (about the machine's npmrc); the relay's part is one line.
        const lines = stderr.split('\n').filter((line) => line !== '' && !line.startsWith('npm '));
        expect(lines, stderr).toHaveLength(1);
        expect(lines[0]).toContain(name);
      }),
    );
  });

  it('`relay token` prints a working token on its last line, registering workspace and member', async () => {
    const dataDir = makeTempDir('qwanyx-relay-tok-');
    const relay = await startRelayProcess({ dataDir });
    try {
      const { code, stdout, stderr } = await run(['run', '--silent', 'relay', '--', 'token', '--workspace', WS, '--user', 'op@example.com', '--role', 'admin'], {
        RELAY_DATA_DIR: dataDir,
        RELAY_DEV: '1',
        RELAY_SECRET: 'qwanyx-relay-test-secret-0123456789abcdef',
      });
      expect(code, stderr).toBe(0);
      const token = stdout.trimEnd().split('\n').at(-1)!;
      const client = connectRaw(wsOf(relay), WS, 'meta', token);
      await client.opened;
      await waitUntil(() => client.frames.length > 0, 5000, 'greeting');
      expect(client.closed).toBeNull();
      client.close();
    } finally {
      await relay.stop();
    }
  });
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RELAY_')));
    const child = spawn('npm', args, { cwd: REPO_ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
