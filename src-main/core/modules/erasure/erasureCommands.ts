/**
 * `qwanyx member erase --workspace W --member M [--json]`: erases a member
 * (by id or email) from a workspace, on the relay and every device (owners
 * only); `qwanyx retention get|set|sweep`: how long messages are kept.
 * docs/erasure.md.
 */
import type { ErasureView, RetentionView } from '../../../common/contract';
import { ENTITY_ID_PATTERN } from '../../../common/ids';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';
import { findMember } from '../members/memberCommand';
import type { Core } from '../../Core';

/** The member id `who` names: a member listed by id or email, or a bare id (someone already removed). */
async function memberIdOf(core: Core, workspaceId: string, who: string): Promise<string> {
  try {
    return (await findMember(core, workspaceId, who)).userId;
  } catch (err) {
    if (err instanceof CliUsageError && ENTITY_ID_PATTERN.test(who)) return who;
    throw err;
  }
}

function describeErasure(v: ErasureView): string {
  const c = v.counts;
  const what = v.kind === 'member' ? `Erased member ${v.memberId}` : `Erased the messages created before ${new Date(v.before ?? 0).toISOString()}`;
  return `${what}: ${c.messages} messages, ${c.files} files, ${c.reactions} reactions, ${c.reads} read pointers, ${c.pins} pins, ${c.memories} memories; history of ${c.docs} docs rewritten.`;
}

function describeRetention(v: RetentionView): string {
  return v.days === null ? 'Messages are kept forever.' : `Messages are kept ${v.days} days, then erased.`;
}

export const memberEraseCommand: CliCommand = {
  name: 'member',
  subcommands: {
    erase: {
      usage: 'member erase --workspace W --member <user id|email> [--json]',
      notes: ['(owners: removes their messages, files, reactions, read pointers and what digital humans learnt from them, on the relay and every device)'],
      flags: { workspace: 'string', member: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        if (typeof flags.member !== 'string' || flags.member.length === 0) throw new CliUsageError('--member names the member to erase (id or email)');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const memberId = await memberIdOf(core, workspaceId, flags.member);
        const v = await callCore(core, 'member.erase', { workspaceId, memberId });
        out(flags.json ? JSON.stringify(v) : describeErasure(v));
      },
    },
  },
};

export const retentionCommand: CliCommand = {
  name: 'retention',
  subcommands: {
    get: {
      usage: 'retention get --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const v = await callCore(core, 'retention.get', { workspaceId });
        out(flags.json ? JSON.stringify(v) : describeRetention(v));
      },
    },
    set: {
      usage: 'retention set --workspace W --days <N|forever> [--json]',
      notes: ['(owners: messages older than N days are erased, now and every hour)'],
      flags: { workspace: 'string', days: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const text = flags.days;
        if (typeof text !== 'string' || (text !== 'forever' && !/^\d+$/.test(text))) throw new CliUsageError('--days takes a whole number of days or forever');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const v = await callCore(core, 'retention.set', { workspaceId, days: text === 'forever' ? null : Number(text) });
        out(flags.json ? JSON.stringify(v) : describeRetention(v));
      },
    },
    sweep: {
      usage: 'retention sweep --workspace W [--json]',
      notes: ['(owners: erases now the messages past the retention)'],
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const v = await callCore(core, 'retention.sweep', { workspaceId });
        if (flags.json) return out(JSON.stringify(v));
        out(v ? describeErasure(v) : 'Messages are kept forever: nothing to erase.');
      },
    },
  },
};
