/** `qwanyx search --workspace W "query"`: matches shown between [brackets]. */
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { limitFlag, resolveWorkspace } from '../../cli/resolveTargets';

/** Searches the messages of a workspace. */
export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'search --workspace W "query" [--limit N] [--json]',
  notes: ['(from:, in:#room, has:mention, before:, after:)'],
  flags: { workspace: 'string', limit: 'string', json: 'boolean' },
  positionals: 1,
  async run({ core, flags, out }, [query]) {
    const workspaceId = await resolveWorkspace(core, flags.workspace);
    const result = await callCore(core, 'search', { workspaceId, query: query!, limit: limitFlag(flags.limit, 20, 100) });
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
  },
};
