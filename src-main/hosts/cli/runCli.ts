/**
 * The `qwanyx` command line: parses arguments, builds a core on the data dir
 * and runs one command. Exit codes: 0 done, 1 refused by the core, 2 bad usage.
 */
import type { Logger } from '../../common/Logger';
import { cliCommands } from '../../core/cli/cliCommands';
import type { CliContext, CliStdin } from '../../core/cli/CliContext';
import { CliCommandError, CliUsageError } from '../../core/cli/CliError';
import { createCore, type Core, type CoreSyncConfig } from '../../core/createCore';
import { resolveDataDir } from '../../core/defaultDataDir';
import { KeyringSecretStore } from '../../secrets/KeyringSecretStore';
import type { SecretStore } from '../../secrets/SecretStore';
import { cliUsage } from './cliUsage';
import { parseCommandLine } from './parseCommandLine';

/** What the CLI runs with: its output, environment and input, and what tests replace. */
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

/** Runs one `qwanyx` command line and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let core: Core | undefined;
  try {
    const { dataDir, help, invocation } = parseCommandLine(argv, cliCommands);
    if (!invocation) {
      io.stdout(cliUsage(cliCommands));
      return help ? 0 : 2;
    }
    core = await createCore({
      dataDir: resolveDataDir(dataDir, io.env),
      secretStore: io.secretStore ?? new KeyringSecretStore(),
      shell: 'cli',
      log: cliLog(io),
      // A one-shot command connects only the workspaces it works on.
      sync: { ...io.sync, autoConnect: false },
    });
    const ctx: CliContext = {
      core,
      flags: invocation.flags,
      lists: invocation.lists,
      out: io.stdout,
      err: io.stderr,
      stdin: io.stdin ?? { isTTY: false, readLine: () => Promise.resolve(null) },
    };
    await invocation.subcommand.run(ctx, invocation.args);
    return 0;
  } catch (err) {
    io.stderr(`qwanyx: ${oneLine(err)}`);
    return err instanceof CliCommandError ? 1 : err instanceof CliUsageError ? 2 : 1;
  } finally {
    await core?.close();
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
