/**
 * `qwanyx knowledge import|list|search|delete`: the knowledge base of a
 * workspace, or of one digital human with `--dh`. `import` takes several
 * files; each is imported on its own, and a file that cannot be (too
 * large, unsupported, damaged) is reported without stopping the others.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KNOWLEDGE_FILE_MAX_BYTES, WORKSPACE_SCOPE, type KnowledgeDocument, type KnowledgeSnippet } from '../../../common/contract';
import { callCore as call, expectArgs } from '../../cli/callCore';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveDh } from '../dh/dhCommand';
import { resolveWorkspace } from '../../cli/resolveTargets';
import type { CliContext } from '../../cli/CliContext';

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

export async function knowledgeCommand(ctx: CliContext, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { core, flags, out } = ctx;
  switch (sub) {
    case 'import': {
      ctx.allowFlags(['workspace', 'dh', 'json']);
      if (rest.length === 0) throw new CliUsageError('usage: qwanyx knowledge import --workspace W [--dh D] FILE...');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const scope = flags.dh === undefined ? WORKSPACE_SCOPE : (await resolveDh(core, workspaceId, flags.dh)).id;
      const imported: KnowledgeDocument[] = [];
      const failed: string[] = [];
      for (const file of rest) {
        try {
          const stat = fs.statSync(file);
          if (!stat.isFile()) throw new Error('not a file');
          if (stat.size > KNOWLEDGE_FILE_MAX_BYTES) throw new Error('larger than 20 MB');
          const contentBase64 = fs.readFileSync(file).toString('base64');
          const doc = await call<KnowledgeDocument>(core, 'knowledge.import', { workspaceId, scope, fileName: path.basename(file), contentBase64 });
          imported.push(doc);
          if (!flags.json) out(describeDocument(doc, false));
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          failed.push(`${file}: ${message}`);
          ctx.err(`qwanyx: ${file}: ${message}`);
        }
      }
      if (flags.json) out(JSON.stringify(imported));
      if (failed.length > 0) throw new CliCommandError('VALIDATION', `${imported.length} of ${rest.length} files imported`);
      return;
    }
    case 'list': {
      ctx.allowFlags(['workspace', 'dh', 'json']);
      expectArgs(rest, 0, 'knowledge list --workspace W [--dh D] [--json]');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const scope = flags.dh === undefined ? undefined : (await resolveDh(core, workspaceId, flags.dh)).id;
      const docs = await call<KnowledgeDocument[]>(core, 'knowledge.list', { workspaceId, ...(scope ? { scope } : {}) });
      if (flags.json) out(JSON.stringify(docs));
      else if (docs.length === 0) out('No documents.');
      else for (const d of docs) out(describeDocument(d, scope === undefined));
      return;
    }
    case 'search': {
      ctx.allowFlags(['workspace', 'dh', 'query', 'k', 'json']);
      const query = typeof flags.query === 'string' ? flags.query : rest.join(' ');
      if (query.trim().length === 0) throw new CliUsageError('usage: qwanyx knowledge search --workspace W [--dh D] --query Q [--k N] [--json]');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const dhId = flags.dh === undefined ? undefined : (await resolveDh(core, workspaceId, flags.dh)).id;
      const { items } = await call<{ items: KnowledgeSnippet[] }>(core, 'knowledge.search', { workspaceId, query, k: kFlag(flags.k), ...(dhId ? { dhId } : {}) });
      if (flags.json) out(JSON.stringify(items));
      else if (items.length === 0) out('Nothing found.');
      else {
        for (const item of items) {
          out(item.source);
          out(`    ${excerpt(item.text, 240)}`);
        }
      }
      return;
    }
    case 'delete': {
      ctx.allowFlags(['workspace', 'json']);
      expectArgs(rest, 1, 'knowledge delete --workspace W <document id>');
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      const result = await call<{ id: string }>(core, 'knowledge.delete', { workspaceId, documentId: rest[0] });
      out(flags.json ? JSON.stringify(result) : `Deleted ${result.id}`);
      return;
    }
    default:
      throw new CliUsageError('usage: qwanyx knowledge import|list|search|delete (see qwanyx --help)');
  }
}
