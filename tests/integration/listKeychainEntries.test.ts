// How a test run finds what its tests left in the OS keychain: the listings
// of macOS, Windows and the Secret Service are parsed from their real output
// formats, and on this machine's keychain a sweep removes every entry under a
// prefix and nothing else.
import { randomBytes } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import { describe, expect, it } from 'vitest';
import { listKeychainEntries, parseCmdkeyList, parseDumpKeychain, parseSecretServiceAttributes } from '../../scripts/testHarness/listKeychainEntries';
import { formatKeychainEntries, sweepKeychain } from '../../scripts/testHarness/sweepKeychain';
import { keychainServicePrefix } from '../../src-main/secrets/keychainServicePrefix';
import { KeyringSecretStore } from '../../src-main/secrets/KeyringSecretStore';

const DUMP_KEYCHAIN = `keychain: "/Users/me/Library/Keychains/login.keychain-db"
version: 512
class: "genp"
attributes:
    0x00000007 <blob>="qwanyx-test-3f9a1c2e/ws1"
    0x00000008 <blob>=<NULL>
    "acct"<blob>="llm-api-key"
    "cdat"<timedate>=0x32303234303130313030303030305A00  "20240101000000Z\\000"
    "svce"<blob>="qwanyx-test-3f9a1c2e/ws1"
    "type"<uint32>=<NULL>
keychain: "/Users/me/Library/Keychains/login.keychain-db"
version: 512
class: "inet"
attributes:
    "acct"<blob>="me"
    "srvr"<blob>="example.com"
keychain: "/Users/me/Library/Keychains/login.keychain-db"
version: 512
class: "genp"
attributes:
    "acct"<blob>=0x72656C61792D746F6B656E  "relay-token"
    "svce"<blob>="qwanyx/ws2"
`;

const CMDKEY_ENGLISH = `
Currently stored credentials:

    Target: LegacyGeneric:target=llm-api-key.qwanyx-test-3f9a1c2e/ws1
    Type: Generic 
    User: llm-api-key
    Local machine persistence
    
    Target: LegacyGeneric:target=relay-token.qwanyx/ws2
    Type: Generic 
    User: relay-token
    
    Target: WindowsLive:target=virtualapp/didlogical
    Type: Generic 
`;

const CMDKEY_FRENCH = `
Informations d'identification actuellement stockées :

    Cible : LegacyGeneric:target=device.token.qwanyx-test-3f9a1c2e/ws3\r
    Type : Générique \r
    Utilisateur : device.token\r
`;

const DBUS_ATTRIBUTES = `method return time=1796489976.181484 sender=:1.0 -> destination=:1.5 serial=23 reply_serial=2
   variant       array [
         dict entry(
            string "service"
            string "qwanyx-test-3f9a1c2e/ws1"
         )
         dict entry(
            string "username"
            string "llm-api-key"
         )
         dict entry(
            string "xdg:schema"
            string "org.freedesktop.Secret.Generic"
         )
      ]
`;

describe('keychain listings', () => {
  it('reads generic passwords from macOS security dump-keychain', () => {
    expect(parseDumpKeychain(DUMP_KEYCHAIN)).toEqual([
      { service: 'qwanyx-test-3f9a1c2e/ws1', account: 'llm-api-key' },
      { service: 'qwanyx/ws2', account: 'relay-token' },
    ]);
  });

  it('reads <account>.<service> targets from Windows cmdkey /list, whatever its language', () => {
    expect(parseCmdkeyList(CMDKEY_ENGLISH, 'qwanyx-test-3f9a1c2e/')).toEqual([{ service: 'qwanyx-test-3f9a1c2e/ws1', account: 'llm-api-key' }]);
    expect(parseCmdkeyList(CMDKEY_FRENCH, 'qwanyx-test-3f9a1c2e/')).toEqual([{ service: 'qwanyx-test-3f9a1c2e/ws3', account: 'device.token' }]);
  });

  it('reads service and account from the Secret Service attributes', () => {
    expect(parseSecretServiceAttributes(DBUS_ATTRIBUTES)).toEqual({ service: 'qwanyx-test-3f9a1c2e/ws1', account: 'llm-api-key' });
    expect(parseSecretServiceAttributes('method return\n   variant       array [\n      ]\n')).toBeNull();
  });

  it('prints one line per entry', () => {
    expect(formatKeychainEntries([{ service: 's/1', account: 'a' }, { service: 's/2', account: 'b', reason: 'locked' }])).toBe('  s/1 (account a)\n  s/2 (account b): locked');
  });
});

describe('sweeping the keychain of a test run', () => {
  it('removes every entry under the prefix and nothing else', async (ctx) => {
    const status = await new KeyringSecretStore().status();
    if (!status.available) {
      if (process.env.CI) throw new Error(`CI needs a real keychain for this suite: ${status.reason}`);
      ctx.skip(`no keychain here: ${status.reason}`);
    }
    // Under the run's own prefix, so the end-of-run check would catch a miss.
    const prefix = `${keychainServicePrefix()}sweep${randomBytes(4).toString('hex')}`;
    if ((await listKeychainEntries(prefix)) === null) {
      if (process.env.CI) throw new Error('CI needs a way to list the keychain (dbus-send on Linux)');
      ctx.skip('this machine cannot list its keychain');
    }
    const options = process.platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
    const left = [new AsyncEntry(`${prefix}/ws1`, 'llm-api-key', options), new AsyncEntry(`${prefix}/ws2`, 'relay-token', options)];
    const sibling = new AsyncEntry(`${prefix}x/ws1`, 'llm-api-key', options);
    try {
      for (const entry of [...left, sibling]) await entry.setPassword('secret');
      expect(await listKeychainEntries(`${prefix}/`)).toEqual([
        { service: `${prefix}/ws1`, account: 'llm-api-key' },
        { service: `${prefix}/ws2`, account: 'relay-token' },
      ]);
      const sweep = await sweepKeychain(`${prefix}/`);
      expect(sweep).toEqual({ checked: true, removed: [{ service: `${prefix}/ws1`, account: 'llm-api-key' }, { service: `${prefix}/ws2`, account: 'relay-token' }], leftover: [] });
      expect(await listKeychainEntries(`${prefix}/`)).toEqual([]);
      expect(await sibling.getPassword()).toBe('secret');
    } finally {
      for (const entry of [...left, sibling]) await entry.deleteCredential();
    }
  });
});
