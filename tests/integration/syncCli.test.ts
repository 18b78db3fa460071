/**
 * The sync commands of the `qwanyx` CLI against a real relay: sign in (code
 * from stdin or --code), link, invite, accept, and `sync status`, which
 * connects, uploads what the CLI wrote, and reports. Bad input exits with 2
 * and one line on stderr.
 */
import { describe, expect, it } from 'vitest';
import type { Invitation, Workspace, WorkspaceSyncStatus } from '../../src-main/common/contract';
import type { CliStdin } from '../../src-main/core/cli/CliContext';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { FAST_SYNC, startRestartableRelay, type RestartableRelay } from '../fixtures/syncCores';
import { runCliInProcess, type CliRun } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';

interface Device {
  dataDir: string;
  secrets: MemorySecretStore;
}

function cli(device: Device, argv: string[], stdin?: CliStdin): Promise<CliRun> {
  return runCliInProcess(device.dataDir, argv, { secretStore: device.secrets, sync: FAST_SYNC, ...(stdin ? { stdin } : {}) });
}

function device(): Device {
  return { dataDir: makeTempDir('qwanyx-cli-sync-'), secrets: new MemorySecretStore() };
}

/** stdin of a pipe that carries the code the relay "mailed" to `email`. */
function codeOnStdin(relay: RestartableRelay, email: string): CliStdin {
  return { isTTY: false, readLine: () => Promise.resolve(relay.current().lastCode(email)) };
}

describe('qwanyx CLI sync commands', () => {
  it('logs in, links, invites, joins and reports the sync status', async () => {
    const relay = await startRestartableRelay();
    const ada = device();
    const bob = device();

    const login = await cli(ada, ['relay', 'login', relay.url, 'Ada@Example.com'], codeOnStdin(relay, 'ada@example.com'));
    expect(login).toMatchObject({ code: 0, err: [] });
    expect(login.out).toEqual([`Signed in to ${relay.url} as ada@example.com`]);

    const acme = JSON.parse((await cli(ada, ['workspace', 'create', 'Acme', '--json'])).out[0]!) as Workspace;
    const linked = await cli(ada, ['workspace', 'link', acme.id, '--relay', relay.url, '--json']);
    expect(linked.code, linked.err.join('\n')).toBe(0);
    expect(JSON.parse(linked.out[0]!)).toMatchObject({ workspaceId: acme.id, state: 'synced', pending: 0, role: 'owner' });

    const invited = await cli(ada, ['invite', 'create', acme.id, 'bob@example.com', '--role', 'member', '--json']);
    const invitation = JSON.parse(invited.out[0]!) as Invitation;
    expect(invitation).toMatchObject({ email: 'bob@example.com', role: 'member', relayUrl: relay.url });
    const text = await cli(ada, ['invite', 'create', acme.id, 'cyd@example.com', '--role', 'guest']);
    expect(text.out[1]).toMatch(new RegExp(`^qwanyx invite accept \\S+ --relay ${relay.url}$`));

    expect((await cli(bob, ['relay', 'login', relay.url, 'bob@example.com'], codeOnStdin(relay, 'bob@example.com'))).code).toBe(0);
    const joined = await cli(bob, ['invite', 'accept', invitation.token, '--relay', relay.url]);
    expect(joined.code, joined.err.join('\n')).toBe(0);
    expect(joined.out).toEqual([`Joined Acme (${acme.id}): synced`]);

    // A rename made by the CLI is uploaded by the next `sync status`, and Bob's next one brings it down.
    expect((await cli(ada, ['workspace', 'rename', acme.id, 'Acme Corp'])).code).toBe(0);
    const adaStatus = await cli(ada, ['sync', 'status', '--json']);
    const statuses = JSON.parse(adaStatus.out[0]!) as WorkspaceSyncStatus[];
    expect(statuses.find((s) => s.workspaceId === acme.id)).toMatchObject({ state: 'synced', pending: 0, accountEmail: 'ada@example.com' });
    expect(statuses.filter((s) => s.workspaceId !== acme.id).map((s) => s.state)).toEqual(['local-only']);

    const bobStatus = await cli(bob, ['sync', 'status']);
    expect(bobStatus.out.find((l) => l.startsWith(acme.id))).toBe(`${acme.id}  Acme Corp  synced  ${relay.url} as bob@example.com (member)`);
    expect(bobStatus.out.some((l) => l.includes('Personal  local-only'))).toBe(true);

    await relay.stop();
    const offline = await cli(ada, ['sync', 'status', '--timeout', '5']);
    expect(offline.code).toBe(0);
    expect(offline.out.find((l) => l.startsWith(acme.id))).toMatch(/ {2}offline: Cannot reach the relay at /);
  });

  it('refuses a missing code, a wrong code and bad usage with one line on stderr', async () => {
    const relay = await startRestartableRelay();
    const ada = device();
    const noCode = await cli(ada, ['relay', 'login', relay.url, 'ada@example.com']);
    expect(noCode.code).toBe(2);
    expect(noCode.err).toEqual([expect.stringContaining('a code was sent to ada@example.com but none came on stdin: run again with --code')]);

    const wrong = await cli(ada, ['relay', 'login', relay.url, 'ada@example.com', '--code', '00000000']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toHaveLength(1);

    const cases: [string[], number, RegExp][] = [
      [['relay', 'login', relay.url], 2, /usage: qwanyx relay login <url> <email>/],
      [['relay', 'login', 'ftp://nope', 'ada@example.com', '--code', '12345678'], 1, /Relay address must look like/],
      [['workspace', 'link', 'abcdefgh1234'], 2, /needs --relay/],
      [['invite', 'create', 'abcdefgh1234', 'bob@example.com'], 2, /needs --role/],
      [['invite', 'create', 'abcdefgh1234', 'bob@example.com', '--role', 'owner'], 1, /role/],
      [['invite', 'accept', 'tok'], 2, /needs --relay/],
      [['sync', 'status', 'extra'], 2, /usage: qwanyx sync status/],
      [['sync', 'status', '--timeout', 'soon'], 2, /--timeout takes a number of seconds/],
      [['sync', 'frobnicate'], 2, /usage: qwanyx sync status/],
      [['invite'], 2, /usage: qwanyx invite/],
      [['toString'], 2, /unknown command "toString"/],
    ];
    for (const [argv, code, message] of cases) {
      const run = await cli(ada, argv);
      expect({ argv, code: run.code }).toEqual({ argv, code });
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(message);
      expect(run.out).toEqual([]);
    }
  });
});
