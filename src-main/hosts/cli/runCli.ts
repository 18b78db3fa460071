/**
 * The `qwanyx` command line: parses arguments, builds a core on the data dir
 * and runs one command. Exit codes: 0 done, 1 refused by the core, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import type { Logger } from '../../common/Logger';
import { createCore, type Core, type CoreSyncConfig } from '../../core/createCore';
import { resolveDataDir } from '../../core/defaultDataDir';
import { KeyringSecretStore } from '../../secrets/KeyringSecretStore';
import type { SecretStore } from '../../secrets/SecretStore';
import { askCommand } from '../../core/modules/agents/askCommand';
import { auditCommand } from '../../core/modules/audit/auditCommand';
import type { CliContext, CliStdin, FlagValue } from '../../core/cli/CliContext';
import { CliCommandError, CliUsageError } from '../../core/cli/CliError';
import { dhCommand } from '../../core/modules/dh/dhCommand';
import { inviteCommand } from '../../core/modules/sync/inviteCommand';
import { knowledgeCommand } from '../../core/modules/knowledge/knowledgeCommand';
import { memoryCommand } from '../../core/modules/memory/memoryCommand';
import { messageCommand } from '../../core/modules/rooms/messageCommand';
import { providerCommand } from '../../core/modules/providers/providerCommand';
import { relayCommand } from '../../core/modules/sync/relayCommand';
import { roomCommand } from '../../core/modules/rooms/roomCommand';
import { searchCommand } from '../../core/modules/rooms/searchCommand';
import { syncCommand } from '../../core/modules/sync/syncCommand';
import { taskCommand } from '../../core/modules/tasks/taskCommand';
import { workspaceCommand } from '../../core/modules/workspaces/workspaceCommand';

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Defaults to no input (as from /dev/null). */
  stdin?: CliStdin;
  /** Defaults to the OS keychain. */
  secretStore?: SecretStore;
  /** Sync settings of the core (tests shorten the backoff). */
  sync?: CoreSyncConfig;
}

const GLOBAL_FLAGS = ['data-dir', 'help'];

const COMMANDS: Record<string, ((ctx: CliContext, args: string[]) => Promise<void>) | undefined> = {
  workspace: workspaceCommand,
  relay: relayCommand,
  invite: inviteCommand,
  sync: syncCommand,
  room: roomCommand,
  message: messageCommand,
  search: searchCommand,
  dh: dhCommand,
  memory: memoryCommand,
  knowledge: knowledgeCommand,
  ask: askCommand,
  audit: auditCommand,
  task: taskCommand,
  provider: providerCommand,
};

