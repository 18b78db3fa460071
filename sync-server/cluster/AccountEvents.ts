/**
 * Account changes that must reach every node, not only the one that made
 * them: a member's role changed (4409), a member removed (4403), a
 * workspace erased from the relay (4411, `{t: 'erased', ws, at}`), a device
 * revoked or expired (4410), which close sockets, and a member id bound to
 * an account (policy/MemberIds.ts), which each node's checks learn. On one
 * node they go straight to the local listener; with several, they also go
 * out on the Redis channel `qwanyx:accounts` as JSON
 * `{ n: node, t: 'role' | 'removed' | 'device' | 'bound', … }` and each
 * other node applies them. A message that does not parse is dropped. A node
 * that misses one (Redis down) still refuses the socket on its next connect
 * (the accounts, in PostgreSQL, are checked there) and finds a binding it
 * missed when it next looks the id up.
 */
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../../src-main/common/Logger';
import type { MembershipListener } from '../accounts/WorkspaceService';
import type { DeviceListener } from '../auth/DeviceService';
import type { BindingListener } from '../policy/MemberIds';

const CHANNEL = 'qwanyx:accounts';

const eventSchema = z.discriminatedUnion('t', [
  z.object({ n: z.string(), t: z.literal('role'), ws: z.string().max(200), user: z.string().max(200) }),
  z.object({ n: z.string(), t: z.literal('removed'), ws: z.string().max(200), user: z.string().max(200) }),
  z.object({ n: z.string(), t: z.literal('erased'), ws: z.string().max(200), at: z.number().int().nonnegative().optional() }),
  z.object({ n: z.string(), t: z.literal('device'), device: z.string().max(200), why: z.enum(['revoked', 'expired']) }),
  z.object({ n: z.string(), t: z.literal('bound'), ws: z.string().max(200), member: z.string().max(200), user: z.string().max(200) }),
]);

/** What applies account changes on a node: the connection registry closes sockets, the member ids learn bindings. */
export type AccountListener = MembershipListener & DeviceListener & BindingListener;

export class AccountEvents implements AccountListener {
  private constructor(
    private readonly local: AccountListener,
    private readonly nodeId: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly logger: Logger,
  ) {}

  /** Account events of node `nodeId`, shared over Redis at `url`; `local` applies them here. */
  static async open(url: string, nodeId: string, local: AccountListener, logger: Logger): Promise<AccountEvents> {
    const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const sub = new Redis(url, { lazyConnect: true });
    for (const conn of [pub, sub]) conn.on('error', (err: Error) => logger('warn', 'accounts.redis_error', { err }));
    try {
      await Promise.all([pub.connect(), sub.connect()]);
      const events = new AccountEvents(local, nodeId, pub, sub, logger);
      sub.on('message', (_channel: string, text: string) => events.receive(text));
      await sub.subscribe(CHANNEL);
      return events;
    } catch (err) {
      pub.disconnect();
      sub.disconnect();
      throw err;
    }
  }

  roleChanged(workspaceId: string, userId: string): void {
    this.local.roleChanged(workspaceId, userId);
    this.publish({ n: this.nodeId, t: 'role', ws: workspaceId, user: userId });
  }

  memberRemoved(workspaceId: string, userId: string): void {
    this.local.memberRemoved(workspaceId, userId);
    this.publish({ n: this.nodeId, t: 'removed', ws: workspaceId, user: userId });
  }

  workspaceErased(workspaceId: string, at: number): void {
    this.local.workspaceErased(workspaceId, at);
    this.publish({ n: this.nodeId, t: 'erased', ws: workspaceId, at });
  }

  deviceClosed(deviceId: string, why: 'revoked' | 'expired'): void {
    this.local.deviceClosed(deviceId, why);
    this.publish({ n: this.nodeId, t: 'device', device: deviceId, why });
  }

  memberBound(workspaceId: string, memberId: string, userId: string): void {
    this.local.memberBound(workspaceId, memberId, userId);
    this.publish({ n: this.nodeId, t: 'bound', ws: workspaceId, member: memberId, user: userId });
  }

  async close(): Promise<void> {
    this.sub.disconnect();
    await this.pub.quit().catch(() => undefined);
  }

  private publish(event: z.infer<typeof eventSchema>): void {
    this.pub.publish(CHANNEL, JSON.stringify(event)).catch((err: unknown) => this.logger('warn', 'accounts.publish_failed', { event: event.t, err }));
  }

  private receive(text: string): void {
    let event: z.infer<typeof eventSchema>;
    try {
      event = eventSchema.parse(JSON.parse(text));
    } catch {
      // Not one of ours: nothing to close.
      return;
    }
    if (event.n === this.nodeId) return;
    if (event.t === 'role') this.local.roleChanged(event.ws, event.user);
    else if (event.t === 'removed') this.local.memberRemoved(event.ws, event.user);
    else if (event.t === 'erased') this.local.workspaceErased(event.ws, event.at ?? Date.now());
    else if (event.t === 'device') this.local.deviceClosed(event.device, event.why);
    else this.local.memberBound(event.ws, event.member, event.user);
  }
}
