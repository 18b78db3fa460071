/**
 * Workspace export and import: a whole workspace in one zip (every doc, each
 * room as a Markdown transcript, no secrets) and back as a new workspace
 * (domain/export/WorkspaceArchiveService.ts). The CLI's `workspace export`
 * and `workspace import` are listed under `workspace` (workspaceCommand).
 */
import os from 'node:os';
import path from 'node:path';
import { exportChannels, exportEvents } from '../../../common/contract';
import { WorkspaceArchiveService } from '../../../domain/export/WorkspaceArchiveService';
import { defineModule } from '../../FeatureModule';
import { filesModule } from '../files/filesModule';

export const exportModule = defineModule({
  name: 'export',
  channels: exportChannels,
  events: exportEvents,
  create: (ctx) => {
    const schema = ctx.workspaces.schema;
    const { files } = ctx.use(filesModule);
    return new WorkspaceArchiveService({
      workspaces: ctx.workspaces,
      downloadsDir: path.join(os.homedir(), 'Downloads'),
      dataDir: ctx.config.dataDir,
      schemaVersion: schema.migrations.reduce((max, m) => Math.max(max, m.id), 0),
      knowsDoc: (docName) => schema.layout.kindOf(docName) !== null,
      blobs: (workspaceId) => files.blobs(workspaceId),
      now: ctx.now,
      log: ctx.log,
    });
  },
  handlers: (archives, ctx) => ({
    'workspace.export': (i) => archives.export(i.id, i.out, (progress) => ctx.bus.emit('workspace.exportProgress', { id: i.id, ...progress })),
    'workspace.import': (i) => archives.import(i.file),
  }),
});
