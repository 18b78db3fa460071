/**
 * A throwaway Secret Service for the keychain tests on Linux: a private D-Bus
 * session bus and a gnome-keyring-daemon whose keyrings live in a folder of
 * their own (their own XDG_DATA_HOME and HOME), unlocked with a known
 * password. Nothing of the user's is read or written: not their keyrings,
 * not their session bus, not their runtime directory. The bus has no service
 * files, so no client can start another daemon through it.
 *
 * stop() ends both daemons; the caller deletes the folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findExecutable } from './findExecutable';

/** The password of the login keyring of a throwaway Secret Service. */
export const TEST_KEYRING_PASSWORD = 'qwanyx-test-keyring';

/** What to install where no Secret Service can be started. */
export const SECRET_SERVICE_PACKAGES = 'Debian/Ubuntu: sudo apt-get install gnome-keyring dbus; Fedora: sudo dnf install gnome-keyring dbus-daemon';

const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 3_000;

/** gnome-keyring-daemon or dbus-daemon is not installed. */
export class SecretServiceUnavailableError extends Error {
  constructor(missing: string[]) {
    super(`The keychain tests need a Secret Service, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed. Install them (${SECRET_SERVICE_PACKAGES}).`);
    this.name = 'SecretServiceUnavailableError';
  }
}

/** Where and how to start the Secret Service. */
export interface SecretServiceOptions {
  /** An existing folder of the caller's for the bus socket and the daemons' runtime files. */
  dir: string;
  /** Password of the login keyring: it unlocks the keyring, or creates it with that password. */
  password?: string;
  /** XDG_DATA_HOME of the keyring daemon (keyrings go to its `keyrings/`); default `<dir>/data`. */
  dataHome?: string;
  /** HOME of both daemons; default `<dir>/home`. */
  home?: string;
  /** More environment for both daemons, such as a marker of the test run. */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the keyring to take a secret; default 15 s. */
  readyTimeoutMs?: number;
}

/** A running Secret Service. */
export interface SecretService {
  /** Value for DBUS_SESSION_BUS_ADDRESS. */
  busAddress: string;
  /** Process ids of the bus and the keyring daemon. */
  pids: number[];
  /** Ends both daemons (the keyring first); resolves once they are gone. */
  stop(): Promise<void>;
}

/**
 * Starts a private D-Bus session bus and a gnome-keyring-daemon on it with
 * the given keyring folder and password, and resolves once a secret can be
 * written, read and deleted. Throws SecretServiceUnavailableError when a
 * daemon is not installed, and an Error saying why when it does not start.
 */
export async function startSecretService(options: SecretServiceOptions): Promise<SecretService> {
  const dbusDaemon = findExecutable('dbus-daemon');
  const keyringDaemon = findExecutable('gnome-keyring-daemon');
  const missing = [dbusDaemon ? null : 'dbus-daemon', keyringDaemon ? null : 'gnome-keyring-daemon'].filter((name): name is string => name !== null);
  if (!dbusDaemon || !keyringDaemon) throw new SecretServiceUnavailableError(missing);

  const home = options.home ?? path.join(options.dir, 'home');
  const dataHome = options.dataHome ?? path.join(options.dir, 'data');
  const runtimeDir = path.join(options.dir, 'run');
  for (const dir of [home, dataHome]) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: home,
    XDG_DATA_HOME: dataHome,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_RUNTIME_DIR: runtimeDir,
    ...options.env,
  };

  const children: ChildProcess[] = [];
  const killNow = (): void => {
    for (const child of children.reverse()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killNow);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killNow);
    for (const child of [...children].reverse()) await stopChild(child);
  };

  try {
    const configFile = path.join(options.dir, 'bus.conf');
    fs.writeFileSync(configFile, busConfig(options.dir));
    const bus = spawn(dbusDaemon, [`--config-file=${configFile}`, '--nofork', '--print-address=1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(bus);
    const busAddress = await firstLine(bus, 'dbus-daemon');

    const keyring = spawn(keyringDaemon, ['--foreground', '--unlock', '--components=secrets'], {
      env: { ...env, DBUS_SESSION_BUS_ADDRESS: busAddress },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    children.push(keyring);
    const keyringErr = collect(keyring);
    keyring.stdin?.end(options.password ?? TEST_KEYRING_PASSWORD);
    await waitUntilUsable(busAddress, keyring, keyringErr, options.readyTimeoutMs ?? READY_TIMEOUT_MS);
    return { busAddress, pids: children.map((child) => child.pid ?? -1), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A session bus that listens only on a socket in `dir` and activates nothing. */
function busConfig(dir: string): string {
  const socket = path.join(dir, 'bus');
  // A Unix socket path longer than about 100 bytes does not fit in sockaddr_un: use an abstract one.
  const listen = Buffer.byteLength(socket) < 100 ? `unix:path=${socket}` : 'unix:tmpdir=/tmp';
  return [
    '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">',
    '<busconfig>',
    '  <type>session</type>',
    `  <listen>${listen.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</listen>`,
    '  <auth>EXTERNAL</auth>',
    '  <policy context="default">',
    '    <allow send_destination="*" eavesdrop="true"/>',
    '    <allow eavesdrop="true"/>',
    '    <allow own="*"/>',
    '  </policy>',
    '</busconfig>',
    '',
  ].join('\n');
}

/** The last lines a daemon wrote to stderr, to explain a failure. */
function tail(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean).slice(-3);
  return lines.length > 0 ? `\n${lines.join('\n')}` : '';
}

function collect(child: ChildProcess): { text: string } {
  const out = { text: '' };
  child.stderr?.on('data', (chunk: Buffer) => (out.text = (out.text + chunk.toString()).slice(-4000)));
  return out;
}

function firstLine(child: ChildProcess, name: string): Promise<string> {
  const err = collect(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} printed no address in 10 s${tail(err.text)}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(out.slice(0, newline).trim());
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready${tail(err.text)}`));
    });
  });
}

// Runs in a separate Node process so the caller's own environment (its
// DBUS_SESSION_BUS_ADDRESS) is never changed: write, read and delete one entry.
const PROBE = `
const { Entry } = require(process.argv[1]);
const entry = new Entry('qwanyx-test-probe/ready', 'probe', { linux: { store: 'secret-service' } });
entry.setPassword('ok');
const read = entry.getPassword();
entry.deleteCredential();
if (read !== 'ok') throw new Error('read back ' + read);
`;

async function waitUntilUsable(busAddress: string, keyring: ChildProcess, keyringErr: { text: string }, timeoutMs: number): Promise<void> {
  const keyringModule = createRequire(import.meta.url).resolve('@napi-rs/keyring');
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (keyring.exitCode !== null || keyring.signalCode !== null) {
      throw new Error(`gnome-keyring-daemon exited (${keyring.signalCode ?? keyring.exitCode}) before it was ready${tail(keyringErr.text)}`);
    }
    last = await probe(keyringModule, busAddress);
    if (last === '') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The throwaway Secret Service did not become usable in ${timeoutMs / 1000} s: ${last}${tail(keyringErr.text)}`);
}

function probe(keyringModule: string, busAddress: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', PROBE, keyringModule], {
      env: { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: busAddress },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 5_000,
    });
    const err = collect(child);
    child.once('error', (error) => resolve(error.message));
    child.once('exit', (code) => resolve(code === 0 ? '' : err.text.trim().split('\n').find((line) => /Error/.test(line)) ?? `probe exited with ${code}`));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