export const USAGE = `usage: qwanyx [--data-dir DIR] <command>

commands:
  workspace create <name> [--solo] [--json]
  workspace list [--all] [--json]
  workspace rename <id> <name>
  workspace delete <id> --confirm <name>
  workspace link <id> --relay <url> [--json]
  relay login <url> <email> [--code C] [--json]   (without --code: emails a code, reads it from stdin)
  relay list [--json]
  relay logout <url>
  invite create <workspace id> <email> --role <admin|member|guest> [--json]
  invite accept <token> --relay <url> [--json]
  sync status [--json] [--timeout S]               (connects, waits until settled, reports)
  room create --workspace W --name N [--private] [--topic T] [--json]
  room list --workspace W [--json]
  message post --workspace W --room R --text T [--thread ID] [--json]
  message list --workspace W --room R [--limit N] [--thread ID] [--json]
  search --workspace W "query" [--limit N] [--json]   (from:, in:#room, has:mention, before:, after:)
  dh create --workspace W --name N [--handle H] [--title T] [--persona P] [--model M] [--template T] [--json]
                                                   (templates: support-agent, sales-assistant, project-coordinator,
                                                    devops-assistant, adhd-planning-coach)
  dh list --workspace W [--all] [--json]
  dh archive|restore --workspace W --dh D [--json]
  dh delete --workspace W --dh D --confirm <name>   (its memories and tasks too)
  memory add --workspace W --dh D --text T [--at ISO-8601] [--tags a,b] [--source S] [--kind K] [--importance 0..1] [--json]
  memory import --workspace W --dh D --jsonl FILE [--json]
                                                   (one {text, at?, tags?, source?, kind?, importance?} per line)
  memory recall --workspace W --dh D --query Q [--k 10] [--json]
  memory recall --workspace W --dh D --queries FILE [--k 10]
                                                   (one {id, query} per line in; one {id, results} per line out)
  memory list --workspace W --dh D [--query Q] [--kind K] [--limit N] [--json]
  memory forget --workspace W --dh D <memory id>
  knowledge import --workspace W [--dh D] FILE... [--json]
                                                   (.md, .txt, .html or .pdf, at most 20 MB each)
  knowledge list --workspace W [--dh D] [--json]
  knowledge search --workspace W [--dh D] --query Q [--k N] [--json]
                                                   (--dh: the workspace's documents and that DH's own)
  knowledge delete --workspace W <document id>
  task create --workspace W --dh D --title T [--due ISO] [--assignee me|ID|@handle] [--json]
  task list --workspace W [--dh D] [--all] [--json]  (--all includes done tasks)
  task done <task id> --workspace W [--json]
  provider set --workspace W --model M [--base-url URL] [--preset P] [--embeddings-model E]
               [--embeddings-dimensions N] [--api-key-stdin | --clear-api-key] [--json]
                                                   (--api-key-stdin reads the key from the first stdin line)
  provider show --workspace W [--json]
  provider test --workspace W [--json]             (lists models, makes a 1-token chat)
  provider usage --workspace W [--days N] [--json]  (tokens per day, digital human and model)
  ask --workspace W --room R "@handle question" [--timeout S] [--json]
                                                   (runs the digital humans it calls on, prints their replies)
  audit --workspace W [--limit N] [--json]         (what digital humans did or were refused)

W is a workspace id or name; R a room id or #name; D a digital human's id or @handle.

The data dir is --data-dir, else $QWANYX_DATA_DIR, else the app's own.`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let core: Core | undefined;
  try {
    const { values, positionals } = parse(argv);
    if (values.help || positionals.length === 0) {
      io.stdout(USAGE);
      return positionals.length === 0 && !values.help ? 2 : 0;
    }
    const [command, ...args] = positionals;
    const run = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new CliUsageError(`unknown command "${command}"; run qwanyx --help`);
    const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined, io.env);
    core = await createCore({
      dataDir,
      secretStore: io.secretStore ?? new KeyringSecretStore(),
      shell: 'cli',
      log: cliLog(io),
      // A one-shot command connects only the workspaces it works on.
      sync: { ...io.sync, autoConnect: false },
    });
    const ctx: CliContext = {
      core,
      flags: values,
      out: io.stdout,
      err: io.stderr,
      stdin: io.stdin ?? { isTTY: false, readLine: () => Promise.resolve(null) },
      allowFlags: (names) => {
        const allowed = new Set([...GLOBAL_FLAGS, ...names]);
        const extra = Object.keys(values).filter((k) => values[k] !== undefined && !allowed.has(k));
        if (extra.length > 0) throw new CliUsageError(`unexpected option --${extra[0]} for "${command} ${args[0] ?? ''}"`);
      },
    };
    await run(ctx, args);
    return 0;
  } catch (err) {
    io.stderr(`qwanyx: ${oneLine(err)}`);
    return err instanceof CliCommandError ? 1 : err instanceof CliUsageError ? 2 : 1;
  } finally {
    await core?.close();
  }
}

function parse(argv: string[]): { values: Record<string, FlagValue>; positionals: string[] } {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        solo: { type: 'boolean' },
        all: { type: 'boolean' },
        confirm: { type: 'string' },
        relay: { type: 'string' },
        code: { type: 'string' },
        role: { type: 'string' },
        timeout: { type: 'string' },
        workspace: { type: 'string' },
        name: { type: 'string' },
        private: { type: 'boolean' },
        topic: { type: 'string' },
        room: { type: 'string' },
        text: { type: 'string' },
        thread: { type: 'string' },
        limit: { type: 'string' },
        handle: { type: 'string' },
        title: { type: 'string' },
        persona: { type: 'string' },
        template: { type: 'string' },
        dh: { type: 'string' },
        due: { type: 'string' },
        assignee: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        preset: { type: 'string' },
        'embeddings-model': { type: 'string' },
        'embeddings-dimensions': { type: 'string' },
        'api-key-stdin': { type: 'boolean' },
        'clear-api-key': { type: 'boolean' },
        days: { type: 'string' },
        at: { type: 'string' },
        tags: { type: 'string' },
        source: { type: 'string' },
        kind: { type: 'string' },
        importance: { type: 'string' },
        jsonl: { type: 'string' },
        query: { type: 'string' },
        queries: { type: 'string' },
        k: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new CliUsageError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Background work of a one-shot command (embedding, syncing) reports on
 * stderr in one line: errors always, warnings only with QWANYX_DEBUG set
 * (then with their details), so a command's own output stays readable.
 */
function cliLog(io: CliIo): Logger {
  const debug = Boolean(io.env.QWANYX_DEBUG);
  return (level, msg, extra) => {
    if (level !== 'error' && !debug) return;
    const detail = extra instanceof Error ? (debug ? extra.stack : extra.message) : extra !== undefined && debug ? JSON.stringify(extra) : '';
    io.stderr(`qwanyx ${level}: ${msg}${detail ? ` (${oneLine(detail)})` : ''}`);
  };
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim();
}
