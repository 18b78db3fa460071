import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../tests/fixtures/makeCore';
import { channels, type Workspace } from '../common/contract';

/** Everything a user could notice: workspaces, profile, settings and the files on disk. */
async function snapshot(t: TestCore): Promise<string> {
  const state = {
    workspaces: await t.call('workspace.list', { includeArchived: true }),
    profile: await t.call('profile.get'),
    settings: await t.call('settings.get'),
    dirs: fs.readdirSync(`${t.dataDir}/workspaces`).sort(),
  };
  return JSON.stringify(state);
}

function malformedInputs(existingId: string): unknown[] {
  return [
    null,
    42,
    'workspace',
    [],
    [{ id: existingId }],
    { unexpected: true },
    { id: existingId, name: 'x'.repeat(500), extra: 1 },
    { id: '../../etc', name: 'x', confirmName: 'x', archived: true },
    { id: existingId, name: '', confirmName: 5, archived: 'yes', color: 'red', icon: 'x'.repeat(50) },
    { name: '\u0000', kind: 'planet', displayName: '', email: 'not-an-email', language: 'klingon', theme: 'neon' },
    { includeArchived: 'yes' },
  ];
}

describe('IPC dispatch', () => {
  it('rejects malformed input on every channel with a validation error and changes nothing', async () => {
    const t = await makeCore();
    const acme = await t.call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' });
    const before = await snapshot(t);
    for (const channel of Object.keys(channels)) {
      let rejected = 0;
      for (const input of malformedInputs(acme.id)) {
        const result = await t.core.dispatch(channel, input);
        if (!result.ok) {
          expect(result.error.code, `${channel} ${JSON.stringify(input)}`).toBe('VALIDATION');
          expect(result.error.message).toContain(channel);
          rejected += 1;
        }
      }
      expect(rejected, `${channel} accepted malformed input`).toBe(malformedInputs(acme.id).length);
      expect(await snapshot(t), `${channel} changed state on bad input`).toBe(before);
    }
  });

  it('refuses unknown channels, including prototype names', async () => {
    const { core } = await makeCore();
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await core.dispatch(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('reports a missing workspace as NOT_FOUND', async () => {
    const { core } = await makeCore();
    const result = await core.dispatch('workspace.rename', { id: 'abcdefgh12345678', name: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
