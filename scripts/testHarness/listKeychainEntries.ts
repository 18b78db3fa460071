/**
 * Lists the OS keychain entries whose service name starts with a prefix, and
 * removes them: how a test run finds what its tests left in the keychain.
 *
 * The keychain library only looks entries up by exact service name, so the
 * listing asks the OS: `security dump-keychain` on macOS (names only, never
 * secrets, no prompt), `cmdkey /list` on Windows (targets are
 * `<account>.<service>`), and the Secret Service over `dbus-send` on Linux.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AsyncEntry } from '@napi-rs/keyring';
import { findExecutable } from './findExecutable';

const run = promisify(execFile);
const MAX_OUTPUT = 64 * 1024 * 1024;

/** One keychain entry: its service and account (the secret is never read). */
export interface KeychainEntry {
  service: string;
  account: string;
}

/**
 * Entries under `prefix`, or null where this machine offers no way to list
 * them (Linux without dbus-send or without a reachable Secret Service).
 * Throws when the OS tool fails on macOS or Windows.
 */
export async function listKeychainEntries(prefix: string): Promise<KeychainEntry[] | null> {
  let entries: KeychainEntry[];
  if (process.platform === 'darwin') {
    entries = parseDumpKeychain((await run('security', ['dump-keychain'], { maxBuffer: MAX_OUTPUT })).stdout);
  } else if (process.platform === 'win32') {
    entries = parseCmdkeyList((await run('cmdkey', ['/list'], { maxBuffer: MAX_OUTPUT })).stdout, prefix);
  } else {
    const found = await listSecretService();
    if (found === null) return null;
    entries = found;
  }
  return entries.filter((entry) => entry.service.startsWith(prefix)).sort((a, b) => `${a.service} ${a.account}`.localeCompare(`${b.service} ${b.account}`));
}

/**
 * Deletes the given entries from the keychain; returns the ones it could not
 * delete, each with the reason.
 */
export async function deleteKeychainEntries(entries: KeychainEntry[]): Promise<Array<KeychainEntry & { reason: string }>> {
  const failed: Array<KeychainEntry & { reason: string }> = [];
  const options = process.platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  for (const entry of entries) {
    try {
      await new AsyncEntry(entry.service, entry.account, options).deleteCredential();
    } catch (err) {
      failed.push({ ...entry, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return failed;
}

/** Generic passwords in the output of macOS `security dump-keychain`. */
export function parseDumpKeychain(text: string): KeychainEntry[] {
  const entries: KeychainEntry[] = [];
  for (const block of text.split(/^keychain: /m)) {
    if (!/^class: "genp"/m.test(block)) continue;
    const service = dumpValue(block, 'svce');
    const account = dumpValue(block, 'acct');
    if (service !== null) entries.push({ service, account: account ?? '' });
  }
  return entries;
}

function dumpValue(block: string, attribute: string): string | null {
  // "svce"<blob>="name"  or, when not printable as is,  "svce"<blob>=0x6E616D65  "name"
  const match = new RegExp(`^\\s*"${attribute}"<blob>=(?:0x[0-9A-Fa-f]+\\s+)?"(.*)"\\s*$`, 'm').exec(block);
  return match ? match[1]!.replace(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))).replace(/\\"/g, '"') : null;
}

/**
 * Entries under `prefix` in the output of Windows `cmdkey /list`. The
 * keychain library names a credential `<account>.<service>`; the labels of
 * that output are translated, the `target=` part is not.
 */
export function parseCmdkeyList(text: string, prefix: string): KeychainEntry[] {
  const entries: KeychainEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /target=(.+)$/.exec(line.trim());
    if (!match) continue;
    const target = match[1]!.trim();
    const at = target.indexOf(`.${prefix}`);
    if (at < 0) continue;
    entries.push({ account: target.slice(0, at), service: target.slice(at + 1) });
  }
  return entries;
}

/** Service and account attributes in the output of `dbus-send --print-reply` for an item's Attributes. */
export function parseSecretServiceAttributes(text: string): KeychainEntry | null {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/dict entry\(\s*string "([^"]*)"\s*string "([^"]*)"\s*\)/g)) attributes.set(match[1]!, match[2]!);
  const service = attributes.get('service');
  return service === undefined ? null : { service, account: attributes.get('username') ?? '' };
}

async function listSecretService(): Promise<KeychainEntry[] | null> {
  const dbusSend = findExecutable('dbus-send');
  if (!dbusSend || !process.env.DBUS_SESSION_BUS_ADDRESS) return null;
  const call = async (objectPath: string, ...args: string[]): Promise<string> =>
    (await run(dbusSend, ['--session', '--print-reply', '--dest=org.freedesktop.secrets', objectPath, ...args], { maxBuffer: MAX_OUTPUT, timeout: 10_000 })).stdout;
  let items: string;
  try {
    items = await call('/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.SearchItems', 'dict:string:string:');
  } catch {
    return null;
  }
  const entries: KeychainEntry[] = [];
  for (const [, itemPath] of items.matchAll(/object path "([^"]+)"/g)) {
    const reply = await call(itemPath!, 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Item', 'string:Attributes');
    const entry = parseSecretServiceAttributes(reply);
    if (entry) entries.push(entry);
  }
  return entries;
}
