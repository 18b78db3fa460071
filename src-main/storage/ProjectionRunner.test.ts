import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/fixtures/tempDir';
import { openWorkspaceHandle } from '../domain/WorkspaceHandle';
import { txOrigin } from '../sync/TxOrigin';
import { metaSettingsProjection, readMetaSettings } from './metaSettingsProjection';
import { ProjectionRunner } from './ProjectionRunner';
import { workspaceSchema } from '../core/modules/workspaceSchema';

const WS = 'wsproj0001';

describe('projections', () => {
  it('follow every stored change of their doc and record its clock', () => {
    const handle = openWorkspaceHandle(makeTempDir(), WS, { schema: workspaceSchema, create: true, compactEvery: 0 });
    handle.docs.transact('meta', txOrigin('local'), (doc) => doc.getMap('settings').set('name', 'Acme'));
    expect(readMetaSettings(handle.storage.db)).toEqual({ name: 'Acme' });
    expect(handle.projections.state('meta_settings')).toEqual({ version: 1, clock: handle.docs.clock('meta') });
    handle.close();
  });

  it('are rebuilt from the docs when missing, behind the doc clock, or built by an older indexer', () => {
    const dataDir = makeTempDir();
    const first = openWorkspaceHandle(dataDir, WS, { schema: workspaceSchema, create: true, compactEvery: 0 });
    first.docs.transact('meta', txOrigin('local'), (doc) => {
      doc.getMap('settings').set('name', 'Acme');
      doc.getMap('settings').set('color', '#112233');
    });
    // Damage the projection: it is never the truth, so it must come back.
    first.storage.db.prepare('DELETE FROM meta_settings').run();
    first.storage.db.prepare('UPDATE projection_state SET clock = clock - 1').run();
    first.close();

    const second = openWorkspaceHandle(dataDir, WS, { schema: workspaceSchema, create: false, compactEvery: 0 });
    expect(readMetaSettings(second.storage.db)).toEqual({ name: 'Acme', color: '#112233' });
    expect(second.projections.ensureFresh()).toEqual([]);

    const newer = new ProjectionRunner(second.storage.db, second.docs, [{ ...metaSettingsProjection, version: 2 }]);
    expect(newer.ensureFresh()).toEqual(['meta_settings']);
    expect(newer.state('meta_settings')?.version).toBe(2);
    second.close();
  });
});
