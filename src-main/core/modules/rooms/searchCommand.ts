/** `qwanyx search --workspace W "query"`: matches shown between [brackets]. */
import type { SearchResult } from '../../../common/contract';
import { callCore as call, expectArgs } from '../../cli/callCore';
import { limitFlag, resolveWorkspace } from '../../cli/resolveTargets';
import type { CliContext } from '../../cli/CliContext';

export async function searchCommand(ctx: CliContext, args: string[]): Promise<void> {
  const { core, flags, out } = ctx;
  ctx.allowFlags(['workspace', 'limit', 'json']);
  expectArgs(args, 1, 'search --workspace W "query" [--limit N] [--json]');
  const workspaceId = await resolveWorkspace(core, flags.workspace);
  const result = await call<SearchResult>(core, 'search', { workspaceId, query: args[0], limit: limitFlag(flags.limit, 20, 100) });
  if (flags.json) {
    out(JSON.stringify(result.hits));
    return;
  }
  if (result.hits.length === 0) out('No messages found.');
  for (const hit of result.hits) {
    const at = new Date(hit.message.createdAt).toISOString().slice(0, 10);
    const snippet = hit.snippet.map((s) => (s.match ? `[${s.text}]` : s.text)).join('').replace(/\s*\n\s*/g, ' ');
    out(`#${hit.roomName}  ${at}  ${hit.message.authorName}: ${snippet}  (${hit.message.id})`);
  }
}
