/**
 * `qwanyx knowledge import|list|search|delete`: the knowledge base of a
 * workspace, or of one digital human with `--dh`. `import` takes several
 * files; each is imported on its own, and a file that cannot be (too
 * large, unsupported, damaged) is reported without stopping the others.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KNOWLEDGE_FILE_MAX_BYTES, WORKSPACE_SCOPE, type KnowledgeDocument } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveDh, resolveWorkspace } from '../../cli/resolveTargets';

const SEARCH_USAGE = 'knowledge search --workspace W [--dh D] --query Q [--k N] [--json]';

function kFlag(flag: string | boolean | undefined): number {
  if (flag === undefined) return 5;
  const n = typeof flag === 'string' && /^\d{1,2}$/.test(flag) ? Number(flag) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new CliUsageError('--k takes a number from 1 to 50');
  return n;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One line for a document: `<id>  Title  file.pdf  1.2 MB  14 passages  Ada  2025-03-01`. */
function describeDocument(d: KnowledgeDocument, showScope: boolean): string {
  const parts = [d.id, d.title, d.fileName, size(d.size), `${d.chunkCount} passage${d.chunkCount === 1 ? '' : 's'}`, d.importedByName ?? d.importedBy, new Date(d.importedAt).toISOString().slice(0, 10)];
  if (showScope) parts.push(d.scope === WORKSPACE_SCOPE ? 'workspace' : `dh ${d.scope}`);
  return parts.join('  ');
}

/** The text of a snippet on one line, at most `max` characters. */
function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The knowledge base of a workspace, or of one of its digital humans. */
export const knowledgeCommand: CliCommand = {
  name: 'knowledge',
  subcommands: {
    import: {
      usage: 'knowledge import --workspace W [--dh D] FILE... [--json]',
      notes: ['(.md, .txt, .html or .pdf, at most 20 MB each)'],
      flags: { workspace: 'string', dh: 'string', json: 'boolean' },
      positionals: { min: 1 },
      async run(ctx, files) {
        const { core, flags, out } = ctx;
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const scope = flags.dh === undefined ? WORKSPACE_SCOPE : (await resolveDh(core, workspaceId, flags.dh)).id;
        const imported: KnowledgeDocument[] = [];
        const failed: string[] = [];
        for (const file of files) {
          try {
            const stat = fs.statSync(file);
            if (!stat.isFile()) throw new Error('not a file');
            if (stat.size > KNOWLEDGE_FILE_MAX_BYTES) throw new Error('larger than 20 MB');
            const contentBase64 = fs.readFileSync(file).toString('base64');
            const doc = await callCore(core, 'knowledge.import', { workspaceId, scope, fileName: path.basename(file), contentBase64 });
            imported.push(doc);
            if (!flags.json) out(describeDocument(doc, false));
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            failed.push(`${file}: ${message}`);
            ctx.err(`qwanyx: ${file}: ${message}`);
          }
        }
        if (flags.json) out(JSON.stringify(imported));
        if (failed.length > 0) throw new CliCommandError('VALIDATION', `${imported.length} of ${files.length} files imported`);
      },
    },
    list: {
      usage: 'knowledge list --workspace W [--dh D] [--json]',
      flags: { workspace: 'string', dh: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const scope = flags.dh === undefined ? undefined : (await resolveDh(core, workspaceId, flags.dh)).id;
        const docs = await callCore(core, 'knowledge.list', { workspaceId, ...(scope ? { scope } : {}) });
        if (flags.json) out(JSON.stringify(docs));
        else if (docs.length === 0) out('No documents.');
        else for (const d of docs) out(describeDocument(d, scope === undefined));
      },
    },
    search: {
      usage: SEARCH_USAGE,
      notes: ["(--dh: the workspace's documents and that DH's own)"],
      flags: { workspace: 'string', dh: 'string', query: 'string', k: 'string', json: 'boolean' },
      // The query may also come as words after the flags.
      positionals: { min: 0 },
      async run({ core, flags, out }, words) {
        const query = typeof flags.query === 'string' ? flags.query : words.join(' ');
        if (query.trim().length === 0) throw new CliUsageError(`usage: qwanyx ${SEARCH_USAGE}`);
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const dhId = flags.dh === undefined ? undefined : (await resolveDh(core, workspaceId, flags.dh)).id;
        const { items } = await callCore(core, 'knowledge.search', { workspaceId, query, k: kFlag(flags.k), ...(dhId ? { dhId } : {}) });
        if (flags.json) out(JSON.stringify(items));
        else if (items.length === 0) out('Nothing found.');
        else {
          for (const item of items) {
            out(item.source);
            out(`    ${excerpt(item.text, 240)}`);
          }
        }
      },
    },
    delete: {
      usage: 'knowledge delete --workspace W <document id>',
      flags: { workspace: 'string', json: 'boolean' },
      positionals: 1,
      async run({ core, flags, out }, [documentId]) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const result = await callCore(core, 'knowledge.delete', { workspaceId, documentId: documentId! });
        out(flags.json ? JSON.stringify(result) : `Deleted ${result.id}`);
      },
    },
  },
};
