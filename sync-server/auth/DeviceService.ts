/**
 * A user's signed-in devices: listing them, revoking one (from another
 * device, or the device itself signing out), and expiring the unused ones.
 * A revoked or expired device's token stops working at once, and its open
 * sockets are closed by the `DeviceListener` (the live connection registry)
 * with 4410, so a lost laptop loses its access the moment it is revoked.
 */
import type { Logger } from '../../src-main/common/Logger';
import { RelayNotFoundError } from '../RelayError';
import type { AccountStore, DeviceSession } from '../storage/AccountStore';

/** Told when a device's token stops working, so its live connections close. */
export interface DeviceListener {
  deviceClosed(deviceId: string, why: 'revoked' | 'expired'): void;
}

/** A device as `GET /v1/devices` lists it (times ISO 8601). */
export interface DeviceView {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The device making the call. */
  current: boolean;
}

/** Dependencies of `DeviceService`. */
export interface DeviceServiceDeps {
  accounts: AccountStore;
  listener: DeviceListener;
  logger: Logger;
  now?: () => number;
}

/** Expired devices are looked for at most this often, and at least every minute. */
const MAX_SWEEP_MS = 60_000;

export class DeviceService {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: DeviceServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The caller's unexpired devices, oldest first. */
  async list(session: DeviceSession): Promise<DeviceView[]> {
    const iso = (ms: number): string => new Date(ms).toISOString();
    return (await this.deps.accounts.devicesOf(session.user.id, this.now())).map((d) => ({
      id: d.id,
      name: d.name,
      createdAt: iso(d.createdAt),
      lastSeenAt: iso(d.lastSeenAt),
      expiresAt: iso(d.expiresAt),
      current: d.id === session.deviceId,
    }));
  }

  /** Revokes one of the caller's devices (possibly the calling one); its sockets close with 4410. */
  async revoke(session: DeviceSession, deviceId: string): Promise<void> {
    if (!(await this.deps.accounts.deleteDevice(deviceId, session.user.id))) {
      throw new RelayNotFoundError(`You have no device ${deviceId} on this relay (already revoked or expired?). List them with GET /v1/devices.`);
    }
    this.deps.logger('info', 'device.revoked', { userId: session.user.id, deviceId, by: session.deviceId });
    this.deps.listener.deviceClosed(deviceId, 'revoked');
  }

  /** Deletes the devices expired by now and closes their sockets; returns how many there were. */
  async sweepExpired(): Promise<number> {
    const ids = await this.deps.accounts.deleteExpiredDevices(this.now());
    for (const id of ids) {
      this.deps.logger('info', 'device.expired', { deviceId: id });
      this.deps.listener.deviceClosed(id, 'expired');
    }
    return ids.length;
  }

  /** Sweeps every `min(ttl / 2, 1 min)` (at least every second) until `stop`. */
  start(deviceTtlSeconds: number): void {
    const every = Math.max(1000, Math.min(MAX_SWEEP_MS, (deviceTtlSeconds * 1000) / 2));
    this.timer = setInterval(() => {
      this.sweepExpired().catch((err: unknown) => {
        // A busy, closing or unreachable database: the next sweep tries again.
        this.deps.logger('warn', 'device.sweep_failed', { err });
      });
    }, every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
