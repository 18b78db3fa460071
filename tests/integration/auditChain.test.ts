/**
 * Tamper evidence of the audit trail, on real files and the real OS
 * keychain: entries are signed in a hash chain per device, the private key
 * is in the keychain (never in the workspace file), a restarted core goes on
 * with the same chain, entries written before signing load as unsigned, and
 * an entry changed or removed by hand in the SQLite file makes
 * `qwanyx audit verify` exit 1 naming it.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditVerification, Workspace } from '../../src-main/common/contract';
import { createCore, type Core } from '../../src-main/core/createCore';
import { AUDIT_KEY_SECRET } from '../../src-main/domain/audit/AuditDeviceKeys';
import type { AuditInput } from '../../src-main/domain/audit/AuditService';
import { KeyringSecretStore } from '../../src-main/secrets/KeyringSecretStore';
import { workspaceDbPath } from '../../src-main/storage/workspacePaths';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';
import { updateOf } from '../fixtures/updateOf';

const store = new KeyringSecretStore();
const made: string[] = [];

beforeAll(async () => {
  const status = await store.status();
  if (!status.available) throw new Error(`These tests need the OS keychain (run them under scripts/withTestKeyring.ts): ${status.reason}`);
});

afterAll(async () => {
  for (const ns of made) await store.deleteNamespace(ns);
});

async function openCore(dataDir: string): Promise<Core> {
  return createCore({ dataDir, secretStore: store, shell: 'cli', log: () => undefined });
}

function input(n: number): AuditInput {
  return { actorKind: 'dh', actorId: 'dh_1', onBehalfOf: null, action: 'tool.task_create', resource: 'room/r1', outcome: 'allowed', detail: `task ${n}` };
}

async function workspaceWithEntries(n: number): Promise<{ dataDir: string; ws: string; core: Core }> {
  const dataDir = makeTempDir();
  const core = await openCore(dataDir);
  const ws = ((await core.dispatch('workspace.create', { name: 'Acme Corp' })) as { ok: true; value: Workspace }).value.id;
  made.push(ws);
  for (let i = 0; i < n; i++) core.audit.record(ws, input(i));
  return { dataDir, ws, core };
}

/** Appends `update` to the workspace file's log of the audit doc, as a person editing the file would. */
function appendToFile(core: Core, ws: string, update: Uint8Array): void {
  core.workspaces.handle(ws).storage.db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)').run('audit', Buffer.from(update));
}

async function verifyCli(dataDir: string, ws: string): Promise<{ code: number; report: AuditVerification; err: string[] }> {
  const run = await runCliInProcess(dataDir, ['audit', 'verify', '--workspace', ws, '--json'], { secretStore: store });
  return { code: run.code, report: JSON.parse(run.out.join('\n')) as AuditVerification, err: run.err };
}

