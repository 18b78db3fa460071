/**
 * Runs a test command in a sandbox of its own, so that a test run touches
 * nothing of the developer's and leaves nothing behind:
 *
 * - Every keychain entry the tests write, directly or through the app, goes
 *   under a test-only service prefix, `qwanyx-test-<run id>/`
 *   (QWANYX_KEYCHAIN_SERVICE), never under the app's own `qwanyx/`.
 * - On Linux, a throwaway Secret Service: a private D-Bus session bus and a
 *   gnome-keyring-daemon whose keyrings live in a temporary folder, unlocked
 *   with a known password; the user's own keyrings and session bus are never
 *   used. The command also gets a temporary HOME and XDG folders, so nothing
 *   it starts (a browser's crash reports, a settings cache) writes into the
 *   user's home. Where gnome-keyring or D-Bus is missing, it says what to
 *   install; the keychain tests are then skipped (and CI fails).
 * - On every system, an npm that a test runs keeps its cache and logs in the
 *   temporary folder.
 * - Afterwards, even when the command failed or was interrupted: every
 *   process the run started that is still running is stopped (found by the
 *   run id in its environment), what the tests left in the keychain is
 *   removed (macOS, Windows; on Linux the whole keyring goes), the daemons
 *   are stopped and the temporary folder is deleted.
 *
 * Usage: node --import tsx scripts/withTestKeyring.ts <command> [args...]
 * Exits with the command's exit code (1 when something was left behind).
 * Inside another run (QWANYX_TEST_RUN set) it runs the command as is.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KEYCHAIN_SERVICE_ENV } from '../src-main/secrets/keychainServicePrefix';
import { stopMarkedProcesses, type MarkedProcess } from './testHarness/markedProcesses';
import { SecretServiceUnavailableError, startSecretService, type SecretService } from './testHarness/startSecretService';
import { formatKeychainEntries, sweepKeychain } from './testHarness/sweepKeychain';
import { TEST_KEYRING_ENV, TEST_RUN_ENV, testServicePrefix } from './testHarness/testRunEnv';

const TAG = '[test sandbox]';
const SIGNAL_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

function say(message: string): void {
  process.stderr.write(`${TAG} ${message}\n`);
}

/** Runs the command with stdio inherited; resolves with its exit code. */
function runCommand(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { env, stdio: 'inherit', shell: process.platform === 'win32' });
    let received: NodeJS.Signals | null = null;
    const onSignal = (sig: NodeJS.Signals): void => {
      received = sig;
      // Ctrl+C already reaches the command through the terminal's process group.
      if (sig !== 'SIGINT' && child.exitCode === null) child.kill(sig);
    };
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const sig of signals) process.on(sig, onSignal);
    const done = (code: number): void => {
      for (const sig of signals) process.removeListener(sig, onSignal);
      resolve(code);
    };
    child.once('error', (err) => {
      say(`could not run ${command[0]}: ${err.message}`);
      done(127);
    });
    child.once('exit', (code, sig) => done(code ?? SIGNAL_CODES[sig ?? received ?? 'SIGTERM'] ?? 1));
  });
}

/** A temporary HOME, XDG folders and runtime folder under `runDir`. */
function privateHome(runDir: string): NodeJS.ProcessEnv {
  const home = path.join(runDir, 'home');
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_RUNTIME_DIR: path.join(runDir, 'run'),
  };
  for (const dir of Object.values(env)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return env;
}

function describeProcesses(processes: MarkedProcess[]): string {
  return processes.map((p) => `  ${p.pid} ${p.command}`).join('\n');
}

async function cleanUp(runId: string, prefix: string, runDir: string, service: SecretService | null): Promise<boolean> {
  let clean = true;
  const step = async (what: string, action: () => Promise<void>): Promise<void> => {
    try {
      await action();
    } catch (err) {
      clean = false;
      say(`could not ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  await step('stop the processes the tests left running', async () => {
    const stopped = await stopMarkedProcesses(TEST_RUN_ENV, runId, service?.pids ?? []);
    if (stopped.length > 0) say(`stopped ${stopped.length} process(es) the tests left running:\n${describeProcesses(stopped)}`);
  });
  // On Linux the whole throwaway keyring goes (and the user's own is never listed).
  if (process.platform !== 'linux') {
    await step('check the keychain', async () => {
      const sweep = await sweepKeychain(prefix);
      if (sweep.removed.length > 0) say(`removed ${sweep.removed.length} keychain entr(ies) the tests left under ${prefix}:\n${formatKeychainEntries(sweep.removed)}`);
      if (sweep.leftover.length > 0) {
        clean = false;
        say(`keychain entries left behind under ${prefix}:\n${formatKeychainEntries(sweep.leftover)}`);
      }
    });
  }
  await step('stop the throwaway Secret Service', async () => {
    await service?.stop();
    const survivors = await stopMarkedProcesses(TEST_RUN_ENV, runId);
    if (survivors.length > 0) say(`stopped ${survivors.length} more process(es):\n${describeProcesses(survivors)}`);
  });
  await step(`delete ${runDir}`, async () => fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));
  return clean;
}

async function main(command: string[]): Promise<number> {
  if (command.length === 0) {
    say('usage: node --import tsx scripts/withTestKeyring.ts <command> [args...]');
    return 2;
  }
  if (process.env[TEST_RUN_ENV]) return runCommand(command, process.env);

  const runId = randomBytes(4).toString('hex');
  const prefix = testServicePrefix(runId);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qwanyx-test-run-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    [TEST_RUN_ENV]: runId,
    [KEYCHAIN_SERVICE_ENV]: prefix,
    // An npm that a test runs writes its logs and update checks here, not into the user's ~/.npm.
    npm_config_cache: path.join(runDir, 'npm-cache'),
    npm_config_update_notifier: 'false',
  };
  let service: SecretService | null = null;
  let code = 1;
  try {
    if (process.platform === 'linux') {
      Object.assign(env, privateHome(runDir));
      delete env.GNOME_KEYRING_CONTROL;
      delete env[TEST_KEYRING_ENV];
      try {
        service = await startSecretService({ dir: path.join(runDir, 'keyring'), env: { [TEST_RUN_ENV]: runId } });
        env.DBUS_SESSION_BUS_ADDRESS = service.busAddress;
        env[TEST_KEYRING_ENV] = '1';
      } catch (err) {
        if (!(err instanceof SecretServiceUnavailableError) || process.env.CI) throw err;
        say(`${err.message} Until then the keychain tests are skipped.`);
        // Never the user's own session bus, and so never their keyring.
        env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${path.join(runDir, 'no-bus')}`;
      }
    }
    code = await runCommand(command, env);
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
    code = 1;
  } finally {
    const clean = await cleanUp(runId, prefix, runDir, service);
    if (!clean && code === 0) code = 1;
  }
  return code;
}

process.exit(await main(process.argv.slice(2)));
