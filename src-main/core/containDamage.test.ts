import { describe, expect, it } from 'vitest';
import { makeCore } from '../../tests/fixtures/makeCore';
import { WorkspaceDamagedError } from '../common/AppError';
import type { Workspace } from '../common/contract';
import { containDamage } from './containDamage';
import type { Handlers } from './dispatchChannel';

function corrupt(): Error {
  return Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
}

describe('containDamage', () => {
  it('turns a corruption error of a workspace into WORKSPACE_DAMAGED, closes that workspace only and says so', async () => {
    const { core, call } = await makeCore();
    const acme = await call<Workspace>('workspace.create', { name: 'Acme Corp' });
    const beta = await call<Workspace>('workspace.create', { name: 'Beta Ltd' });
    const damaged: unknown[] = [];
    core.onEvent((event, payload) => {
      if (event === 'workspace.damaged') damaged.push(payload);
    });
    const handlers = containDamage(
      {
        'workspace.rename': () => Promise.reject(corrupt()),
        'message.list': () => Promise.reject(new Error('SQLITE_BUSY: database is locked')),
      } as unknown as Handlers,
      core.workspaces,
    );
    const rename = handlers['workspace.rename'] as (input: unknown) => Promise<unknown>;
    const error = await rename({ id: acme.id, name: 'x' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WorkspaceDamagedError);
    expect((error as WorkspaceDamagedError).message).toMatch(/^Workspace “Acme Corp” is damaged and was closed: database disk image is malformed\. .+qwanyx backup restore --workspace /);
    expect(damaged).toEqual([{ workspaceId: acme.id, message: (error as Error).message }]);
    expect(core.workspaces.openHandle(acme.id)).toBeNull();
    expect(() => core.workspaces.handle(acme.id)).toThrow(WorkspaceDamagedError);
    // Other errors pass through; other workspaces keep working.
    const list = handlers['message.list'] as (input: unknown) => Promise<unknown>;
    await expect(list({ workspaceId: beta.id })).rejects.toThrow('SQLITE_BUSY');
    expect((await call<Workspace>('workspace.rename', { id: beta.id, name: 'Beta Industries' })).name).toBe('Beta Industries');
    const refused = await core.dispatch('workspace.rename', { id: acme.id, name: 'Acme Industries' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'WORKSPACE_DAMAGED' } });
  });
});