describe('audit chain', () => {
  it('signs each entry in a chain per device with a key kept only in the keychain; a restart continues the chain', async () => {
    const { dataDir, ws, core } = await workspaceWithEntries(3);
    await core.audit.flush();
    const secret = await store.get(ws, AUDIT_KEY_SECRET);
    expect(secret).not.toBeNull();
    const { device, secret: privateKey } = JSON.parse(secret!) as { device: string; secret: string };
    const doc = core.workspaces.handle(ws).docs.doc('audit');
    const entries = Object.values(doc.getMap('entries').toJSON()) as { seq: number; device: string; prev: string; by: string }[];
    expect(entries.map((e) => e.seq).sort()).toEqual([1, 2, 3]);
    expect(new Set(entries.map((e) => e.device))).toEqual(new Set([device]));
    expect(entries.find((e) => e.seq === 1)!.prev).toBe('');
    expect(doc.getMap('devices').get(device)).toMatchObject({ user: entries[0]!.by });
    expect(core.audit.verify(ws)).toMatchObject({ intact: true, signedEntries: 3, unsignedEntries: 0, devices: 1, firstBroken: null });
    await core.close();
    // The private key is nowhere in the workspace's files.
    for (const file of [workspaceDbPath(dataDir, ws), `${workspaceDbPath(dataDir, ws)}-wal`].filter((f) => fs.existsSync(f))) {
      expect(fs.readFileSync(file).includes(Buffer.from(privateKey))).toBe(false);
    }

    const again = await openCore(dataDir);
    await again.audit.keyLoaded(ws);
    again.audit.record(ws, input(3));
    expect(again.audit.verify(ws)).toMatchObject({ intact: true, signedEntries: 4, devices: 1 });
    await again.close();
    const cli = await runCliInProcess(dataDir, ['audit', 'verify', '--workspace', ws], { secretStore: store });
    expect(cli.code).toBe(0);
    expect(cli.out.join('\n')).toContain('Audit trail intact: 4 signed entries from 1 device.');
  });

  it('two processes on one data dir take turns in the same chain without forking it', async () => {
    const { dataDir, ws, core } = await workspaceWithEntries(1);
    await core.audit.flush();
    const other = await openCore(dataDir);
    await other.dispatch('audit.list', { workspaceId: ws });
    await other.audit.keyLoaded(ws);
    for (let i = 0; i < 3; i++) {
      core.audit.record(ws, input(10 + i));
      other.audit.record(ws, input(20 + i));
    }
    await other.close();
    const verified = core.audit.verify(ws);
    await core.close();
    expect(verified).toMatchObject({ intact: true, signedEntries: 7, devices: 1 });
  });

  it('loads entries written before signing and reports them as legacy, unsigned, not broken', async () => {
    const { dataDir, ws, core } = await workspaceWithEntries(2);
    core.workspaces.handle(ws).docs.transact('audit', { source: 'system', actor: 'test' } as never, (doc) => {
      doc.getMap('entries').set('legacy1', { id: 'legacy1', at: 1, actorKind: 'dh', actorId: 'dh_1', onBehalfOf: null, action: 'agent.reply', resource: 'room/r1', outcome: 'allowed', detail: '' });
    });
    const listed = (await core.dispatch('audit.list', { workspaceId: ws })) as { ok: true; value: { id: string }[] };
    expect(listed.value.map((e) => e.id)).toContain('legacy1');
    await core.close();
    const { code, report } = await verifyCli(dataDir, ws);
    expect(code).toBe(0);
    expect(report).toMatchObject({ intact: true, signedEntries: 2, unsignedEntries: 1 });
    const text = await runCliInProcess(dataDir, ['audit', 'verify', '--workspace', ws], { secretStore: store });
    expect(text.out.join('\n')).toContain('1 legacy, unsigned entry');
    // The listing still works beside verify; a word it does not know, or --limit with verify, is a usage error.
    expect((await runCliInProcess(dataDir, ['audit', '--workspace', ws, '--json'], { secretStore: store })).code).toBe(0);
    expect((await runCliInProcess(dataDir, ['audit', 'check', '--workspace', ws], { secretStore: store })).code).toBe(2);
    expect((await runCliInProcess(dataDir, ['audit', 'verify', '--workspace', ws, '--limit', '5'], { secretStore: store })).code).toBe(2);
  });

  it('an entry changed by hand in the SQLite file makes verify exit 1 naming it (bad signature)', async () => {
    const { dataDir, ws, core } = await workspaceWithEntries(4);
    const doc = core.workspaces.handle(ws).docs.doc('audit');
    const [id, value] = [...doc.getMap('entries').entries()].find(([, v]) => (v as { seq: number }).seq === 2)! as [string, Record<string, unknown>];
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    appendToFile(core, ws, updateOf(copy, () => copy.getMap('entries').set(id, { ...value, detail: 'nothing happened here' })));
    await core.close();
    const { code, report, err } = await verifyCli(dataDir, ws);
    expect(code).toBe(1);
    expect(report.intact).toBe(false);
    expect(report.firstBroken).toMatchObject({ reason: 'bad_signature', entryId: id, seq: 2, deviceId: value.device });
    expect(err.join('\n')).toContain(id);
  });

  it('an entry removed by hand, or signed by a device whose key was never published, is named', async () => {
    const { dataDir, ws, core } = await workspaceWithEntries(3);
    const doc = core.workspaces.handle(ws).docs.doc('audit');
    const bySeq = new Map([...doc.getMap('entries').entries()].map(([k, v]) => [(v as { seq: number }).seq, [k, v as Record<string, unknown>] as const]));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    appendToFile(core, ws, updateOf(copy, () => copy.getMap('entries').delete(bySeq.get(2)![0])));
    await core.close();
    const removed = await verifyCli(dataDir, ws);
    expect(removed.code).toBe(1);
    expect(removed.report.firstBroken).toMatchObject({ reason: 'missing_entry', seq: 2, entryId: null, deviceId: bySeq.get(1)![1].device });

    const other = await workspaceWithEntries(2);
    const doc2 = other.core.workspaces.handle(other.ws).docs.doc('audit');
    const first = [...doc2.getMap('entries').values()][0] as Record<string, unknown>;
    const copy2 = new Y.Doc();
    Y.applyUpdate(copy2, Y.encodeStateAsUpdate(doc2));
    // A stranger's device: its key was never published.
    appendToFile(other.core, other.ws, updateOf(copy2, () => copy2.getMap('entries').set('forged1', { ...first, id: 'forged1', device: 'stranger_device', seq: 1, prev: '' })));
    await other.core.close();
    const unknown = await verifyCli(other.dataDir, other.ws);
    expect(unknown.code).toBe(1);
    expect(unknown.report.firstBroken).toMatchObject({ reason: 'unknown_key', entryId: 'forged1', deviceId: 'stranger_device' });
  });
});
