/**
 * `qwanyx relay devices [--relay URL] [--json]`: the devices signed in with
 * this device's relay accounts (this one marked), and
 * `qwanyx relay devices revoke <id> [--relay URL]`: revokes one (its token
 * stops working and its sockets close at once). Without --relay, revoke
 * looks for the id on every relay this device is signed in to.
 */
import type { RelayDevice } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliSubcommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';

const USAGE = 'relay devices [--relay URL] [--json]\n  relay devices revoke <id> [--relay URL] [--json]';

export const relayDevicesSubcommand: CliSubcommand = {
  usage: USAGE,
  notes: ['(revoking this device signs it out here too)'],
  flags: { relay: 'string', json: 'boolean' },
  positionals: { min: 0 },
  async run({ core, flags, out }, args) {
    const relay = typeof flags.relay === 'string' ? flags.relay : undefined;
    if (args.length === 0) {
      const devices = await callCore(core, 'relay.devices', relay === undefined ? {} : { url: relay });
      if (flags.json) out(JSON.stringify(devices));
      else if (devices.length === 0) out('Not signed in to any relay.');
      else for (const device of devices) out(describe(device));
      return;
    }
    const [verb, id, ...rest] = args;
    if (verb !== 'revoke' || id === undefined || rest.length > 0) throw new CliUsageError(`usage: qwanyx ${USAGE}`);
    const owner = (await callCore(core, 'relay.devices', relay === undefined ? {} : { url: relay })).find((device) => device.id === id);
    if (!owner) throw new CliUsageError(`no device ${id} on ${relay ?? 'the relays this device is signed in to'}: list them with qwanyx relay devices`);
    const done = await callCore(core, 'relay.revokeDevice', { url: owner.relayUrl, deviceId: id });
    if (flags.json) out(JSON.stringify(done));
    else out(done.signedOut ? `Revoked this device (${owner.name}) on ${done.url}: signed out` : `Revoked ${owner.name} (${id}) on ${done.url}`);
  },
};

function describe(device: RelayDevice): string {
  const mark = device.current ? '  (this device)' : '';
  return `${device.id}  ${device.name}  ${device.relayUrl}  last seen ${device.lastSeenAt}  expires ${device.expiresAt}${mark}`;
}
