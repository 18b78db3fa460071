import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupUsage } from '../../common/contract';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import { createCore, type Core } from '../../core/createCore';
import { MemorySecretStore } from '../../secrets/MemorySecretStore';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function start(): Promise<{ core: Core; dataDir: string; call: <T>(channel: string, input: unknown) => Promise<T> }> {
  const dataDir = makeTempDir();
  const core = await createCore({ dataDir, secretStore: new MemorySecretStore(), shell: 'cli', log: () => undefined });
  cores.push(core);
  const call = async <T,>(channel: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  return { core, dataDir, call };
}

describe('backup.usage', () => {
  it('gives the snapshots folder and the space used in all and per workspace, largest first', async () => {
    const { call, dataDir } = await start();
    expect(await call<BackupUsage>('backup.usage', {})).toEqual({ folder: path.join(dataDir, 'backups'), totalBytes: 0, workspaces: [] });

    const acme = await call<{ id: string }>('workspace.create', { name: 'Acme Corp' });
    const beta = await call<{ id: string }>('workspace.create', { name: 'Beta Ltd' });
    await call('backup.create', { workspaceId: acme.id });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await call('backup.create', { workspaceId: acme.id });
    await call('backup.create', { workspaceId: beta.id });
    // A snapshot being written takes space but is not a snapshot yet.
    fs.writeFileSync(path.join(dataDir, 'backups', beta.id, '20261205T173255123Z.db.partial'), Buffer.alloc(100));

    const usage = await call<BackupUsage>('backup.usage', {});
    const acmeSnapshots = await call<{ bytes: number }>('backup.list', { workspaceId: acme.id });
    const betaSnapshots = await call<{ bytes: number }>('backup.list', { workspaceId: beta.id });
    expect(usage.workspaces).toEqual([
      { workspaceId: acme.id, name: 'Acme Corp', snapshots: 2, bytes: acmeSnapshots.bytes },
      { workspaceId: beta.id, name: 'Beta Ltd', snapshots: 1, bytes: betaSnapshots.bytes + 100 },
    ]);
    expect(usage.totalBytes).toBe(acmeSnapshots.bytes + betaSnapshots.bytes + 100);
    expect((await call<{ totalBytes: number }>('backup.settings.get', {})).totalBytes).toBe(usage.totalBytes);
  });

  it('names no workspace for a folder the device no longer lists, and skips folders that are not a workspace id', async () => {
    const { call, dataDir } = await start();
    const orphan = 'a'.repeat(8) + '-0000-4000-8000-' + '0'.repeat(12);
    fs.mkdirSync(path.join(dataDir, 'backups', orphan), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'backups', orphan, '20261205T173255123Z.db'), Buffer.alloc(4096));
    fs.mkdirSync(path.join(dataDir, 'backups', '..not a workspace'), { recursive: true });
    const usage = await call<BackupUsage>('backup.usage', {});
    expect(usage.workspaces).toEqual([{ workspaceId: orphan, name: null, snapshots: 1, bytes: 4096 }]);
  });

  it('refuses any input field', async () => {
    const { core } = await start();
    const result = await core.dispatch('backup.usage', { workspaceId: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('VALIDATION');
  });
});
