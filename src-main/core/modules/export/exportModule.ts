/**
 * Workspace export and import: a whole workspace in one zip (every doc, each
 * room as a Markdown transcript, no secrets) and back as a new workspace
 * (domain/export/WorkspaceArchiveService.ts). The CLI's `workspace export`
 * and `workspace import` are listed under `workspace` (workspaceCommand).
 * A window imports without naming a path: the desktop app's main process
 * picks the file in its own dialog (`config.pickImportFile`), the browser
 * host uploads its bytes (domain/export/ImportUploadService.ts).
 */
import os from 'node:os';
import path from 'node:path';
import { ForbiddenError, ValidationError } from '../../../common/AppError';
import { exportChannels, exportEvents, IMPORT_CHUNK_BYTES, MAX_IMPORT_BYTES } from '../../../common/contract';
import { ImportUploadService } from '../../../domain/export/ImportUploadService';
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
    const archives = new WorkspaceArchiveService({
      workspaces: ctx.workspaces,
      downloadsDir: path.join(os.homedir(), 'Downloads'),
      dataDir: ctx.config.dataDir,
      schemaVersion: schema.migrations.reduce((max, m) => Math.max(max, m.id), 0),
      knowsDoc: (docName) => schema.layout.kindOf(docName) !== null,
      blobs: (workspaceId) => files.blobs(workspaceId),
      now: ctx.now,
      log: ctx.log,
    });
    const uploads = new ImportUploadService({
      dataDir: ctx.config.dataDir,
      importFile: (file) => archives.import(file),
      now: ctx.now,
      chunkBytes: IMPORT_CHUNK_BYTES,
      maxBytes: MAX_IMPORT_BYTES,
    });
    return { archives, uploads };
  },
  close: ({ uploads }) => uploads.close(),
  handlers: ({ archives, uploads }, ctx) => ({
    'workspace.export': (i) => archives.export(i.id, i.out, (progress) => ctx.bus.emit('workspace.exportProgress', { id: i.id, ...progress })),
    'workspace.import': (i) => {
      // A path a window names is never read: windows use the dialog or the upload below.
      if (ctx.config.shell !== 'cli') throw new ForbiddenError('A window cannot name a file to import: use Import a workspace…, which opens a file dialog or uploads the file.');
      return archives.import(i.file);
    },
    'workspace.importPick': async () => {
      const pick = ctx.config.pickImportFile;
      if (!pick) throw new ValidationError('This window has no file dialog: upload the file instead.');
      const file = await pick();
      return file === null ? null : archives.import(file);
    },
    'workspace.importUploadBegin': (i) => uploads.begin(i.name, i.size),
    'workspace.importUploadChunk': (i) => uploads.chunk(i.uploadId, i.offset, i.data),
    'workspace.importUploadFinish': (i) => uploads.finish(i.uploadId),
    'workspace.importUploadCancel': (i) => uploads.cancel(i.uploadId),
  }),
});
