// The test runner itself (scripts/withTestKeyring.ts) on a desktop whose
// login keyring is protected by a password: the keychain suite passes through
// the runner, and the user's keyrings, home and processes are as they were.
//
// The "desktop" is a temporary HOME with a password-protected login keyring
// in ~/.local/share/keyrings and its own gnome-keyring running on a session
// bus, which DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR point to, as in a
// real session. A runner that used that bus would write the test secrets into
// that keyring; one that started its keyring in HOME would fail to unlock it
// (and fail the suite under CI=true) or write files next to it. Either way a
// file of HOME changes and this test fails.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findExecutable } from '../../scripts/testHarness/findExecutable';
import { findMarkedProcesses } from '../../scripts/testHarness/markedProcesses';
import { SecretServiceUnavailableError, startSecretService, type SecretService } from '../../scripts/testHarness/startSecretService';
import { makeTempDir } from '../fixtures/tempDir';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const keyringModule = createRequire(import.meta.url).resolve('@napi-rs/keyring');
const USER_PASSWORD = 'the-user-password';
const canRun = process.platform === 'linux' && findExecutable('gnome-keyring-daemon') !== null && findExecutable('dbus-daemon') !== null;

/** Every file under `dir`, by relative path, with the sha256 of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return files;
}

/** Writes one secret through the Secret Service on `busAddress`, in a child process. */
function storeSecret(busAddress: string, service: string): void {
  const script = `const { Entry } = require(process.argv[1]); new Entry(process.argv[2], 'user', { linux: { store: 'secret-service' } }).setPassword('mail password');`;
  const child = spawnSync(process.execPath, ['-e', script, keyringModule, service], { env: { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: busAddress }, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`could not store a secret on the desktop keyring: ${child.stderr}`);
}

/** Runs `args` with `env`; resolves with the exit code and the output. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the test runner on a desktop with a password-protected login keyring', () => {
  it.skipIf(!canRun)('runs the keychain suite on a throwaway keyring and leaves HOME byte for byte as it was', { timeout: 180_000 }, async () => {
    const base = makeTempDir('qwanyx-harness-');
    const home = path.join(base, 'home');
    const keyrings = path.join(home, '.local', 'share', 'keyrings');
    const desktopDir = path.join(base, 'desktop');
    const tmp = path.join(base, 'tmp');
    for (const dir of [home, desktopDir, tmp]) fs.mkdirSync(dir, { recursive: true });

    let desktop: SecretService | null = await startSecretService({ dir: desktopDir, home, dataHome: path.join(home, '.local', 'share'), password: USER_PASSWORD });
    try {
      storeSecret(desktop.busAddress, 'mail/desktop');
      expect(fs.readdirSync(keyrings)).toContain('login.keyring');

      // The precondition the old runner tripped on: that keyring does not open without its password.
      const copy = path.join(base, 'copy');
      fs.cpSync(home, path.join(copy, 'home'), { recursive: true });
      await expect(startSecretService({ dir: copy, home: path.join(copy, 'home'), dataHome: path.join(copy, 'home', '.local', 'share'), password: '', readyTimeoutMs: 3_000 })).rejects.toThrow(
        /did not become usable/,
      );

      const before = snapshot(home);
      const loginKeyring = fs.readFileSync(path.join(keyrings, 'login.keyring'));
      const env: NodeJS.ProcessEnv = {};
      for (const [name, value] of Object.entries(process.env)) if (!/^(QWANYX_|VITEST|XDG_|DBUS_|GNOME_KEYRING)/.test(name)) env[name] = value;
      Object.assign(env, {
        HOME: home,
        DBUS_SESSION_BUS_ADDRESS: desktop.busAddress,
        XDG_RUNTIME_DIR: path.join(desktopDir, 'run'),
        TMPDIR: tmp,
        CI: 'true',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      });
      const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
      const result = await run(['--import', 'tsx', 'scripts/withTestKeyring.ts', process.execPath, vitest, 'run', '--project', 'integration', 'tests/integration/keyringSecretStore.test.ts'], env);

      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/Tests\s+\d+ passed/);
      expect(result.output).not.toMatch(/skipped|\[test sandbox\]/);
      expect(fs.readFileSync(path.join(keyrings, 'login.keyring')).equals(loginKeyring)).toBe(true);
      expect(snapshot(home)).toEqual(before);
      // The runner's folder is gone and nothing it started still runs.
      expect(fs.readdirSync(tmp).filter((name) => name.startsWith('qwanyx-test-'))).toEqual([]);
      expect(findMarkedProcesses('TMPDIR', tmp)).toEqual([]);
    } finally {
      await desktop.stop();
      desktop = null;
    }
  });
});

describe('the test runner', () => {
  it.skipIf(process.platform === 'win32')('stops what a failed command left running, and keeps its exit code', async () => {
    const tmp = makeTempDir('qwanyx-harness-');
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
    delete env.QWANYX_TEST_RUN;
    // A process in a session of its own, outliving its parent: only the run id in its environment finds it.
    const script = "require('node:child_process').spawn('sleep', ['300'], { detached: true, stdio: 'ignore' }).unref(); console.log('home=' + process.env.HOME); process.exitCode = 3;";
    const result = await run(['--import', 'tsx', 'scripts/withTestKeyring.ts', process.execPath, '-e', script], env);
    expect(result.code, result.output).toBe(3);
    expect(result.output).toMatch(/\[test sandbox\] stopped 1 process\(es\) the tests left running:\n\s+\d+ .*sleep 300/);
    expect(findMarkedProcesses('TMPDIR', tmp)).toEqual([]);
    if (process.platform === 'linux') expect(result.output).toContain(`home=${tmp}/qwanyx-test-run-`);
    expect(fs.readdirSync(tmp).filter((name) => name.startsWith('qwanyx-test-'))).toEqual([]);
  });

  it('says which packages give a Secret Service', () => {
    const message = new SecretServiceUnavailableError(['gnome-keyring-daemon']).message;
    expect(message).toContain('gnome-keyring-daemon is not installed');
    expect(message).toContain('Debian/Ubuntu: sudo apt-get install gnome-keyring dbus');
    expect(message).toContain('Fedora: sudo dnf install gnome-keyring dbus-daemon');
  });
});
