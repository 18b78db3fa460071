import { describe, expect, it } from 'vitest';
import { channels, events } from '../common/contract';
import { defineModule } from './FeatureModule';
import { featureModules } from './modules/featureModules';
import { workspaceSchema } from './modules/workspaceSchema';
import { moduleHandlers } from './moduleHandlers';

describe('feature modules', () => {
  it('declare every channel and every event of the contract exactly once', () => {
    const declared = featureModules.flatMap((m) => Object.keys(m.channels));
    expect(declared.sort()).toEqual(Object.keys(channels).sort());
    const sent = featureModules.flatMap((m) => Object.keys(m.events));
    expect(sent.sort()).toEqual(Object.keys(events).sort());
    expect(new Set(featureModules.map((m) => m.name)).size).toBe(featureModules.length);
  });

  it('compose one schema: migrations numbered 1..n and every synced doc kind', () => {
    expect(workspaceSchema.migrations.map((m) => m.id)).toEqual(workspaceSchema.migrations.map((_m, i) => i + 1));
    for (const doc of ['meta', 'audit', 'room/r1', 'dh/d1']) expect(workspaceSchema.layout.isSynced(doc)).toBe(true);
    expect(workspaceSchema.layout.rootMapsOf('dh/d1')).toEqual(['tasks', 'memories', 'knowledge']);
    expect(workspaceSchema.layout.rootMapsOf('room/r1')).toEqual(['messages', 'reactions', 'pins', 'reads', 'claims', 'approvals', 'approvalDecisions', 'toolCalls']);
  });

  it('refuse a module whose handlers do not match its channels, and a channel nobody serves', () => {
    const only = { 'app.info': channels['app.info'] };
    const served = defineModule({ name: 'a', channels: only, events: {}, create: () => null, handlers: () => ({ 'app.info': () => ({}) as never }) });
    expect(() => moduleHandlers([served], (m) => m.handlers(null as never, null as never))).toThrow(/No module serves/);
    expect(() => moduleHandlers([served, { ...served, name: 'b' }], (m) => m.handlers(null as never, null as never))).toThrow(/declared by both a and b/);
    const missing = { ...served, handlers: () => ({}) };
    expect(() => moduleHandlers([missing], (m) => m.handlers(null as never, null as never))).toThrow(/declares app.info but has no handler/);
  });
});
